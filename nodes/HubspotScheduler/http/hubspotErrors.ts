import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * HubSpot's failures as errors a workflow builder can act on: HubSpot's reason, the item n8n shows in
 * the error panel, and (in the description) what to do. Bad input never gets here: see input/errors.ts.
 */

/** HubSpot's error body; every field is optional in practice. */
export interface HubspotErrorBody {
	status?: string;
	message?: string;
	correlationId?: string;
	category?: string;
	subCategory?: string;
	errorType?: string;
	policyName?: string;
	context?: Record<string, unknown>;
	errors?: Array<{ message?: string; in?: string; code?: string; context?: Record<string, unknown> }>;
}

export interface HttpFailure {
	statusCode?: number;
	body?: HubspotErrorBody;
	/** Node's network error code (ECONNREFUSED, ETIMEDOUT, …) when no response arrived. */
	networkCode?: string;
	headers?: Record<string, unknown>;
}

/** What the request that failed was for, so the hint can be specific. */
export type RequestPurpose = 'createMeeting' | 'bookMeeting' | 'lookUpOwners' | 'read' | 'change';

/**
 * Pulls status, body and headers out of whatever n8n's request helper threw (a NodeApiError wrapping
 * an HTTP client error). Only these parts are kept: the raw error also holds the request, and with it
 * the Authorization header, which must never reach an output item or a log.
 */
export function readHttpFailure(error: unknown): HttpFailure {
	const candidates: unknown[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		candidates.push(current);
		current = (current as { cause?: unknown }).cause;
	}
	const failure: HttpFailure = {};
	for (const candidate of candidates) {
		const c = candidate as {
			response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
			httpCode?: string | null;
			code?: string;
			context?: { data?: unknown };
			// The OAuth2 client's error when the token endpoint refuses a refresh.
			status?: unknown;
			body?: unknown;
		};
		if (failure.statusCode === undefined && c.response?.status) failure.statusCode = c.response.status;
		if (typeof c.status === 'number' && c.body !== undefined) {
			failure.statusCode ??= c.status;
			failure.body ??= parseBody(c.body);
		}
		if (failure.body === undefined && c.response?.data !== undefined) {
			failure.body = parseBody(c.response.data);
		}
		if (failure.body === undefined && c.context?.data && typeof c.context.data === 'object') {
			failure.body = c.context.data as HubspotErrorBody;
		}
		if (failure.headers === undefined && c.response?.headers) failure.headers = c.response.headers;
		if (failure.statusCode === undefined && c.httpCode && /^\d{3}$/.test(c.httpCode)) {
			failure.statusCode = Number(c.httpCode);
		}
		if (failure.networkCode === undefined && typeof c.code === 'string' && /^E[A-Z_]+$/.test(c.code) && c.code !== 'ESTATUS') {
			failure.networkCode = c.code;
		}
	}
	return failure;
}

function parseBody(data: unknown): HubspotErrorBody | undefined {
	if (data && typeof data === 'object' && !Buffer.isBuffer(data)) return data as HubspotErrorBody;
	const text = Buffer.isBuffer(data) ? data.toString('utf8') : typeof data === 'string' ? data : '';
	if (!text) return undefined;
	try {
		const parsed = JSON.parse(text) as unknown;
		return parsed && typeof parsed === 'object' ? (parsed as HubspotErrorBody) : { message: text };
	} catch {
		return { message: text.slice(0, 500) };
	}
}

const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was closed before HubSpot answered',
	ECONNABORTED: 'no answer within the timeout',
	ETIMEDOUT: 'no answer within the timeout',
	ESOCKETTIMEDOUT: 'no answer within the timeout',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
};

/** Scopes HubSpot says are missing, wherever in the body it put them. */
export function missingScopes(body: HubspotErrorBody | undefined): string[] {
	if (!body) return [];
	const found = new Set<string>();
	const collect = (context: Record<string, unknown> | undefined) => {
		for (const key of ['missingScopes', 'requiredGranularScopes', 'requiredScopes']) {
			const value = context?.[key];
			if (Array.isArray(value)) value.forEach((scope) => found.add(String(scope)));
		}
	};
	collect(body.context);
	body.errors?.forEach((detail) => collect(detail.context));
	return [...found];
}

