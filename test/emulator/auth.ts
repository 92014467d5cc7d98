/** Access tokens, OAuth clients, scope checks and HubSpot's rolling rate-limit window. */
import type { SpecOperation } from './spec';
import { errorBody, type HubspotErrorBody } from './errors';

export interface TokenInfo {
	token: string;
	/** undefined = every scope */
	scopes?: string[];
	/** epoch ms; undefined = never expires */
	expiresAt?: number;
	/** issued by the emulator's OAuth token endpoint (OAuth calls carry no daily rate-limit headers) */
	oauth: boolean;
}

export interface OAuthClient {
	clientId: string;
	clientSecret: string;
	refreshToken: string;
	scopes?: string[];
	redirectUri?: string;
	authorizationCode?: string;
}

/** Scopes granted to OAuth clients registered without an explicit list. */
export const DEFAULT_CLIENT_SCOPES = [
	'oauth',
	'crm.objects.contacts.write',
	'crm.objects.contacts.read',
	'crm.objects.owners.read',
	'scheduler.meetings.meeting-link.read',
];

export type AuthResult =
	| { ok: true; token: TokenInfo }
	| { ok: false; status: number; body: HubspotErrorBody };

export function bearerToken(authorization: string | undefined): string | undefined {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
	return m ? m[1] : undefined;
}

/** The oauth2 scopes an operation accepts (any one of them suffices); [] = no scope check. */
export function requiredScopes(op: SpecOperation): string[] {
	const scopes = new Set<string>();
	for (const alt of op.security) for (const s of alt.oauth2 ?? []) scopes.add(s);
	return [...scopes];
}

export class TokenStore {
	private readonly tokens = new Map<string, TokenInfo>();

	add(
		token: string,
		opts: { scopes?: string[]; expiresInMs?: number; oauth?: boolean } = {},
	): TokenInfo {
		const info: TokenInfo = {
			token,
			scopes: opts.scopes ? [...opts.scopes] : undefined,
			expiresAt: opts.expiresInMs === undefined ? undefined : Date.now() + opts.expiresInMs,
			oauth: !!opts.oauth,
		};
		this.tokens.set(token, info);
		return info;
	}

	get(token: string | undefined): TokenInfo | undefined {
		return token === undefined ? undefined : this.tokens.get(token);
	}

	expire(token: string): void {
		const info = this.tokens.get(token);
		if (info) info.expiresAt = Date.now() - 1;
	}

	/** Authentication plus scope check for one operation. */
	authorize(authorization: string | undefined, op: SpecOperation): AuthResult {
		const info = this.get(bearerToken(authorization));
		if (!info) {
			return {
				ok: false,
				status: 401,
				body: errorBody(
					'INVALID_AUTHENTICATION',
					'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
				),
			};
		}
		if (info.expiresAt !== undefined && info.expiresAt <= Date.now()) {
			return {
				ok: false,
				status: 401,
				body: errorBody(
					'EXPIRED_AUTHENTICATION',
					'The OAuth token used to make this call expired ' +
						`${Math.max(0, Date.now() - info.expiresAt)} millisecond(s) ago.`,
				),
			};
		}
		const required = requiredScopes(op);
		if (info.scopes && required.length > 0 && !required.some((s) => info.scopes!.includes(s))) {
			const context = { requiredGranularScopes: required };
			return {
				ok: false,
				status: 403,
				body: errorBody(
					'MISSING_SCOPES',
					"This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
					{
						errors: [{ message: 'One or more of the following scopes are required.', context }],
						context,
					},
				),
			};
		}
		return { ok: true, token: info };
	}
}

export interface RateLimitConfig {
	max: number;
	intervalMs: number;
}

export const DAILY_LIMIT = 250000;

/** Rolling window per token: the timestamps of the calls still inside the window. */
export class RateLimiter {
	private readonly windows = new Map<string, number[]>();
	private readonly daily = new Map<string, number>();

	constructor(readonly config: RateLimitConfig) {}

	private window(key: string, now: number): number[] {
		const list = (this.windows.get(key) ?? []).filter((t) => t > now - this.config.intervalMs);
		this.windows.set(key, list);
		return list;
	}

	/** Counts one call; false when the window is already full (the call is then not counted). */
	consume(key: string): boolean {
		const now = Date.now();
		const list = this.window(key, now);
		if (list.length >= this.config.max) return false;
		list.push(now);
		this.daily.set(key, (this.daily.get(key) ?? 0) + 1);
		return true;
	}

	/** The rate-limit headers for `key`'s current state. */
	headers(key: string, withDaily: boolean): Record<string, string> {
		const used = this.window(key, Date.now()).length;
		const h: Record<string, string> = {
			'X-HubSpot-RateLimit-Max': String(this.config.max),
			'X-HubSpot-RateLimit-Remaining': String(Math.max(0, this.config.max - used)),
			'X-HubSpot-RateLimit-Interval-Milliseconds': String(this.config.intervalMs),
		};
		if (withDaily) {
			h['X-HubSpot-RateLimit-Daily'] = String(DAILY_LIMIT);
			h['X-HubSpot-RateLimit-Daily-Remaining'] = String(
				Math.max(0, DAILY_LIMIT - (this.daily.get(key) ?? 0)),
			);
		}
		return h;
	}

	reset(): void {
		this.windows.clear();
		this.daily.clear();
	}
}

export function rateLimitedBody(): HubspotErrorBody {
	return errorBody('RATE_LIMITS', 'You have reached your ten_secondly_rolling limit.', {
		errorType: 'RATE_LIMIT',
		policyName: 'TEN_SECONDLY_ROLLING',
		groupName: 'publicapi:oauth:emulator-app',
	});
}
