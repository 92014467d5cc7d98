/**
 * HubspotEmulator: a node:http server that answers like api.hubapi.com for the endpoints the node uses,
 * and checks every request (and its own every response) against HubSpot's OpenAPI specs.
 *
 * Request pipeline: record -> route -> validate -> authenticate -> rate limit -> injected faults
 * -> latency -> handler -> response self-check.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
	DEFAULT_CLIENT_SCOPES,
	RateLimiter,
	TokenStore,
	bearerToken,
	rateLimitedBody,
	type OAuthClient,
	type RateLimitConfig,
	type TokenInfo,
} from './auth';
import { HttpError, errorBody, type EmulatorResponse } from './errors';
import { installDefaultHandlers } from './handlers';
import { defaultPropertyOptions, seedOwners, type Owner, type PropertyOption } from './seed';
import {
	getSpecRegistry,
	mediaType,
	validateRequest,
	type SpecOperation,
	type SpecRegistry,
} from './spec';

export interface EmulatorOptions {
	/** 0 (default) = a free port */
	port?: number;
	/** default: seedOwners() */
	owners?: Owner[];
	/** keyed by property name ('hs_activity_type', 'hs_meeting_outcome'); replaces that property's default options */
	propertyOptions?: Record<string, PropertyOption[]>;
	/** default { max: 100000, intervalMs: 10000 }; a rolling window per access token */
	rateLimit?: RateLimitConfig;
	/** delay before each handler runs; default 0 */
	latencyMs?: number;
	/** default true: request bodies may only contain properties the spec declares */
	strictBodies?: boolean;
	/** default: env HUBSPOT_OPENAPI_DIR, else the contract in test/emulator/contract */
	specDir?: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	rawBody: string;
	status: number;
	validationErrors: string[];
	operationId?: string;
	responseBody: unknown;
	/** Date.now() when the request arrived (before any latency or fault delay) */
	receivedAt: number;
}

export interface Fault {
	method?: string;
	/** exact request path, the spec path template (e.g. '/crm/owners/2026-03/{ownerId}'), or a RegExp on the path */
	path?: string | RegExp;
	status: number;
	/** default: a HubSpot error body for the status */
	body?: unknown;
	headers?: Record<string, string>;
	/** how many matching requests get this answer; default 1 */
	times?: number;
	/** handle the request first (e.g. create the meeting), then answer with the fault: an outcome the client cannot know */
	afterHandler?: boolean;
	/** wait this long before answering (client time-outs) */
	delayMs?: number;
	/** close the connection without answering (socket hang up / ECONNRESET); with afterHandler, after acting */
	dropConnection?: boolean;
	/** only requests this accepts get the fault (e.g. one item's create, picked by its title) */
	when?: (request: RecordedRequest) => boolean;
}

/** One meeting the create endpoint made, by what makes two creates "the same meeting". */
export interface Creation {
	id: string;
	key: string;
}

export interface HandlerContext {
	emulator: HubspotEmulator;
	operation: SpecOperation;
	/** the path template the request matched */
	template: string;
	path: string;
	/** path params, coerced to the spec's types */
	params: Record<string, unknown>;
	/** query params, coerced to the spec's types (undeclared ones stay strings) */
	query: Record<string, unknown>;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	/** the caller's token (undefined for unauthenticated endpoints) */
	token?: TokenInfo;
	request: RecordedRequest;
}

export type Handler = (ctx: HandlerContext) => EmulatorResponse | Promise<EmulatorResponse>;

export interface IssuedToken {
	accessToken: string;
	refreshToken: string;
	grantType: string;
}

const ROUTE_KEY = /^([A-Z]+) (\/.*)$/;
const FIRST_MEETING_ID = 90000000001;

function parseForm(raw: string): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of new URLSearchParams(raw)) {
		const prev = out[k];
		out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
	}
	return out;
}

