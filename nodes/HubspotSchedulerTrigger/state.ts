import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers between polls, in the workflow's static data (n8n saves it after each poll
 * and keeps it across restarts): where the last window ended, since when events count, and the keys of
 * what was delivered while they can still come back in an overlapping window.
 */

/** Every window starts this far before the previous one ended, so meetings HubSpot indexed late are found. */
export const OVERLAP_MS = 5 * 60 * 1000;
/** Upper bound of remembered keys; in practice pruning by time keeps far fewer. */
export const MAX_DELIVERED = 10_000;

export interface TriggerState {
	/** Which event (and filters) the state belongs to; another one starts afresh. */
	signature: string;
	/** Events before this moment never fire (activation time, or earlier with "Include Last Hours"). */
	since: number;
	/** When the previous poll began (epoch ms). */
	lastPollAt: number;
	/** Delivered keys → the time that places them in a window (creation, change or start time). */
	delivered: Record<string, number>;
}

/** The state kept for `signature`, or undefined on the first poll (or after the event was changed). */
export function loadState(staticData: IDataObject, signature: string): TriggerState | undefined {
	const saved = staticData.meetingTrigger as TriggerState | undefined;
	return saved && saved.signature === signature ? saved : undefined;
}

export function saveState(staticData: IDataObject, state: TriggerState): void {
	staticData.meetingTrigger = state as unknown as IDataObject;
}

/** Forgets keys no later window can return (older than `floor`), then the oldest beyond MAX_DELIVERED. */
export function pruneDelivered(
	delivered: Record<string, number>,
	floor: number,
): Record<string, number> {
	const kept = Object.entries(delivered)
		.filter(([, at]) => at >= floor)
		.sort((a, b) => b[1] - a[1])
		.slice(0, MAX_DELIVERED);
	return Object.fromEntries(kept);
}
