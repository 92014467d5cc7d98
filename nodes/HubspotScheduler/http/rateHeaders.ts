/** HubSpot's `X-HubSpot-RateLimit-*` and `Retry-After` headers, read from an answer (success or error). */

export interface RateLimitHeaders {
	max?: number;
	remaining?: number;
	intervalMs?: number;
	/** Retry-After, when the answer had one. */
	retryAfterMs?: number;
}

function headerNumber(
	headers: Record<string, unknown> | undefined,
	name: string,
): number | undefined {
	if (!headers) return undefined;
	const value = headers[name] ?? headers[name.toLowerCase()];
	const number = Number(Array.isArray(value) ? value[0] : value);
	return value === undefined || value === null || value === '' || !Number.isFinite(number)
		? undefined
		: number;
}

export function readRateLimitHeaders(
	headers: Record<string, unknown> | undefined,
): RateLimitHeaders {
	return {
		max: headerNumber(headers, 'x-hubspot-ratelimit-max'),
		remaining: headerNumber(headers, 'x-hubspot-ratelimit-remaining'),
		intervalMs: headerNumber(headers, 'x-hubspot-ratelimit-interval-milliseconds'),
		retryAfterMs: retryAfterMs(headers),
	};
}

/** Retry-After in milliseconds (seconds or an HTTP date), if HubSpot sent one. */
export function retryAfterMs(headers: Record<string, unknown> | undefined): number | undefined {
	const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const text = String(Array.isArray(raw) ? raw[0] : raw);
	const seconds = Number(text);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(text);
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}