/** HubSpot's message and field details as one text, for matching what it complained about. */
export function whatHubspotSaid(body: HubspotErrorBody | undefined): string {
	return `${body?.message ?? ''} ${(body?.errors ?? []).map((e) => `${e.in ?? ''} ${e.message ?? ''}`).join(' ')}`;
}

function hintFor(failure: HttpFailure, purpose: RequestPurpose, organizerUserId?: string): string {
	const { statusCode, body } = failure;
	const category = body?.category ?? body?.errorType ?? '';
	const text = whatHubspotSaid(body);

	if (category === 'MISSING_SCOPES' || (statusCode === 403 && missingScopes(body).length)) {
		const scopes = missingScopes(body);
		const orOwner =
			purpose === 'lookUpOwners' ? ' Or fill in Owner ID, so the node does not need to look up the organizer\'s owner record.' : '';
		return (scopes.length
			? `Add one of these scopes to your HubSpot app (or service key), then reconnect the credential: ${scopes.join(', ')}. On the OAuth2 credential, add it to "Scope" too.`
			: 'The credential lacks a scope this call needs. Check the scopes of your HubSpot app or service key against the README, then reconnect the credential.') + orOwner;
	}
	if (/^BAD_(REFRESH_TOKEN|CLIENT_ID|CLIENT_SECRET|GRANT_TYPE|AUTH_CODE)$/.test(body?.status ?? '')) {
		return 'HubSpot refused to renew the OAuth2 access token. Open the credential and reconnect it (Connect my account); if that fails, check the client ID and secret against your HubSpot app.';
	}
	if (statusCode === 401) {
		return 'HubSpot did not accept the credential. For OAuth2, reconnect the credential; for a service key or private-app token, paste a current token.';
	}
	if (statusCode === 429) {
		return body?.policyName === 'DAILY'
			? "The HubSpot account's daily API limit is used up, so this item was not retried. The limit resets at midnight in the HubSpot account's timezone; run the item again after that."
			: 'HubSpot limits requests per rolling 10 seconds; the node paces itself and retried this item. Run fewer workflows with this HubSpot account at the same time.';
	}
	if (statusCode !== undefined && statusCode >= 500 && purpose === 'change') {
		return 'HubSpot failed while handling the request, so the change may or may not have been applied. Get the meeting to check before running this item again; it was not retried.';
	}
	if (statusCode !== undefined && statusCode >= 500) {
		return purpose === 'createMeeting' || purpose === 'bookMeeting'
			? "HubSpot failed while handling the request, so the meeting may or may not have been created. Check the organizer's calendar (or the CRM's meetings) before running this item again; it was not retried, to avoid a duplicate."
			: 'HubSpot had a temporary problem and did not recover after a few retries. Run the node again in a moment.';
	}
	if (/organizer/i.test(text)) {
		return `The Organizer must be a HubSpot user ID (the "userId" of an owner), not an owner ID${organizerUserId ? `; ${organizerUserId} is not a user in this account` : ''}. Both come from Settings → Users, or from the owners API: use "userId" for the Organizer and "id" for Owner and Attendees.`;
	}
	if (/hubspot_owner_id|owner/i.test(text)) {
		return 'Owner and Attendees take HubSpot owner IDs (the "id" of an owner), which differ from user IDs. Leave Owner empty to use the organizer\'s own owner record.';
	}
	if (/association/i.test(text)) {
		return 'Check the association rows: each record ID must exist in HubSpot, and a custom label needs the association type ID of a meeting → object label.';
	}
	if (statusCode === 404) {
		return 'HubSpot could not find what was asked for. Check the IDs, and that the API version is still supported.';
	}
	return 'Check the field named in HubSpot\'s message; the README lists what each field accepts.';
}

