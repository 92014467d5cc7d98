import { OWNERS_PATH, accountKeyOf } from './endpoints';
import type { RequestPurpose } from './hubspotErrors';
import { collectPages, pageOf, type ListPage, type PageOf } from './pagination';
import { hubspotRequest, type HubspotContext } from './request';

/**
 * HubSpot people. The organizer is a *user* id, owner and attendees are *owner* ids; both come from
 * the owners API. One look-up serves every item of a run, runs shortly after it and the pickers, so a
 * 500-row import costs one paged read, not 500.
 */

export interface HubspotOwner {
	id: string;
	userId?: number;
	email?: string;
	firstName?: string;
	lastName?: string;
	type?: 'PERSON' | 'QUEUE';
	archived?: boolean;
}

/** HubSpot's largest owners page. */
const OWNERS_PAGE_SIZE = 500;
/** Long enough to cover a run and a burst of webhook runs; short enough that new people show up. */
const CACHE_TTL_MS = 5 * 60 * 1000;

const cache = new Map<string, { expires: number; owners: Promise<HubspotOwner[]> }>();
const pageCache = new Map<string, { expires: number; page: Promise<PageOf<HubspotOwner>> }>();

/**
 * One page of the account's active owners at HubSpot's cursor `after` (the first page without one),
 * cached briefly: the Organizer and Owner searches of the editor and the run's look-up share the pages.
 */
export async function ownersPage(
	context: HubspotContext,
	after: string | undefined,
	{ baseURL: itemBaseURL, purpose }: { baseURL?: string; purpose: RequestPurpose },
): Promise<PageOf<HubspotOwner>> {
	const { key, baseURL } = await accountKeyOf(context, itemBaseURL);
	const pageKey = `${key}:${after ?? ''}`;
	const now = Date.now();
	const cached = pageCache.get(pageKey);
	if (cached && cached.expires > now) return await cached.page;
	const page = hubspotRequest<ListPage>(
		context,
		{
			method: 'GET',
			url: OWNERS_PATH,
			baseURL,
			qs: { archived: false, limit: OWNERS_PAGE_SIZE, ...(after ? { after } : {}) },
		},
		purpose,
	).then((body) => pageOf<HubspotOwner>(body));
	pageCache.set(pageKey, { expires: now + CACHE_TTL_MS, page });
	// A failed look-up is not remembered: the next item or run asks again.
	page.catch(() => pageCache.delete(pageKey));
	return await page;
}

/**
 * Every active owner of the account behind the node's credential, cached briefly. `baseURL` is the
 * item's (a hook has it); a picker leaves it to the credential.
 */
export async function listOwners(
	context: HubspotContext,
	{ baseURL: itemBaseURL, purpose }: { baseURL?: string; purpose: RequestPurpose },
): Promise<HubspotOwner[]> {
	const { key, baseURL } = await accountKeyOf(context, itemBaseURL);
	const now = Date.now();
	const cached = cache.get(key);
	if (cached && cached.expires > now) return await cached.owners;

	const owners = collectPages<HubspotOwner>(
		async (after) => await ownersPage(context, after, { baseURL, purpose }),
		OWNERS_PAGE_SIZE,
	);
	cache.set(key, { expires: now + CACHE_TTL_MS, owners });
	// A failed look-up is not remembered: the next item or run asks again.
	owners.catch(() => cache.delete(key));
	return await owners;
}

/** "First Last (email)", as people are shown in pickers and messages. */
export function ownerLabel(owner: HubspotOwner): string {
	const name = [owner.firstName, owner.lastName].filter(Boolean).join(' ');
	return name && owner.email
		? `${name} (${owner.email})`
		: name || owner.email || `Owner ${owner.id}`;
}

/** Active people (no queues, nobody archived), in HubSpot's order. */
export function activePeople(owners: HubspotOwner[]): HubspotOwner[] {
	return owners.filter((owner) => owner.type !== 'QUEUE' && !owner.archived);
}
