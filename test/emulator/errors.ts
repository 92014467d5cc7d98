/** HubSpot-shaped error bodies (all valid against the specs' `Error` schema). */
import { randomUUID } from 'node:crypto';

export interface HubspotErrorBody {
	status: string;
	message: string;
	correlationId: string;
	category: string;
	subCategory?: string;
	errors?: { message: string; in?: string; code?: string; context?: Record<string, string[]> }[];
	context?: Record<string, string[]>;
	links?: Record<string, string>;
	[extra: string]: unknown;
}

export function errorBody(
	category: string,
	message: string,
	extra: Partial<HubspotErrorBody> = {},
): HubspotErrorBody {
	return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

/** What a handler returns (or throws, wrapped in HttpError). */
export interface EmulatorResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** close the connection instead of answering (injected faults only) */
	drop?: boolean;
}

/** Throw from a handler to answer with an error response. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(
			typeof body === 'object' && body && 'message' in body
				? String((body as { message: unknown }).message)
				: `HTTP ${status}`,
		);
	}
}

export function validationError(
	message: string,
	errors: { message: string; in?: string }[] = [],
): HttpError {
	return new HttpError(
		400,
		errorBody('VALIDATION_ERROR', message, errors.length ? { errors } : {}),
	);
}

export function notFound(message: string): HttpError {
	return new HttpError(404, errorBody('OBJECT_NOT_FOUND', message));
}
