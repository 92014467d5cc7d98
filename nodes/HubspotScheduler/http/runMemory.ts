import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { limiterKeyOf } from './endpoints';

/** A run's reads are forgotten this long after it started, so a long-lived n8n process does not pile them up. */
const RUN_MEMORY_MS = 30 * 60_000;

/** Reads of one run (execution and credential), by kind, then by what was read. */
const runs = new Map<string, { at: number; kinds: Map<string, Map<string, Promise<unknown>>> }>();

/**
 * What the items of one run have read of one `kind` (contacts by email, a link's durations …), so that items
 * naming the same thing share one read. Without an execution id there is no run to share with: a fresh map.
 */
export function runMemory<T>(
	context: IExecuteSingleFunctions,
	kind: string,
): Map<string, Promise<T>> {
	const now = Date.now();
	for (const [key, run] of runs) if (now - run.at > RUN_MEMORY_MS) runs.delete(key);
	const executionId = context.getExecutionId();
	if (!executionId) return new Map();
	const key = `${executionId}|${limiterKeyOf(context)}`;
	let run = runs.get(key);
	if (!run) runs.set(key, (run = { at: now, kinds: new Map() }));
	let reads = run.kinds.get(kind);
	if (!reads) run.kinds.set(kind, (reads = new Map()));
	return reads as Map<string, Promise<T>>;
}
