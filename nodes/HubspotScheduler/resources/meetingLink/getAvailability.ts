import { DateTime } from 'luxon';
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { pacedRouting } from '../../http/routing';
import { timezoneParameter, toHubspotTime } from '../../input/dates';
import { InputError } from '../../input/errors';
import { checkItem, type ItemInput } from '../../input/item';
import { wholeNumber } from '../../input/values';
import { showFor } from '../descriptions';
import { linkRead, slugOf } from './link';

/** Get Availability: the free slots of a scheduling page in one month. */

export const getAvailabilityOperation: INodePropertyOptions = {
	name: 'Get Availability',
	value: 'getAvailability',
	action: 'Get availability of a meeting link',
	description: 'List the free slots of a scheduling page for a month',
	routing: pacedRouting('read', {
		method: 'GET',
		preSend: [prepareGetAvailability],
		postReceive: [simplifyAvailability],
	}),
};

const displayOptions = showFor('meetingLink', 'getAvailability');

export const getAvailabilityFields: INodeProperties[] = [
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			"Whether to return one item per free slot (start and end in the chosen timezone, duration in minutes) instead of HubSpot's raw answer",
		displayOptions,
	},
	{
		displayName: 'Options',
		name: 'availabilityOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Month Offset',
				name: 'monthOffset',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 24, numberPrecision: 0 },
				default: 0,
				description: 'Which month: 0 for the current one, 1 for the next, and so on',
			},
		],
	},
];

/** URL and query of one availability read, checked; sends nothing. */
export function checkGetAvailability(input: ItemInput): { url: string; qs: IDataObject } {
	const read = linkRead(input, 'book/availability-page');
	const raw = input.getNodeParameter('availabilityOptions.monthOffset', 0) ?? 0;
	const monthOffset = wholeNumber(raw);
	if (monthOffset === undefined || monthOffset < 0 || monthOffset > 24) {
		throw new InputError(
			'Month Offset',
			`${JSON.stringify(raw)} is not a whole number from 0 to 24`,
			'Use 0 for the current month, 1 for the next one, and so on.',
		);
	}
	if (monthOffset > 0) read.qs.monthOffset = monthOffset;
	return read;
}

async function prepareGetAvailability(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { url, qs } = checkItem(this, checkGetAvailability);
	requestOptions.url = url;
	requestOptions.qs = { ...requestOptions.qs, ...qs };
	return requestOptions;
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
 * "Simplify": one item per free slot, start and end as ISO times with the offset that applies in the
 * chosen timezone at that instant (so a slot across a DST change shows two different offsets), and
 * the duration from the instants, not from the wall clock.
 */
async function simplifyAvailability(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (!(this.getNodeParameter('simplify', true) as boolean)) return items;
	const timezone = timezoneParameter(this);
	const slug = slugOf(this);
	const slots: IDataObject[] = [];
	for (const item of items) {
		const byDuration =
			(item.json as AvailabilityPage).linkAvailability?.linkAvailabilityByDuration ?? {};
		for (const entry of Object.values(byDuration)) {
			for (const slot of entry.availabilities ?? []) {
				const start = DateTime.fromMillis(slot.startMillisUtc, { zone: timezone });
				const end = DateTime.fromMillis(slot.endMillisUtc, { zone: timezone });
				slots.push({
					start: start.toISO({ suppressMilliseconds: true }),
					end: end.toISO({ suppressMilliseconds: true }),
					durationMinutes: Math.round((slot.endMillisUtc - slot.startMillisUtc) / 60_000),
					startUtc: toHubspotTime(start),
					endUtc: toHubspotTime(end),
					timezone,
					slug,
				});
			}
		}
	}
	slots.sort(
		(a, b) =>
			String(a.startUtc).localeCompare(String(b.startUtc)) ||
			Number(a.durationMinutes) - Number(b.durationMinutes),
	);
	return slots.map((json) => ({ json }));
}
