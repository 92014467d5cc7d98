import { sleep } from 'n8n-workflow';

import { limiterKeyOf, type HubspotContext } from './request';

/**
 * HubSpot's CRM search has its own limit, about 5 requests per second per account, apart from the
 * 10-second burst window the rate limiter paces. Searches of one credential are spaced so that all of
 * them together (every poll of every workflow using it in this n8n process) stay under 4 a second.
 */

/** At most 4 searches a second per credential: below HubSpot's ~5, with room for clock jitter. */
export const SEARCH_SPACING_MS = 250;

const nextFreeAt = new Map<string, number>();

/** Takes the credential's next search slot: how many ms from now it begins. */
export function reserveSearchSlot(context: HubspotContext): number {
	const key = limiterKeyOf(context);
	const now = Date.now();
	const slotAt = Math.max(now, nextFreeAt.get(key) ?? 0);
	nextFreeAt.set(key, slotAt + SEARCH_SPACING_MS);
	return slotAt - now;
}

/** Waits for the credential's next search slot. */
export async function searchSlot(context: HubspotContext): Promise<void> {
	const waitMs = reserveSearchSlot(context);
	if (waitMs > 0) await sleep(waitMs);
}
