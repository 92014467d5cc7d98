import { DateTime } from 'luxon';
import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { hubspotRequest } from '../../http/request';
import { toHubspotTime } from '../../input/dates';

/**
 * Get Availability's months: HubSpot's availability page answers one calendar month at a time
 * (`monthOffset` 0 = the current month in the given timezone, `hasMore` when later months have slots).
 * The routed request reads the range's first month; the following months are read here, one request
 * each, only while the range reaches into them, HubSpot has more, and the limit is not reached.
 */

/** One item's checked read: the link, the range (epoch ms, start clamped to now) and its months. */
export interface AvailabilityRead {
	url: string;
	timezone: string;
	slug: string;
	fromMillis: number;
	toMillis: number;
	firstMonth: number;
	lastMonth: number;
	/** Slots wanted: the limit, 1 for the first free slot, Infinity for Return All. */
	wanted: number;
}

interface AvailabilityPage {
	linkAvailability?: {
		hasMore?: boolean;
		linkAvailabilityByDuration?: Record<
			string,
			{
				meetingDurationMillis?: number;
				availabilities?: Array<{ startMillisUtc: number; endMillisUtc: number }>;
			}
		>;
	};
}

/**
 * One month's free slots in the range, in time order (shortest duration first for equal starts): start
 * and end as ISO times with the offset in force at that instant (a slot across a DST change shows two
 * offsets), the duration from the instants, not from the wall clock.
 */
function slotsOf(page: AvailabilityPage, read: AvailabilityRead): IDataObject[] {
	const byDuration = page.linkAvailability?.linkAvailabilityByDuration ?? {};
	const slots = Object.values(byDuration)
		.flatMap((entry) => entry.availabilities ?? [])
		.filter((slot) => slot.startMillisUtc >= read.fromMillis && slot.startMillisUtc < read.toMillis)
		.sort((a, b) => a.startMillisUtc - b.startMillisUtc || a.endMillisUtc - b.endMillisUtc);
	return slots.map((slot) => {
		const start = DateTime.fromMillis(slot.startMillisUtc, { zone: read.timezone });
		const end = DateTime.fromMillis(slot.endMillisUtc, { zone: read.timezone });
		return {
			start: start.toISO({ suppressMilliseconds: true }),
			end: end.toISO({ suppressMilliseconds: true }),
			durationMinutes: Math.round((slot.endMillisUtc - slot.startMillisUtc) / 60_000),
			startUtc: toHubspotTime(start),
			endUtc: toHubspotTime(end),
			timezone: read.timezone,
			slug: read.slug,
		};
	});
}

/**
 * The first month's answer in, the range's free slots (Simplify) or HubSpot's raw month answers out,
 * reading following months as needed.
 */
export async function readAvailability(
	context: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	read: AvailabilityRead,
	simplify: boolean,
): Promise<INodeExecutionData[]> {
	let page = (items[0]?.json ?? {}) as AvailabilityPage;
	const pages: IDataObject[] = [page as IDataObject];
	const slots = slotsOf(page, read);
	for (
		let month = read.firstMonth + 1;
		month <= read.lastMonth &&
		slots.length < read.wanted &&
		page.linkAvailability?.hasMore === true;
		month++
	) {
		page = await hubspotRequest<AvailabilityPage>(
			context,
			{ method: 'GET', url: read.url, qs: { timezone: read.timezone, monthOffset: month } },
			'read',
		);
		pages.push(page as IDataObject);
		slots.push(...slotsOf(page, read));
	}
	if (!simplify) return pages.map((json) => ({ json }));
	return slots.slice(0, read.wanted).map((json) => ({ json }));
}
