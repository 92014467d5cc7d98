import type { INodeProperties } from 'n8n-workflow';

import { MEETINGS_PATH } from '../../http/endpoints';
import type { ItemInput } from '../../input/item';
import { hubspotId } from '../../input/values';
import { showFor } from '../descriptions';

/**
 * The Meeting ID of Get, Update and Delete, which work on the meeting's CRM record. The id Create
 * Calendar Event returns is such a record id.
 */

export const meetingIdField: INodeProperties = {
	displayName: 'Meeting ID',
	name: 'meetingId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 90000000001',
	description: "ID of the meeting: the ID that Create Calendar Event returns, or the number in the meeting's HubSpot URL",
	displayOptions: showFor('meeting', 'get', 'update', 'delete'),
};

/** The record's URL. Nothing is sent with it until `meetingIdOf` (each operation's preSend) has accepted the id. */
export const MEETING_URL = `=${MEETINGS_PATH}/{{ String($parameter.meetingId ?? "").trim() }}`;

/** The item's meeting id, checked. */
export function meetingIdOf(input: ItemInput): string {
	return hubspotId(
		'Meeting ID',
		input.getNodeParameter('meetingId', ''),
		'meeting',
		'Give the "id" that Create Calendar Event returned (e.g. {{ $json.id }}), or the ID in the meeting\'s HubSpot URL.',
	);
}
