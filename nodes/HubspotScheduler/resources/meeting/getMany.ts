import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { MEETINGS_SEARCH_PATH } from '../../http/endpoints';
import { pacedRouting } from '../../http/routing';
import { parseMeetingTime } from '../../input/dates';
import { InputError } from '../../input/errors';
import { checkItem, type ItemInput } from '../../input/item';
import { timezoneParameter } from '../../input/timezones';
import { hubspotId, parseHubspotId, trimmed } from '../../input/values';
import { showFor, TIMEZONE_FIELD } from '../descriptions';
import { SIMPLIFIED_MEETING_PROPERTIES, simplifyMeeting } from './properties';

/**
 * Get Many: meetings found by HubSpot's CRM search (POST …/meetings/search) — of a record, an owner, a
 * start-time range, an outcome — read 200 a page under the account's search limit (about 5 a second).
 */

/** HubSpot's largest search page, and the most results one query can page through. */
const SEARCH_PAGE_SIZE = 200;
const SEARCH_RESULT_CAP = 10_000;

/** What each meeting is read with: what Simplify shows. */
const SEARCH_PROPERTIES = [
	...SIMPLIFIED_MEETING_PROPERTIES,
	'hs_createdate',
	'hs_lastmodifieddate',
];

export const getManyOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many meetings',
	description:
		'Find meetings of a contact, company, deal or ticket, of an owner, in a time range or with an outcome',
	routing: pacedRouting('read', {
		method: 'POST',
		url: MEETINGS_SEARCH_PATH,
		preSend: [prepareGetMany],
		pagination: {
			limitFromParameters: true,
			pageSize: SEARCH_PAGE_SIZE,
			search: { resultCap: SEARCH_RESULT_CAP },
			output: simplifySearchResults,
		},
	}),
};

const displayOptions = showFor('meeting', 'getMany');

/** The records search can filter meetings by: field name → HubSpot's association pseudo-property. */
const ASSOCIATION_FILTERS = {
	contactId: { property: 'associations.contact', field: 'Contact ID' },
	companyId: { property: 'associations.company', field: 'Company ID' },
	dealId: { property: 'associations.deal', field: 'Deal ID' },
	ticketId: { property: 'associations.ticket', field: 'Ticket ID' },
} as const;

function recordIdFilter(name: keyof typeof ASSOCIATION_FILTERS, record: string): INodeProperties {
	return {
		displayName: ASSOCIATION_FILTERS[name].field,
		name,
		type: 'string',
		default: '',
		placeholder: 'e.g. 501',
		description: `Only meetings associated with this ${record} (its record ID)`,
	};
}

export const getManyFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		hint: "HubSpot's search returns at most 10,000 meetings for one query; narrow the start-time range for more.",
		displayOptions,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { resource: ['meeting'], operation: ['getMany'], returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'searchFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions,
		options: [
			recordIdFilter('companyId', 'company'),
			recordIdFilter('contactId', 'contact'),
			recordIdFilter('dealId', 'deal'),
			{
				displayName: 'Outcome Name or ID',
				name: 'outcome',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getOutcomes' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'Only meetings with this outcome; by expression, its internal value such as COMPLETED.',
			},
			{
				displayName: 'Owner Name or ID',
				name: 'ownerId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getMeetingOwners' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'Only meetings this person owns; by expression, their HubSpot owner ID.',
			},
			{
				displayName: 'Start After',
				name: 'startAfter',
				type: 'dateTime',
				default: '',
				description:
					'Only meetings that start at or after this time (a time without an offset is read in Timezone)',
			},
			{
				displayName: 'Start Before',
				name: 'startBefore',
				type: 'dateTime',
				default: '',
				description:
					'Only meetings that start at or before this time (a time without an offset is read in Timezone)',
			},
			recordIdFilter('ticketId', 'ticket'),
		],
	},
	{
		...TIMEZONE_FIELD,
		hint: "Times without an offset in the filters are read in it, and Simplify's local times show it. Leave empty to use the workflow's timezone.",
		displayOptions,
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			"Whether to return one flat item per meeting (ID, title, times in UTC and in Timezone, outcome, owner) as Create Calendar Event does, instead of HubSpot's records",
		displayOptions,
	},
];

interface SearchFilter {
	propertyName: string;
	operator: 'EQ' | 'GTE' | 'LTE';
	value: string;
}

/** The search body of one Get Many (without the paging), checked; sends nothing. */
export function checkGetMany(input: ItemInput): IDataObject {
	const given = input.getNodeParameter('searchFilters', {}) as IDataObject;
	const timezone = timezoneParameter(input);
	const filters: SearchFilter[] = [];
	for (const [name, { property, field }] of Object.entries(ASSOCIATION_FILTERS)) {
		const value = trimmed(given[name]);
		if (!value) continue;
		const id = parseHubspotId(value);
		if (id === undefined)
			throw new InputError(
				field,
				`"${value}" is not a HubSpot record ID`,
				`Give the record's ID (the number in its HubSpot URL).`,
			);
		filters.push({ propertyName: property, operator: 'EQ', value: id });
	}
	const ownerId = hubspotId(
		'Owner',
		given.ownerId,
		'owner',
		'Pick a person, or give their owner ID by expression.',
		{ optional: true },
	);
	if (ownerId) filters.push({ propertyName: 'hubspot_owner_id', operator: 'EQ', value: ownerId });
	const outcome = trimmed(given.outcome);
	if (outcome) filters.push({ propertyName: 'hs_meeting_outcome', operator: 'EQ', value: outcome });
	const after = startBound('Start After', given.startAfter, timezone);
	const before = startBound('Start Before', given.startBefore, timezone);
	if (after !== undefined && before !== undefined && before < after) {
		throw new InputError(
			'Start Before',
			'is earlier than Start After',
			'Swap the two times, or leave one of them empty.',
		);
	}
	if (after !== undefined)
		filters.push({ propertyName: 'hs_meeting_start_time', operator: 'GTE', value: String(after) });
	if (before !== undefined)
		filters.push({ propertyName: 'hs_meeting_start_time', operator: 'LTE', value: String(before) });
	return {
		filterGroups: filters.length ? [{ filters }] : [],
		sorts: ['hs_meeting_start_time'],
		properties: SEARCH_PROPERTIES,
	};
}

/** A start bound as epoch milliseconds, or undefined when the filter is empty. */
function startBound(field: string, value: unknown, timezone: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return parseMeetingTime(field, value, timezone).toMillis();
}

async function prepareGetMany(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.body = checkItem(this, checkGetMany);
	return requestOptions;
}

/** Simplify (on by default): each meeting as Create Calendar Event shows it, local times in Timezone. */
function simplifySearchResults(
	this: IExecuteSingleFunctions,
	meetings: IDataObject[],
): IDataObject[] {
	if (!(this.getNodeParameter('simplify', true) as boolean)) return meetings;
	const timezone = timezoneParameter(this);
	return meetings.map((meeting) => simplifyMeeting(meeting, timezone));
}