export class HubspotEmulator {
	readonly requests: RecordedRequest[] = [];
	readonly responseValidationErrors: string[] = [];
	readonly issuedTokens: IssuedToken[] = [];
	readonly meetings = new Map<string, any>(); // eslint-disable-line @typescript-eslint/no-explicit-any
	/** Every meeting created, never forgotten (deletes included), so duplicates are counted, not assumed. */
	readonly creations: Creation[] = [];
	/** The account's owners (mutable: tests may push or edit owners between calls). */
	readonly owners: Owner[];
	readonly propertyOptions: Record<string, PropertyOption[]>;
	/** Registered OAuth clients by client id (used by the token endpoint). */
	readonly oauthClients = new Map<string, OAuthClient>();
	/** Authorization codes already exchanged (codes are single-use). */
	readonly usedAuthorizationCodes = new Set<string>();

	private readonly spec: SpecRegistry;
	private readonly tokens = new TokenStore();
	private readonly rateLimiter: RateLimiter;
	private readonly handlers = new Map<string, Handler>();
	private faults: (Fault & { remaining: number })[] = [];
	private server?: Server;
	private url = '';
	private meetingSeq = FIRST_MEETING_ID;
	private tokenSeq = 0;
	private readonly latencyMs: number;
	private readonly strictBodies: boolean;

	constructor(private readonly options: EmulatorOptions = {}) {
		this.spec = getSpecRegistry(options.specDir);
		this.owners = (options.owners ?? seedOwners()).map((o) => ({ ...o }));
		this.propertyOptions = { ...defaultPropertyOptions(), ...(options.propertyOptions ?? {}) };
		this.rateLimiter = new RateLimiter(options.rateLimit ?? { max: 100000, intervalMs: 10000 });
		this.latencyMs = options.latencyMs ?? 0;
		this.strictBodies = options.strictBodies ?? true;
		installDefaultHandlers(this);
	}

	get baseUrl(): string {
		return this.url;
	}

