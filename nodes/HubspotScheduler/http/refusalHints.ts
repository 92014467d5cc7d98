import type { NodeApiError } from 'n8n-workflow';

import { readHttpFailure, whatHubspotSaid } from './hubspotErrors';

/** A pattern of HubSpot's message and the hint it calls for, for refusals one operation can explain. */
export type RefusalHint = [pattern: RegExp, hint: string];

/**
 * Puts the first matching hint before the description of a 4xx refusal (not auth or rate limits, which
 * have their own hints): what to change in this operation's input.
 */
export function addRefusalHint(apiError: NodeApiError, hints: RefusalHint[]): NodeApiError {
	const { statusCode, body } = readHttpFailure(apiError);
	if (
		statusCode !== undefined &&
		statusCode >= 400 &&
		statusCode < 500 &&
		statusCode !== 401 &&
		statusCode !== 403 &&
		statusCode !== 429
	) {
		const said = whatHubspotSaid(body);
		const hint = hints.find(([pattern]) => pattern.test(said))?.[1];
		if (hint) apiError.description = [hint, apiError.description].filter(Boolean).join('\n');
	}
	return apiError;
}
