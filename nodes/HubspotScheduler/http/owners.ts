import { OWNERS_PATH, baseUrlOf, credentialTypeOf } from './endpoints';
import type { RequestPurpose } from './hubspotErrors';
import { readAllPages } from './pagination';
import type { HubspotContext } from './request';

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

/**
 * Every active owner of the account behind the node's credential, cached briefly. `baseURL` is the
 * item's (a hook has it); a picker leaves it to the credential.
 */
export async function listOwners(
	context: HubspotContext,
	{ baseURL: itemBaseURL, purpose }: { baseURL?: string; purpose: RequestPurpose },
): Promise<HubspotOwner[]> {
	const credentialType = credentialTypeOf(context);
	const baseURL = itemBaseURL || baseUrlOf(await context.getCredentials(credentialType));
	const credentialId = context.getNode().credentials?.[credentialType]?.id ?? context.getNode().id;
	const key = `${credentialType}:${credentialId}:${baseURL}`;
	const now = Date.now();
	const cached = cache.get(key);
	if (cached && cached.expires > now) return await cached.owners;

	const owners = readAllPages<HubspotOwner>(context, { url: OWNERS_PATH, qs: { archived: false }, baseURL }, OWNERS_PAGE_SIZE, purpose);
	cache.set(key, { expires: now + CACHE_TTL_MS, owners });
	// A failed look-up is not remembered: the next item or run asks again.
	owners.catch(() => cache.delete(key));
	return await owners;
}

/** "First Last (email)", as people are shown in pickers and messages. */
export function ownerLabel(owner: HubspotOwner): string {
	const name = [owner.firstName, owner.lastName].filter(Boolean).join(' ');
	return name && owner.email ? `${name} (${owner.email})` : name || owner.email || `Owner ${owner.id}`;
}

/** Active people (no queues, nobody archived), in HubSpot's order. */
export function activePeople(owners: HubspotOwner[]): HubspotOwner[] {
	return owners.filter((owner) => owner.type !== 'QUEUE' && !owner.archived);
}
