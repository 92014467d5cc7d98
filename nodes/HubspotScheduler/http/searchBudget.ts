import { limiterKeyOf, type HubspotContext } from './endpoints';
import type { ItemWait } from './itemWait';

/**
 * HubSpot's CRM search has its own limit, about 5 requests per second per account, apart from the
 * 10-second burst window the rate limiter paces, and its answers say nothing of it (no Remaining). Searches
 * of one credential are spaced so that all of them together (every poll, find-or-create and Get Many using
 * it in this n8n process) stay under 4 a second. When HubSpot answers a search with its SECONDLY 429, other
 * processes search with the account too: the spacing doubles (up to 2 s) and halves again after 10 quiet
 * seconds, so several workers settle on their share instead of retrying into each other.
 */

/** At most 4 searches a second per credential: below HubSpot's ~5, with room for clock jitter. */
export const SEARCH_SPACING_MS = 250;
const SEARCH_SPACING_MAX_MS = 2_000;
const SEARCH_RELAX_AFTER_MS = 10_000;

interface SearchBudget {
	nextFreeAt: number;
	spacingMs: number;
	changedAt: number;
}

const budgets = new Map<string, SearchBudget>();

function budgetOf(key: string): SearchBudget {
	let budget = budgets.get(key);
	if (!budget) {
		budget = { nextFreeAt: 0, spacingMs: SEARCH_SPACING_MS, changedAt: 0 };
		budgets.set(key, budget);
	}
	return budget;
}

/**
 * Waits for the credential's next search turn and takes it. Turns are taken when due, not booked ahead: a
 * backoff after a 429 spaces every search still waiting, not only those that come later. Stop ends the wait.
 */
export async function searchTurn(context: HubspotContext, wait: ItemWait): Promise<void> {
	const budget = budgetOf(limiterKeyOf(context));
	for (;;) {
		const now = Date.now();
		if (budget.spacingMs > SEARCH_SPACING_MS && now - budget.changedAt >= SEARCH_RELAX_AFTER_MS) {
			budget.spacingMs = Math.max(SEARCH_SPACING_MS, budget.spacingMs / 2);
			budget.changedAt = now;
		}
		if (budget.nextFreeAt <= now) {
			budget.nextFreeAt = now + budget.spacingMs;
			return;
		}
		await wait.sleep(budget.nextFreeAt - now);
	}
}

/** A CRM search (`POST …/search`): `hubspotRequest` waits for a search slot before each of its tries. */
export function isSearchRequest(options: { method?: string; url?: string }): boolean {
	return options.method === 'POST' && /\/search$/.test(options.url ?? '');
}

/** HubSpot refused a search of this credential with its per-second limit: someone else searches too. */
export function searchRateLimited(context: HubspotContext): void {
	const budget = budgetOf(limiterKeyOf(context));
	const now = Date.now();
	// One doubling per burst of refusals: the searches already spaced at the old pace may be refused too.
	if (now - budget.changedAt >= budget.spacingMs) {
		budget.spacingMs = Math.min(SEARCH_SPACING_MAX_MS, budget.spacingMs * 2);
		budget.changedAt = now;
	}
	budget.nextFreeAt = Math.max(budget.nextFreeAt, now + budget.spacingMs);
}
