import type { IDataObject } from 'n8n-workflow';

import { MEETINGS_SEARCH_PATH } from '../HubspotScheduler/http/endpoints';
import { hubspotRequest, type HubspotContext } from '../HubspotScheduler/http/request';
import { SIMPLIFIED_MEETING_PROPERTIES } from '../HubspotScheduler/resources/meeting/properties';

/**
 * Meetings from HubSpot's CRM search, in a time window over one date property: every page (200 a
 * page), and windows that would pass search's 10,000-result cap split in halves until each fits.
 */

/** HubSpot's largest search page, and the most results one query can page through. */
export const SEARCH_PAGE_SIZE = 200;
export const SEARCH_RESULT_CAP = 10_000;
/** A window is not split below this (a second of meetings beyond 10,000 would be an account like no other). */
const MIN_WINDOW_MS = 1000;

export interface SearchFilter {
	propertyName: string;
	operator: string;
	value?: string;
	values?: string[];
}

export interface CrmMeeting extends IDataObject {
	id: string;
	properties: Record<string, string | null>;
	createdAt: string;
	updatedAt: string;
}

interface SearchPage {
	total: number;
	results: CrmMeeting[];
	paging?: { next?: { after?: string } };
}

/** What the trigger reads of each meeting (the simplified output's fields, and what the events test). */
export const MEETING_PROPERTIES = [
	...SIMPLIFIED_MEETING_PROPERTIES,
	'hs_meeting_source',
	'hs_createdate',
	'hs_lastmodifieddate',
];

/** One search request, paced under the account's search limit. */
export async function searchPage(
	context: HubspotContext,
	{
		filters,
		sort,
		after = '0',
		limit = SEARCH_PAGE_SIZE,
	}: { filters: SearchFilter[]; sort: string; after?: string; limit?: number },
): Promise<SearchPage> {
	return await hubspotRequest<SearchPage>(
		context,
		{
			method: 'POST',
			url: MEETINGS_SEARCH_PATH,
			body: {
				filterGroups: [{ filters }],
				sorts: [sort],
				properties: MEETING_PROPERTIES,
				limit,
				after,
			},
		},
		'read',
	);
}

/**
 * Every meeting whose `timeProperty` lies in [from, to] (epoch ms) and that passes `filters`, oldest first.
 * `requests` counts the searches made, for the caller's bookkeeping.
 */
export async function searchWindow(
	context: HubspotContext,
	{
		timeProperty,
		from,
		to,
		filters,
	}: { timeProperty: string; from: number; to: number; filters: SearchFilter[] },
): Promise<CrmMeeting[]> {
	const window: SearchFilter[] = [
		{ propertyName: timeProperty, operator: 'GTE', value: String(from) },
		{ propertyName: timeProperty, operator: 'LTE', value: String(to) },
		...filters,
	];
	const first = await searchPage(context, { filters: window, sort: timeProperty });
	const splittable = to - from > MIN_WINDOW_MS;
	if (first.total > SEARCH_RESULT_CAP && splittable)
		return await searchHalves(context, { timeProperty, from, to, filters });
	const meetings = [...first.results];
	let after = first.paging?.next?.after;
	while (after && meetings.length < SEARCH_RESULT_CAP) {
		const page = await searchPage(context, { filters: window, sort: timeProperty, after });
		meetings.push(...page.results);
		after = page.paging?.next?.after;
	}
	// The cursor ended before `total`: HubSpot capped the query lower than documented; narrow it too.
	if (meetings.length < first.total && splittable)
		return await searchHalves(context, { timeProperty, from, to, filters });
	return meetings;
}

/** Search cannot page past its result cap: the window in two halves, each searched (and split) on its own. */
async function searchHalves(
	context: HubspotContext,
	{
		timeProperty,
		from,
		to,
		filters,
	}: { timeProperty: string; from: number; to: number; filters: SearchFilter[] },
): Promise<CrmMeeting[]> {
	const middle = from + Math.floor((to - from) / 2);
	const older = await searchWindow(context, { timeProperty, from, to: middle, filters });
	const newer = await searchWindow(context, { timeProperty, from: middle + 1, to, filters });
	return [...older, ...newer];
}

/** The newest meeting by `sort` (e.g. "-hs_createdate") among those passing `filters`: Fetch Test Event. */
export async function latestMeeting(
	context: HubspotContext,
	filters: SearchFilter[],
	sort: string,
): Promise<CrmMeeting | undefined> {
	return (await searchPage(context, { filters, sort, limit: 1 })).results[0];
}

/** Epoch ms of a HubSpot date-time property (ISO string or epoch ms), or NaN. */
export function timeOf(value: unknown): number {
	if (typeof value !== 'string' || value === '') return Number.NaN;
	return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}
