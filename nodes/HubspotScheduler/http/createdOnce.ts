import { createHash } from 'crypto';

import type { INodeExecutionData } from 'n8n-workflow';

/**
 * n8n's "Retry On Fail" runs the whole node again, every item included. For an item whose meeting was
 * already created in an earlier try of the same execution, the earlier result is returned instead of
 * creating the meeting a second time. The key holds the execution, node, item and a hash of the exact
 * request, so an item whose input changed is sent again.
 */

const KEEP_MS = 30 * 60 * 1000;
const MAX_ENTRIES = 50_000;

const created = new Map<string, { expires: number; items: INodeExecutionData[] }>();

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

export function recallCreated(key: string | undefined): INodeExecutionData[] | undefined {
	if (!key) return undefined;
	const entry = created.get(key);
	if (!entry) return undefined;
	if (entry.expires < Date.now()) {
		created.delete(key);
		return undefined;
	}
	return entry.items.map((item) => ({ ...item, json: { ...item.json } }));
}

export function rememberCreated(key: string | undefined, items: INodeExecutionData[]): void {
	if (!key) return;
	if (created.size >= MAX_ENTRIES) {
		// Oldest first: Map keeps insertion order.
		const oldest = created.keys().next().value;
		if (oldest !== undefined) created.delete(oldest);
	}
	created.set(key, { expires: Date.now() + KEEP_MS, items: items.map((item) => ({ ...item, json: { ...item.json } })) });
}
