/**
 * What went wrong with a request, read out of whatever n8n's request helper threw: HubSpot's status and
 * error body, a network error code, or a failure of the OAuth2 token renewal n8n ran before it. Only these
 * parts are kept: the raw error also holds the request, and with it the Authorization header and the
 * client secret, which must never reach an output item or a log. hubspotErrors.ts turns this into words.
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
	errors?: Array<{
		message?: string;
		in?: string;
		code?: string;
		context?: Record<string, unknown>;
	}>;
}

export interface HttpFailure {
	statusCode?: number;
	/** The answer's body when it was a JSON object (HubSpot's error shape); a text answer becomes `{ message }`. */
	body?: HubspotErrorBody;
	/** When the answer was not JSON (an HTML page from a proxy, plain text): its tags stripped, shortened. */
	page?: string;
	/** Node's network error code (ECONNREFUSED, ETIMEDOUT, …) when no response arrived. */
	networkCode?: string;
	headers?: Record<string, unknown>;
	/** The failure came from renewing the OAuth2 access token (after HubSpot refused the expired one with 401). */
	tokenRenewal?: boolean;
	/** The OAuth2 grant is gone (revoked, refresh token expired): only reconnecting the credential helps. */
	reconnect?: { message?: string };
}

/** HubSpot's OAuth2 token endpoint (`/oauth/v1/token`, `/oauth/2026-03/token`), where n8n renews tokens. */
const TOKEN_ENDPOINT = /\/oauth\/[^/?#]+\/token(?:[/?#]|$)/;

/** Connection failures where the request never left this machine, so HubSpot cannot have acted on it. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Status texts for pages that have no title. */
const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	408: 'Request Timeout',
	409: 'Conflict',
	413: 'Payload Too Large',
	415: 'Unsupported Media Type',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	501: 'Not Implemented',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** The error shapes n8n and its OAuth2 client throw, as far as they are read here. */
interface ThrownShape {
	response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
	config?: { url?: unknown };
	httpCode?: string | null;
	code?: string;
	message?: string;
	context?: { data?: unknown };
	failure?: { cause?: string };
	// The OAuth2 client's errors when the token endpoint refuses a renewal (ResponseError, AuthError).
	status?: unknown;
	body?: unknown;
}

export function readHttpFailure(error: unknown): HttpFailure {
	const candidates: ThrownShape[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		candidates.push(current as ThrownShape);
		current = (current as { cause?: unknown }).cause;
	}
	const failure: HttpFailure = {};
	let answer: unknown;
	for (const c of candidates) {
		const reconnectWording = /needs to be reconnected/.test(c.message ?? '');
		if (c.failure?.cause === 'credential-invalid' || reconnectWording) {
			// n8n 2.x: the token endpoint answered invalid_grant, and n8n says so in its own words.
			failure.reconnect ??= {};
			if (reconnectWording) failure.reconnect.message ??= c.message;
		}
		const oauthClientError = (c.code === 'EAUTH' || c.code === 'ESTATUS') && c.body !== undefined;
		if (
			oauthClientError ||
			(typeof c.config?.url === 'string' && TOKEN_ENDPOINT.test(c.config.url))
		) {
			failure.tokenRenewal = true;
		}
		if (oauthClientError && (c.body as { error?: unknown })?.error === 'invalid_grant')
			failure.reconnect ??= {};
		if (failure.statusCode === undefined && c.response?.status)
			failure.statusCode = c.response.status;
		if (typeof c.status === 'number' && c.body !== undefined) {
			failure.statusCode ??= c.status;
			answer ??= c.body;
		}
		if (answer === undefined && c.response?.data !== undefined) answer = c.response.data;
		if (answer === undefined && c.context?.data && typeof c.context.data === 'object')
			answer = c.context.data;
		if (failure.headers === undefined && c.response?.headers) failure.headers = c.response.headers;
		if (failure.statusCode === undefined && c.httpCode && /^\d{3}$/.test(c.httpCode))
			failure.statusCode = Number(c.httpCode);
		if (
			failure.networkCode === undefined &&
			typeof c.code === 'string' &&
			/^E[A-Z_]+$/.test(c.code) &&
			c.code !== 'ESTATUS' &&
			c.code !== 'EAUTH'
		) {
			failure.networkCode = c.code;
		}
	}
	if (failure.reconnect) failure.tokenRenewal = true;
	Object.assign(failure, readAnswer(answer, failure.statusCode));
	return failure;
}

/** An answer's body: HubSpot's JSON error as it is; a page or text as a short message plus its text. */
export function readAnswer(data: unknown, statusCode?: number): Pick<HttpFailure, 'body' | 'page'> {
	if (data && typeof data === 'object' && !Buffer.isBuffer(data))
		return { body: data as HubspotErrorBody };
	const text = (
		Buffer.isBuffer(data) ? data.toString('utf8') : typeof data === 'string' ? data : ''
	).trim();
	if (!text) return {};
	try {
		const parsed = JSON.parse(text) as unknown;
		if (parsed && typeof parsed === 'object') return { body: parsed as HubspotErrorBody };
	} catch {
		// not JSON: a page or a text
	}
	const page = plainText(text);
	const short = isHtml(text) ? pageTitle(text, statusCode) : page.split(/(?<=[.!?])\s/)[0];
	return {
		body: {
			message: shorten(
				short || STATUS_TEXT[statusCode ?? 0] || `HTTP ${statusCode ?? 'error'}`,
				200,
			),
		},
		page: shorten(page, 500),
	};
}

function isHtml(text: string): boolean {
	return /^<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]/i.test(text);
}

/** A page's <title> without the status code it repeats ("502 Bad Gateway" → "Bad Gateway"), else the status text. */
function pageTitle(html: string, statusCode?: number): string {
	const title = plainText(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '');
	const withoutCode = statusCode
		? title.replace(new RegExp(`^${statusCode}\\b\\s*[-:]?\\s*`), '')
		: title;
	return (
		withoutCode ||
		STATUS_TEXT[statusCode ?? 0] ||
		plainText(/<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? '')
	);
}

/** Text without tags, comments, scripts and styles, entities decoded, whitespace collapsed. */
function plainText(html: string): string {
	return html
		.replace(/<!--[\s\S]*?-->|<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(
			/&(amp|lt|gt|quot|#39|nbsp);/g,
			(entity) =>
				({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' })[
					entity
				] ?? entity,
		)
		.replace(/\s+/g, ' ')
		.trim();
}

function shorten(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Whether HubSpot may have acted on a request that failed like this: it answered 5xx (except 503, which
 * HubSpot documents as "temporarily unavailable": it did not take the request), or the connection failed
 * after the request may have left. Refusals (4xx, 429), a failed token renewal (HubSpot refused the expired
 * token first) and connections that never opened mean it did not.
 */
export function mayHaveActed(failure: HttpFailure): boolean {
	if (failure.tokenRenewal) return false;
	if (failure.statusCode !== undefined)
		return failure.statusCode >= 500 && failure.statusCode !== 503;
	return !(failure.networkCode && NEVER_SENT.has(failure.networkCode));
}
