import type { IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { MEETINGS_PATH } from '../../http/endpoints';
import type { ItemInput } from '../../input/item';
import { idMode, locatorField, locatorValue, meetingIdFromUrl } from '../../input/locators';
import { hubspotId } from '../../input/values';
import { showFor } from '../descriptions';

/**
 * The Meeting of Get, Update and Delete, which work on the meeting's CRM record: by its ID (what Create
 * Calendar Event returns) or by its record URL in HubSpot.
 */

export const meetingIdField: INodeProperties = locatorField({
	displayName: 'Meeting',
	name: 'meetingId',
	required: true,
	default: { mode: 'id', value: '' },
	description: 'The meeting: the ID that Create Calendar Event returns, or its URL in HubSpot',
	modes: [
		idMode('e.g. 90000000001', 'Meeting ID', 'meeting ID'),
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://app.hubspot.com/contacts/123456/record/0-47/90000000001',
			validation: [
				{
					type: 'regex',
					properties: {
						regex:
							'^\\s*https?://app(-[a-zA-Z0-9]+)?\\.hubspot\\.com/contacts/\\d+/record/0-47/\\d+.*$',
						errorMessage:
							'Meeting URL: not the HubSpot URL of a meeting (https://app.hubspot.com/contacts/<portal>/record/0-47/<id>)',
					},
				},
			],
		},
	],
	displayOptions: showFor('meeting', 'get', 'update', 'delete'),
});

const FIX =
	'Give the "id" that Create Calendar Event returned By ID, or the meeting\'s HubSpot URL (its "recordUrl", …/record/0-47/<id>) By URL.';

/** The item's meeting id, checked: By ID a whole number, By URL read from the record URL; a plain value by its look. */
export function meetingIdOf(input: ItemInput): string {
	const { mode, value } = locatorValue(input.getNodeParameter('meetingId', ''));
	const byUrl = mode === 'url' || (mode === undefined && /^https?:\/\//i.test(value));
	return byUrl
		? meetingIdFromUrl('Meeting URL', value, FIX)
		: hubspotId('Meeting ID', value, 'meeting', FIX);
}

/** Points the request at the item's meeting record; the id is checked (meetingIdOf) before anything is sent. */
export function meetingUrl(
	input: ItemInput,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	requestOptions.url = `${MEETINGS_PATH}/${meetingIdOf(input)}`;
	return requestOptions;
}
