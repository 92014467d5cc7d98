import { DateTime } from 'luxon';
import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { pacedRouting } from '../../http/routing';
import { asGiven, parseMeetingTime, timezoneParameter } from '../../input/dates';
import { InputError } from '../../input/errors';
import { checkItem, type ItemInput } from '../../input/item';
import { wholeNumber } from '../../input/values';
import { showFor } from '../descriptions';
import { readAvailability, type AvailabilityRead } from './availabilitySlots';
import { linkRead, slugOf } from './link';

/**
 * Get Availability: the free slots of a scheduling page between From and To (default: the next 14 days),
 * future ones only. HubSpot answers per calendar month (`monthOffset` from the current one): the first
 * month of the range is the routed request, the following ones are read only while the range and the limit
 * need them (availabilitySlots.ts).
 */

export const getAvailabilityOperation: INodePropertyOptions = {
	name: 'Get Availability',
	value: 'getAvailability',
	action: 'Get availability of a meeting link',
	description:
		'List the free slots of a scheduling page in a date range (default: the next 14 days)',
	routing: pacedRouting('read', {
		method: 'GET',
		preSend: [prepareGetAvailability],
		postReceive: [collectAvailability],
	}),
};

const displayOptions = showFor('meetingLink', 'getAvailability');

/** Default range when To is empty, and how far ahead HubSpot's month pages are read at most. */
export const DEFAULT_RANGE_DAYS = 14;
export const MAX_MONTHS_AHEAD = 24;
const DEFAULT_LIMIT = 10;

export const getAvailabilityFields: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'rangeStart',
		type: 'dateTime',
		default: '',
		description:
			'Earliest slot start. Empty: now. A time without an offset is read in Timezone; an ISO time with an offset, a Luxon DateTime (e.g. {{ $now.plus({ days: 1 }) }}), a JS Date or epoch milliseconds also work.',
		hint: 'Empty: now. Slots that start before now are never returned.',
		displayOptions,
	},
	{
		displayName: 'To',
		name: 'rangeEnd',
		type: 'dateTime',
		default: '',
		description:
			'Slots starting before this time are returned. Empty: 14 days after From. Same forms as From.',
		hint: 'Empty: 14 days after From.',
		displayOptions,
	},
	{
		displayName: 'First Free Slot Only',
		name: 'firstFreeSlotOnly',
		type: 'boolean',
		default: false,
		description:
			'Whether to return only the earliest free slot in the range (its shortest duration), reading no more months than needed',
		displayOptions,
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: {
			show: { ...displayOptions.show, firstFreeSlotOnly: [false] },
		},
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-limit -- a booking flow wants the next few slots, not 50
		default: DEFAULT_LIMIT,
		description: 'Max number of results to return',
		displayOptions: {
			show: { ...displayOptions.show, firstFreeSlotOnly: [false], returnAll: [false] },
		},
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			"Whether to return one item per free slot (start and end in the chosen timezone, duration in minutes) instead of HubSpot's raw answers (one item per month read)",
		displayOptions,
	},
];

/** Months between the starts of two months, both in the same zone. */
function monthsBetween(from: DateTime, to: DateTime): number {
	return (to.year - from.year) * 12 + (to.month - from.month);
}

/** What one item's availability read covers, checked; sends nothing. */
export function checkGetAvailability(input: ItemInput, now = DateTime.now()): AvailabilityRead {
	const read = linkRead(input, 'book/availability-page');
	const timezone = timezoneParameter(input);
	const slug = slugOf(input);
	const current = now.setZone(timezone);
	const rawFrom = input.getNodeParameter('rangeStart', '') as unknown;
	const rawTo = input.getNodeParameter('rangeEnd', '') as unknown;
	const empty = (value: unknown) => value === undefined || value === null || value === '';
	const from = empty(rawFrom) ? current : parseMeetingTime('From', rawFrom, timezone);
	const to = empty(rawTo)
		? from.plus({ days: DEFAULT_RANGE_DAYS })
		: parseMeetingTime('To', rawTo, timezone);
	const shownFrom = empty(rawFrom) ? 'now' : asGiven(rawFrom);
	if (to <= from) {
		throw new InputError(
			'To',
			`${asGiven(rawTo)} is ${to.equals(from) ? 'the same as' : 'before'} From (${shownFrom})`,
			`Set To after From, e.g. {{ $now.plus({ days: ${DEFAULT_RANGE_DAYS} }) }}; empty To means ${DEFAULT_RANGE_DAYS} days after From. Times without an offset are read in ${timezone}.`,
		);
	}
	if (to <= current) {
		throw new InputError(
			'To',
			`${asGiven(rawTo)} is in the past`,
			`Get Availability returns future slots only: set To after now, or leave From and To empty for the next ${DEFAULT_RANGE_DAYS} days.`,
		);
	}
	const start = from < current ? current : from;
	const thisMonth = current.startOf('month');
	// The last month holding a start before To (a To at midnight on the 1st needs no page of its month).
	const lastMonth = monthsBetween(thisMonth, to.minus({ milliseconds: 1 }).startOf('month'));
	if (lastMonth > MAX_MONTHS_AHEAD) {
		throw new InputError(
			'To',
			`${asGiven(rawTo)} is more than ${MAX_MONTHS_AHEAD} months ahead`,
			`Give a To within ${MAX_MONTHS_AHEAD} months (HubSpot's scheduling pages show a few weeks ahead anyway).`,
		);
	}
	let wanted = Number.POSITIVE_INFINITY;
	if (input.getNodeParameter('firstFreeSlotOnly', false) === true) wanted = 1;
	else if (input.getNodeParameter('returnAll', false) !== true) {
		const rawLimit = input.getNodeParameter('limit', DEFAULT_LIMIT) as unknown;
		const limit = wholeNumber(rawLimit);
		if (limit === undefined || limit < 1)
			throw new InputError(
				'Limit',
				`${asGiven(rawLimit)} is not a whole number from 1`,
				'Give how many slots to return at most, e.g. 10, or turn on Return All.',
			);
		wanted = limit;
	}
	return {
		url: read.url,
		timezone,
		slug,
		fromMillis: start.toMillis(),
		toMillis: to.toMillis(),
		firstMonth: monthsBetween(thisMonth, start.startOf('month')),
		lastMonth,
		wanted,
	};
}

async function prepareGetAvailability(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { url, timezone, firstMonth } = checkItem(this, (input) => checkGetAvailability(input));
	requestOptions.url = url;
	requestOptions.qs = {
		...requestOptions.qs,
		timezone,
		...(firstMonth > 0 ? { monthOffset: firstMonth } : {}),
	};
	return requestOptions;
}

/** postReceive: the range's slots, reading the months after the first as needed (availabilitySlots.ts). */
async function collectAvailability(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const read = checkItem(this, (input) => checkGetAvailability(input));
	return await readAvailability(
		this,
		items,
		read,
		this.getNodeParameter('simplify', true) === true,
	);
}
