import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { collectPages, pageOf } from './pagination';
import { credentialTypeOf, hubspotRequest } from './transport';

/**
 * HubSpot people. The organizer is a *user* id, owner and attendees are *owner* ids; both come from
 * the owners API. One look-up serves every item of a run (and runs shortly after it), so a 500-row
 * import costs one paged read, not 500.
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

export const OWNERS_PATH = '/crm/owners/2026-03';
/** HubSpot's largest owners page. */
export const OWNERS_PAGE_SIZE = 500;
/** Long enough to cover a run and a burst of webhook runs; short enough that new people show up. */
const CACHE_TTL_MS = 5 * 60 * 1000;

const cache = new Map<string, { expires: number; owners: Promise<HubspotOwner[]> }>();

async function fetchAllOwners(context: IExecuteSingleFunctions, baseURL: string): Promise<HubspotOwner[]> {
	return await collectPages<HubspotOwner>(
		async (after, limit) =>
			pageOf<HubspotOwner>(
				await hubspotRequest(
					context,
					baseURL,
					{ method: 'GET', url: OWNERS_PATH, qs: { limit, archived: false, ...(after ? { after } : {}) } },
					'lookUpOwners',
				),
			),
		OWNERS_PAGE_SIZE,
	);
}

/** Every active owner of the account behind the node's credential, cached briefly. */
export async function listOwners(context: IExecuteSingleFunctions, baseURL: string): Promise<HubspotOwner[]> {
	const credentialType = credentialTypeOf(context);
	const credentialId = context.getNode().credentials?.[credentialType]?.id ?? context.getNode().id;
	const key = `${credentialType}:${credentialId}:${baseURL}`;
	const now = Date.now();
	const cached = cache.get(key);
	if (cached && cached.expires > now) return await cached.owners;

	const owners = fetchAllOwners(context, baseURL);
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