/**
 * Turns a failed HubSpot request into an error the user can act on, without any secret in it.
 * `itemIndex` is undefined for a dropdown, which has no item (and shows only the message).
 */
export function hubspotApiError(
	node: INode,
	error: unknown,
	itemIndex: number | undefined,
	purpose: RequestPurpose,
	organizerUserId?: string,
	/** Replaces the usual hint, e.g. why retrying stopped. */
	reason?: string,
): NodeApiError {
	const failure = readHttpFailure(error);
	const { statusCode, body, networkCode } = failure;
	const ofItem = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;

	if (statusCode === undefined) {
		// In words, not as the code: n8n replaces a message that contains ECONNREFUSED & co. with its own text.
		const reason = (networkCode && NETWORK_FAILURES[networkCode]) ?? 'no answer';
		const mayHaveActed = (purpose === 'createMeeting' || purpose === 'bookMeeting') && networkCode !== 'ECONNREFUSED';
		return new NodeApiError(node, { message: reason } as JsonObject, {
			itemIndex,
			message: `Could not reach HubSpot: ${reason}${ofItem}`,
			description: [
				mayHaveActed
					? "The connection failed after the request may have been sent, so the meeting may or may not have been created. Check the organizer's calendar (or the CRM's meetings) before running this item again; it was not retried, to avoid a duplicate."
					: 'Check the network connection and the Base URL of the credential, then run the node again.',
				networkCode ? `Error code: ${networkCode.toLowerCase()}` : undefined,
			]
				.filter(Boolean)
				.join('\n'),
		});
	}

	const said = body?.message ?? `HTTP ${statusCode}`;
	const details = [
		body?.category ? `Category: ${body.category}` : undefined,
		body?.subCategory ? `Sub-category: ${body.subCategory}` : undefined,
		body?.policyName ? `Policy: ${body.policyName}` : undefined,
		body?.correlationId ? `Correlation ID: ${body.correlationId}` : undefined,
	].filter(Boolean);
	const fieldErrors = (body?.errors ?? [])
		.map((detail) => [detail.in, detail.message].filter(Boolean).join(': '))
		.filter(Boolean);
	const description = [
		reason ?? hintFor(failure, purpose, organizerUserId),
		fieldErrors.length ? `HubSpot's details: ${fieldErrors.join('; ')}` : undefined,
		details.join(' · ') || undefined,
	]
		.filter(Boolean)
		.join('\n');

	const apiError = new NodeApiError(node, (body ?? { message: said }) as JsonObject, {
		itemIndex,
		message: `HubSpot answered ${statusCode}: ${said}${ofItem}`,
		description,
		httpCode: String(statusCode),
	});
	// Like n8n's own API errors: HubSpot's body in context.data (it holds no credential).
	if (body) apiError.context.data = body as IDataObject;
	apiError.context.hubspot = {
		statusCode,
		category: body?.category,
		correlationId: body?.correlationId,
		missingScopes: missingScopes(body),
	} as IDataObject;
	return apiError;
}

/** A pattern of HubSpot's message and the hint it calls for, for refusals one operation can explain. */
export type RefusalHint = [pattern: RegExp, hint: string];

/**
 * Puts the first matching hint before the description of a 4xx refusal (not auth or rate limits, which
 * have their own hints): what to change in this operation's input.
 */
export function addRefusalHint(apiError: NodeApiError, hints: RefusalHint[]): NodeApiError {
	const { statusCode, body } = readHttpFailure(apiError);
	if (statusCode !== undefined && statusCode >= 400 && statusCode < 500 && statusCode !== 401 && statusCode !== 403 && statusCode !== 429) {
		const said = whatHubspotSaid(body);
		const hint = hints.find(([pattern]) => pattern.test(said))?.[1];
		if (hint) apiError.description = [hint, apiError.description].filter(Boolean).join('\n');
	}
	return apiError;
}
