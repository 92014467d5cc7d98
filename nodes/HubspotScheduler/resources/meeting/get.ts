import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { pacedRouting } from '../../http/routing';
import { InputError } from '../../input/errors';
import { checkItem, type ItemInput } from '../../input/item';
import { textList } from '../../input/values';
import { showFor } from '../descriptions';
import { meetingIdOf, meetingUrl } from './meetingId';

/** Get: reads a meeting's CRM record with the properties and associations the user chooses. */

export const getOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a meeting',
	description: 'Read a meeting by ID, with the properties and associations you choose',
	routing: pacedRouting('read', { method: 'GET', preSend: [prepareGet] }),
};

export const getFields: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'getOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor('meeting', 'get'),
		options: [
			{
				displayName: 'Associations',
				name: 'associations',
				type: 'multiOptions',
				options: [
					{ name: 'Companies', value: 'companies' },
					{ name: 'Contacts', value: 'contacts' },
					{ name: 'Deals', value: 'deals' },
					{ name: 'Tickets', value: 'tickets' },
				],
				default: [],
				description:
					'Kinds of CRM records whose IDs to return with the meeting, if it is associated with any',
			},
			{
				displayName: 'Properties',
				name: 'properties',
				type: 'string',
				default: '',
				placeholder: 'e.g. hs_meeting_title, hs_meeting_outcome',
				description:
					'Internal names of the meeting properties to return, comma-separated. Leave empty for the title, times, outcome, type, owner, attendees, texts, location and calendar event fields.',
			},
		],
	},
];

/** What Get reads when the user does not choose: everything the node itself writes or shows. */
const DEFAULT_MEETING_PROPERTIES = [
	'hs_meeting_title',
	'hs_meeting_start_time',
	'hs_meeting_end_time',
	'hs_timestamp',
	'hs_meeting_outcome',
	'hs_activity_type',
	'hubspot_owner_id',
	'hs_attendee_owner_ids',
	'hs_meeting_body',
	'hs_internal_meeting_notes',
	'hs_meeting_location',
	'hs_meeting_location_type',
	'hs_meeting_external_url',
	'hs_unique_id',
	'hs_engagement_source',
];

/** The query of one Get, checked; sends nothing. */
export function checkGet(input: ItemInput): IDataObject {
	meetingIdOf(input);
	const options = input.getNodeParameter('getOptions', {}) as IDataObject;
	const properties = textList(options.properties);
	for (const name of properties) {
		if (!/^[a-z0-9_]+$/i.test(name)) {
			throw new InputError(
				'Properties',
				`"${name}" is not a property name`,
				'Give internal property names such as hs_meeting_title, separated by commas.',
			);
		}
	}
	const associations = textList(options.associations);
	return {
		// HubSpot takes comma-separated lists here.
		properties: (properties.length ? properties : DEFAULT_MEETING_PROPERTIES).join(','),
		...(associations.length ? { associations: associations.join(',') } : {}),
	};
}

async function prepareGet(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.qs = { ...requestOptions.qs, ...checkItem(this, checkGet) };
	return meetingUrl(this, requestOptions);
}