	start(): Promise<string> {
		if (this.server) return Promise.resolve(this.url);
		const server = createServer((req, res) => void this.onRequest(req, res));
		this.server = server;
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.options.port ?? 0, '127.0.0.1', () => {
				const { port } = server.address() as AddressInfo;
				this.url = `http://127.0.0.1:${port}`;
				resolve(this.url);
			});
		});
	}

	stop(): Promise<void> {
		const server = this.server;
		if (!server) return Promise.resolve();
		this.server = undefined;
		return new Promise((resolve, reject) => {
			server.close((err) => (err ? reject(err) : resolve()));
			server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
		});
	}

	/** Clears requests, faults, created meetings and rate windows; keeps tokens, owners and clients. */
	reset(): void {
		this.requests.length = 0;
		this.responseValidationErrors.length = 0;
		this.faults = [];
		this.meetings.clear();
		this.creations.length = 0;
		this.meetingSeq = FIRST_MEETING_ID;
		this.rateLimiter.reset();
	}

	// -- auth ------------------------------------------------------------------------------------

	/** Default: every scope, never expires. */
	addAccessToken(token: string, opts: { scopes?: string[]; expiresInMs?: number } = {}): void {
		this.tokens.add(token, opts);
	}

	expireAccessToken(token: string): void {
		this.tokens.expire(token);
	}

	registerOAuthClient(client: OAuthClient): void {
		this.oauthClients.set(client.clientId, { ...client });
	}

	/** Issues and registers a 30-minute access token for `client` (used by the token endpoint). */
	issueToken(client: OAuthClient, grantType: string): { accessToken: string; scopes: string[] } {
		const accessToken = `emu-at-${++this.tokenSeq}`;
		const scopes = client.scopes ?? DEFAULT_CLIENT_SCOPES;
		this.tokens.add(accessToken, { scopes, expiresInMs: 1800 * 1000, oauth: true });
		this.issuedTokens.push({ accessToken, refreshToken: client.refreshToken, grantType });
		return { accessToken, scopes: [...scopes] };
	}

	// -- faults, handlers, data ------------------------------------------------------------------

	injectFault(fault: Fault): void {
		this.faults.push({ ...fault, remaining: fault.times ?? 1 });
	}

	/**
	 * Registers (or replaces) the handler of one operation. `key` is a spec operationId
	 * ('post-/scheduler/2026-03/meetings/calendar') or 'METHOD /path/template' ('GET /crm/v3/owners/{ownerId}').
	 */
	handle(key: string, fn: Handler): void {
		const m = ROUTE_KEY.exec(key);
		if (m) {
			const known = this.spec.routeKeys().includes(key);
			if (!known) throw new Error(`HubspotEmulator.handle: no spec'd route ${key}`);
			this.handlers.set(key, fn);
			return;
		}
		const op = this.spec.operations.find((o) => o.operationId === key);
		if (!op) throw new Error(`HubspotEmulator.handle: unknown operationId ${key}`);
		this.handlers.set(`${op.method} ${op.template}`, fn);
	}

	nextMeetingId(): string {
		return String(this.meetingSeq++);
	}

	/** Records a created meeting under its idempotency key (organizer, title, start, end, timezone). */
	recordCreation(
		id: string,
		organizerUserId: string,
		body: { properties?: Record<string, unknown>; timezone?: unknown },
	): void {
		const p = body.properties ?? {};
		const key = [
			organizerUserId,
			p.hs_meeting_title,
			p.hs_meeting_start_time,
			p.hs_meeting_end_time,
			body.timezone,
		].join('|');
		this.creations.push({ id, key });
	}

	/** How many creates repeated an earlier create's key. */
	duplicateCreations(): number {
		const seen = new Set<string>();
		let duplicates = 0;
		for (const { key } of this.creations) {
			if (seen.has(key)) duplicates++;
			seen.add(key);
		}
		return duplicates;
	}

	createdMeetingCount(): number {
		return this.meetings.size;
	}

	// -- request pipeline ------------------------------------------------------------------------

	private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');

		// 1. record (JSON and form bodies parsed; parse failures surface in validation)
		const query = parseForm(url.search.slice(1));
		const type = mediaType(req.headers['content-type']);
		let body: unknown;
		let bodyError: string | undefined;
		if (rawBody !== '') {
			if (type === 'application/json' || type.endsWith('+json')) {
				try {
					body = JSON.parse(rawBody);
				} catch (e) {
					body = rawBody;
					bodyError = `body is not valid JSON (${(e as Error).message})`;
				}
			} else if (type === 'application/x-www-form-urlencoded') {
				body = parseForm(rawBody);
			} else {
				body = rawBody;
			}
		}
		const record: RecordedRequest = {
			method: (req.method ?? 'GET').toUpperCase(),
			path: url.pathname,
			query,
			headers: { ...req.headers },
			body,
			rawBody,
			status: 0,
			validationErrors: [],
			responseBody: undefined,
			receivedAt: Date.now(),
		};
		this.requests.push(record);

		const token = bearerToken(req.headers.authorization);
		let response: EmulatorResponse;
		try {
			response = await this.process(record, req, bodyError);
		} catch (e) {
			const msg = `emulator crashed on ${record.method} ${record.path}: ${(e as Error).stack ?? e}`;
			this.responseValidationErrors.push(msg);
			record.validationErrors.push(msg);
			response = { status: 500, body: errorBody('INTERNAL_ERROR', 'Emulator internal error') };
		}

		if (response.drop) {
			record.status = 0;
			req.socket.destroy();
			return;
		}
		const info = this.tokens.get(token);
		const headers: Record<string, string> = {
			...this.rateLimiter.headers(token ?? 'anonymous', !info?.oauth),
			...(response.headers ?? {}),
		};
		record.status = response.status;
		record.responseBody = response.body;
		if (response.body !== undefined && response.status !== 204) {
			headers['Content-Type'] ??= 'application/json;charset=utf-8';
			res.writeHead(response.status, headers);
			res.end(typeof response.body === 'string' ? response.body : JSON.stringify(response.body));
		} else {
			res.writeHead(response.status, headers);
			res.end();
		}
	}

	private async process(
		record: RecordedRequest,
		req: IncomingMessage,
		bodyError?: string,
	): Promise<EmulatorResponse> {
		// 2. route
		const match = this.spec.match(record.method, record.path);
		if (!match) {
			return {
				status: 404,
				body: errorBody(
					'OBJECT_NOT_FOUND',
					`No HubSpot API route matches ${record.method} ${record.path}`,
				),
			};
		}
		const { operation } = match;
		record.operationId = operation.operationId;
		const finish = (r: EmulatorResponse): EmulatorResponse =>
			this.checkResponse(record, operation, r);

		// 3. validate
		const checked = validateRequest(this.spec, operation, {
			params: match.params,
			query: record.query,
			contentType: req.headers['content-type'],
			body: record.body,
			bodyError,
			strictBodies: this.strictBodies,
		});
		if (checked.errors.length) {
			record.validationErrors.push(...checked.errors.map((e) => `${e.in}: ${e.message}`));
			const summary = checked.errors.map((e) => `${e.in} ${e.message}`).join('; ');
			return finish({
				status: 400,
				body: errorBody('VALIDATION_ERROR', `Invalid input JSON: ${summary}`, {
					errors: checked.errors,
				}),
			});
		}

		// 4. authenticate (only the OAuth token endpoints are open)
		let token: TokenInfo | undefined;
		const open = operation.security.length === 0 && match.template.startsWith('/oauth/');
		if (!open) {
			const auth = this.tokens.authorize(req.headers.authorization, operation);
			if (!auth.ok) return finish({ status: auth.status, body: auth.body });
			token = auth.token;

			// 5. rate limit
			if (!this.rateLimiter.consume(token.token))
				return finish({ status: 429, body: rateLimitedBody() });
		}

		// 6. injected faults (not checked against the spec: tests may want off-spec answers)
		const fault = this.takeFault(record, match.template);
		if (fault && !fault.afterHandler) {
			if (fault.delayMs) await sleep(fault.delayMs);
			return fault.dropConnection ? { status: 0, drop: true } : fault.response;
		}

		// 7. latency, then the handler
		if (this.latencyMs > 0) await sleep(this.latencyMs);
		const handler =
			this.handlers.get(`${operation.method} ${match.template}`) ??
			this.handlers.get(`${operation.method} ${operation.template}`);
		if (!handler) {
			return finish({
				status: 501,
				body: errorBody(
					'NOT_IMPLEMENTED',
					`The emulator has no handler for ${operation.operationId} yet`,
				),
			});
		}
		try {
			const handled = finish(
				await handler({
					emulator: this,
					operation,
					template: match.template,
					path: record.path,
					params: checked.params,
					query: checked.query,
					headers: record.headers,
					body: record.body,
					token,
					request: record,
				}),
			);
			if (fault?.afterHandler) {
				if (fault.delayMs) await sleep(fault.delayMs);
				return fault.dropConnection ? { status: 0, drop: true } : fault.response;
			}
			return handled;
		} catch (e) {
			if (e instanceof HttpError)
				return finish({ status: e.status, body: e.body, headers: e.headers });
			throw e;
		}
	}

	private takeFault(
		record: RecordedRequest,
		template: string,
	): (Fault & { response: EmulatorResponse }) | undefined {
		const { method, path } = record;
		const i = this.faults.findIndex(
			(f) =>
				f.remaining > 0 &&
				(!f.method || f.method.toUpperCase() === method) &&
				(f.path === undefined ||
					(f.path instanceof RegExp
						? f.path.test(path)
						: f.path === path || f.path === template)) &&
				(f.when === undefined || f.when(record)),
		);
		if (i < 0) return undefined;
		const fault = this.faults[i];
		if (--fault.remaining <= 0) this.faults.splice(i, 1);
		const body =
			fault.body !== undefined
				? fault.body
				: errorBody('INJECTED_FAULT', `Injected fault: HTTP ${fault.status}`);
		return { ...fault, response: { status: fault.status, body, headers: fault.headers } };
	}

	/** 8. the emulator's self-check: is what it answers valid against the spec? */
	private checkResponse(
		record: RecordedRequest,
		op: SpecOperation,
		r: EmulatorResponse,
	): EmulatorResponse {
		const problems = this.spec.validateResponse(op, r.status, 'application/json', r.body);
		for (const p of problems) {
			const msg = `${record.method} ${record.path} -> ${r.status}: ${p}`;
			this.responseValidationErrors.push(msg);
			record.validationErrors.push(`emulator response invalid: ${msg}`);
		}
		return r;
	}
}

export async function startEmulator(options?: EmulatorOptions): Promise<HubspotEmulator> {
	const emulator = new HubspotEmulator(options);
	await emulator.start();
	return emulator;
}
