import type { IDataObject } from 'n8n-workflow';

import type { RequestPurpose } from './hubspotErrors';
import { hubspotRequest, type HubspotContext } from './request';

/**
 * HubSpot's cursor paging (`paging.next.after`): one loop for every list the node reads, whether the
 * pages come from the operation's routed request (routing.ts) or from `hubspotRequest` (owners, pickers).
 */

/** Bounds the loop in case HubSpot ever returned a cursor that never ends (500 pages of 100). */
export const MAX_PAGES = 500;

/** A HubSpot list answer. */
export interface ListPage {
	paging?: { next?: { after?: string } };
	[key: string]: unknown;
}

/** One page of a HubSpot list: its records and the cursor of the next page, if any. */
export interface PageOf<T> {
	records: T[];
	after?: string;
}

/**
 * Follows HubSpot's `paging.next.after` cursor until the list ends, `wanted` records are in, or
 * MAX_PAGES pages were read. `fetchPage` gets the cursor and how many records to ask for.
 */
export async function collectPages<T>(
	fetchPage: (after: string | undefined, limit: number) => Promise<PageOf<T>>,
	pageSize: number,
	wanted = Number.POSITIVE_INFINITY,
): Promise<T[]> {
	const records: T[] = [];
	let after: string | undefined;
	for (let page = 0; page < MAX_PAGES && records.length < wanted; page++) {
		const next = await fetchPage(after, Math.min(pageSize, wanted - records.length));
		records.push(...next.records);
		after = next.after;
		if (!after) break;
	}
	return records.slice(0, wanted);
}

/** The records under `rootProperty` and the next cursor of a HubSpot list answer. */
export function pageOf<T>(body: ListPage | undefined, rootProperty = 'results'): PageOf<T> {
	const results = body?.[rootProperty];
	return {
		records: Array.isArray(results) ? (results as T[]) : [],
		after: body?.paging?.next?.after,
	};
}

/** Every record of a cursor-paged list read with `hubspotRequest` (owners, meeting links in a picker). */
export async function readAllPages<T>(
	context: HubspotContext,
	request: { url: string; qs?: IDataObject; baseURL?: string },
	pageSize: number,
	purpose: RequestPurpose,
): Promise<T[]> {
	const { url, qs = {}, baseURL } = request;
	return await collectPages<T>(
		async (after, limit) =>
			pageOf<T>(
				await hubspotRequest<ListPage>(
					context,
					{ method: 'GET', url, baseURL, qs: { ...qs, limit, ...(after ? { after } : {}) } },
					purpose,
				),
			),
		pageSize,
	);
}
