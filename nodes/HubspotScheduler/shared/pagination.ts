import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { RequestPurpose } from './errors';
import { sendRoutedRequest } from './transport';

/**
 * HubSpot's cursor paging (`paging.next.after`) for routed requests. Like `sendAs`, this is the
 * operation's `operations.pagination` function: RoutingNode hands it the built request and
 * `makeRoutingRequest`, which sends it with n8n's authentication (and OAuth2 refresh) and runs the
 * operation's postReceive steps. Operations that use it have no postReceive of their own: each page
 * comes back as one item holding HubSpot's whole body, so the cursor stays readable here.
 */

/** Bounds the loop in case HubSpot ever returned a cursor that never ends (500 pages of 100). */
export const MAX_PAGES = 500;

export interface CursorPaginationOptions {
	purpose: RequestPurpose;
	/** Where the page's records are; default 'results'. */
	rootProperty?: string;
	/** Records per request; default 100. */
	pageSize?: number;
	/**
	 * Read the node's "Return All" and "Limit" parameters (Get Many). Without it, every page is read
	 * (pickers).
	 */
	limitFromParameters?: boolean;
	/** Turns the collected records into output items (e.g. `{ name, value }` for a picker). */
	map?: (records: IDataObject[]) => IDataObject[];
}

interface Page {
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
export function pageOf<T>(body: Page | undefined, rootProperty = 'results'): PageOf<T> {
	const results = body?.[rootProperty];
	return { records: Array.isArray(results) ? (results as T[]) : [], after: body?.paging?.next?.after };
}

export function cursorPagination(options: CursorPaginationOptions) {
	const { purpose, rootProperty = 'results', pageSize = 100, limitFromParameters = false, map } = options;
	return async function paginate(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		let wanted = Number.POSITIVE_INFINITY;
		if (limitFromParameters && !(this.getNodeParameter('returnAll', false) as boolean)) {
			wanted = Math.max(1, Number(this.getNodeParameter('limit', 50)) || 50);
		}
		const qs = { ...((requestData.options.qs as IDataObject | undefined) ?? {}) };
		const records = await collectPages<IDataObject>(
			async (after, limit) => {
				// Each page is paced, retried and translated like any other request of the node.
				const items = await sendRoutedRequest(this, requestData, purpose, {
					...requestData.options,
					qs: { ...qs, limit, ...(after ? { after } : {}) },
				});
				return pageOf<IDataObject>(items[0]?.json as Page | undefined, rootProperty);
			},
			pageSize,
			wanted,
		);
		return (map ? map(records) : records).map((json) => ({ json }));
	};
}
