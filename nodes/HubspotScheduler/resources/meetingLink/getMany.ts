import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { MEETING_LINKS_PATH } from '../../http/endpoints';
import { pacedRouting } from '../../http/routing';
import { checkItem, type ItemInput } from '../../input/item';
import { hubspotId, trimmed } from '../../input/values';
import { showFor } from '../descriptions';

/** Get Many: the account's scheduling pages, read page by page. */

export const getManyOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many meeting links',
	description: "List the account's scheduling pages",
	routing: pacedRouting('read', {
		method: 'GET',
		url: MEETING_LINKS_PATH,
		preSend: [prepareGetMany],
		pagination: { limitFromParameters: true },
	}),
};

const displayOptions = showFor('meetingLink', 'getMany');

export const getManyFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: {
			show: { resource: ['meetingLink'], operation: ['getMany'], returnAll: [false] },
		},
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only links with this name',
			},
			{
				displayName: 'Organizer Name or ID',
				name: 'organizerUserId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getOrganizers' },
				default: '',
				hint: 'Only links this person organizes; by expression, their HubSpot user ID.',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Group', value: 'GROUP_CALENDAR' },
					{ name: 'Personal', value: 'PERSONAL_LINK' },
					{ name: 'Round Robin', value: 'ROUND_ROBIN_CALENDAR' },
				],
				default: 'PERSONAL_LINK',
				description: 'Only links of this kind',
			},
		],
	},
];

/** The query of one Get Many, checked: filters left empty are not sent (HubSpot would filter on ""). */
export function checkGetMany(input: ItemInput): IDataObject {
	const filters = input.getNodeParameter('filters', {}) as IDataObject;
	const qs: IDataObject = {};
	for (const name of ['name', 'organizerUserId', 'type']) {
		const value = trimmed(filters[name]);
		if (value) qs[name] = value;
	}
	if (qs.organizerUserId !== undefined) {
		hubspotId(
			'Organizer',
			qs.organizerUserId,
			'user',
			'Pick the organizer, or give their user ID (the "userId" of an owner) by expression.',
		);
	}
	return qs;
}

async function prepareGetMany(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.qs = { ...requestOptions.qs, ...checkItem(this, checkGetMany) };
	return requestOptions;
}
