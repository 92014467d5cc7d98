import { createHash } from 'crypto';

import type { INodeExecutionData, NodeApiError } from 'n8n-workflow';

/**
 * n8n's "Retry On Fail" runs the whole node again, every item included. What an earlier try of the same
 * execution learned about an item's create is kept here, so a later try does not send it again:
 * - the meeting was created: the earlier result is returned instead of creating it a second time;
 * - the outcome is unknown (HubSpot may have acted: a 5xx other than 503, a time-out, a dropped connection,
 *   an answer without the meeting): the same error is reported again, and nothing is sent.
 * What HubSpot certainly did not act on (a refusal, a 503, a 429, a failed token renewal) is not kept: a later
 * try sends it. The key holds the execution, node, item and a hash of the exact request, so an item whose
 * input changed is sent again.
 */

const KEEP_MS = 30 * 60 * 1000;
const MAX_ENTRIES = 50_000;

type Outcome = { items: INodeExecutionData[] } | { unknown: NodeApiError; description: string };

const outcomes = new Map<string, { expires: number; outcome: Outcome }>();

export function creationKey(parts: {
	executionId: string | undefined;
	nodeName: string;
	itemIndex: number;
	request: unknown;
}): string | undefined {
	if (!parts.executionId) return undefined;
	const requestHash = createHash('sha256').update(JSON.stringify(parts.request)).digest('hex');
	return `${parts.executionId}\u0000${parts.nodeName}\u0000${parts.itemIndex}\u0000${requestHash}`;
}

function remember(key: string | undefined, outcome: Outcome): void {
	if (!key) return;
	if (outcomes.size >= MAX_ENTRIES) {
		// Oldest first: Map keeps insertion order.
		const oldest = outcomes.keys().next().value;
		if (oldest !== undefined) outcomes.delete(oldest);
	}
	outcomes.set(key, { expires: Date.now() + KEEP_MS, outcome });
}

/**
 * What an earlier try of this execution got for the same request: its items (a copy), or — for an unknown
 * outcome — the error to report again, which this function throws.
 */
export function recallCreated(key: string | undefined): INodeExecutionData[] | undefined {
	if (!key) return undefined;
	const entry = outcomes.get(key);
	if (!entry) return undefined;
	if (entry.expires < Date.now()) {
		outcomes.delete(key);
		return undefined;
	}
	const { outcome } = entry;
	if ('unknown' in outcome) {
		outcome.unknown.description = `${outcome.description}\nn8n's Retry On Fail did not send it again: an earlier try of this execution may already have created it.`;
		throw outcome.unknown;
	}
	return outcome.items.map((item) => ({ ...item, json: { ...item.json } }));
}

export function rememberCreated(key: string | undefined, items: INodeExecutionData[]): void {
	remember(key, { items: items.map((item) => ({ ...item, json: { ...item.json } })) });
}

/** A create whose outcome is unknown: later tries of this execution report it again instead of sending it. */
export function rememberUnknownOutcome(key: string | undefined, error: NodeApiError): void {
	remember(key, { unknown: error, description: error.description ?? '' });
}
