import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { MEETING_LINKS_PATH } from '../http/endpoints';
import {
	activePeople,
	listOwners,
	ownerLabel,
	ownersPage,
	type HubspotOwner,
} from '../http/owners';
import { pageOf, type ListPage, type PageOf } from '../http/pagination';
import { hubspotRequest } from '../http/request';

/**
 * The "From list" mode of the resource locators (`methods.listSearch`): one page of HubSpot's list per
 * call, HubSpot's cursor handed to the editor as `paginationToken`, filtered by the search term. A
 * search reads on (up to SEARCH_PAGES pages per call) until it finds something, so typing a name does
 * not show an empty list while the person is on a later page.
 */

/** Pages one search call reads at most before it hands the cursor back to the editor. */
const SEARCH_PAGES = 10;
/** Meeting links per page (HubSpot's default page size for the list). */
const LINKS_PAGE_SIZE = 100;

/** Whether `text` contains every word of the search term, in any letter case. */
function matches(term: string | undefined, ...texts: Array<string | undefined>): boolean {
	const words = (term ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	const text = texts.filter(Boolean).join(' ').toLowerCase();
	return words.every((word) => text.includes(word));
}

/** Reads pages from `token` on, keeping what `pick` returns, until something matched, the list ended or SEARCH_PAGES were read. */
async function searchPages<T>(
	readPage: (after: string | undefined) => Promise<PageOf<T>>,
	pick: (records: T[]) => INodeListSearchItems[],
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	let after = paginationToken || undefined;
	for (let page = 0; page < SEARCH_PAGES; page++) {
		const next = await readPage(after);
		results.push(...pick(next.records));
		after = next.after;
		if (!after || results.length > 0) break;
	}
	return { results, ...(after ? { paginationToken: after } : {}) };
}

function people(owners: HubspotOwner[], filter: string | undefined): HubspotOwner[] {
	return activePeople(owners).filter(
		(owner) =>
			owner.userId !== undefined &&
			owner.userId !== null &&
			matches(filter, owner.firstName, owner.lastName, owner.email),
	);
}

/** Organizer: people with a HubSpot user, searchable by name and email; value = user id. */
export async function searchOrganizers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPages(
		async (after) => await ownersPage(this, after, { purpose: 'read' }),
		(owners) =>
			people(owners, filter).map((owner) => ({
				name: ownerLabel(owner),
				value: String(owner.userId),
			})),
		paginationToken,
	);
}

/** Owner: the same people; value = owner id. */
export async function searchOwners(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPages(
		async (after) => await ownersPage(this, after, { purpose: 'read' }),
		(owners) =>
			people(owners, filter).map((owner) => ({ name: ownerLabel(owner), value: owner.id })),
		paginationToken,
	);
}

interface MeetingLink {
	slug: string;
	name?: string;
	type?: string;
	organizerUserId?: string;
	link?: string;
}

const LINK_TYPE_LABELS: Record<string, string> = {
	PERSONAL_LINK: 'Personal',
	GROUP_CALENDAR: 'Group',
	ROUND_ROBIN_CALENDAR: 'Round robin',
};

/** Meeting links: "Name — organizer", searchable by name, slug and organizer; value = slug, url = the page. */
export async function searchMeetingLinks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	// The organizer's name is worth the (cached) owners read; without the owners scope, show the user id.
	let names = new Map<string, string>();
	try {
		names = new Map(
			activePeople(await listOwners(this, { purpose: 'read' }))
				.filter((o) => o.userId !== undefined)
				.map((o) => [String(o.userId), ownerLabel(o)]),
		);
	} catch {
		// Missing crm.objects.owners.read only costs the organizer's name.
	}
	const readPage = async (after: string | undefined) =>
		pageOf<MeetingLink>(
			await hubspotRequest<ListPage>(
				this,
				{
					method: 'GET',
					url: MEETING_LINKS_PATH,
					qs: { limit: LINKS_PAGE_SIZE, ...(after ? { after } : {}) },
				},
				'read',
			),
		);
	return await searchPages(
		readPage,
		(links) =>
			links.flatMap((link) => {
				const organizer = link.organizerUserId
					? (names.get(String(link.organizerUserId)) ?? `user ${link.organizerUserId}`)
					: undefined;
				if (!matches(filter, link.name, link.slug, organizer)) return [];
				const type = link.type ? (LINK_TYPE_LABELS[link.type] ?? link.type) : undefined;
				return [
					{
						name: `${link.name || link.slug}${organizer ? ` — ${organizer}` : ''}`,
						value: link.slug,
						description: [type && `${type} link`, `slug ${link.slug}`].filter(Boolean).join(', '),
						...(link.link ? { url: link.link } : {}),
					},
				];
			}),
		paginationToken,
	);
}

export const listSearchMethods = { searchOrganizers, searchOwners, searchMeetingLinks };
