import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { pacedRouting } from '../../http/routing';
import { InputError } from '../../input/errors';
import type { ItemInput } from '../../input/item';
import { showFor } from '../descriptions';
import { meetingIdOf, meetingUrl } from './meetingId';
import { meetingField, meetingProperties, meetingTimes, timeProperties } from './properties';

/**
 * Update: changes the meeting's CRM record. What HubSpot does with the calendar event is stated in the
 * descriptions, not promised: the Scheduler API has no reschedule or cancel call, and HubSpot does not
 * document that CRM edits reach the organizer's calendar.
 */

export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a meeting',
	description:
		'Record the outcome or change title, notes, owner or times of a meeting in the CRM (the calendar event is not changed)',
	routing: pacedRouting('change', { method: 'PATCH', check: checkUpdate, prepare: prepareUpdate }),
};

export const updateFields: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			"Fields to change; the others keep their values. Changes the CRM record only: HubSpot does not document pushing it to the organizer's calendar event, and sends no new invitation.",
		displayOptions: showFor('meeting', 'update'),
		options: [
			meetingField('attendeeOwnerIds', {
				hint: 'Replaces the colleagues recorded as attendees (CRM only: nobody is invited or uninvited). By expression, owner IDs as a comma-separated list or an array.',
			}),
			meetingField('body', {
				description:
					'Text of the meeting (hs_meeting_body). The invitation already sent keeps its old text.',
			}),
			meetingField('endTime', {
				description:
					"New end time, read in Timezone. Updates the CRM record only: HubSpot's Scheduler API cannot reschedule, so move the event in the organizer's calendar (HubSpot's calendar sync then updates the record) or cancel and create a new one.",
			}),
			meetingField('internalNotes'),
			meetingField('location', {
				description: 'New location on the CRM record; the calendar event keeps the old one',
			}),
			meetingField('locationType'),
			meetingField('meetingType', {
				hint: "One of the account's call and meeting types (hs_activity_type).",
			}),
			meetingField('outcome', {
				default: 'COMPLETED',
				hint: 'What became of the meeting (hs_meeting_outcome), e.g. Completed, No Show or Canceled. Setting Canceled does not cancel the calendar event or tell the attendees.',
			}),
			meetingField('ownerId', {
				hint: 'New owner of the meeting in the CRM; by expression, their owner ID.',
			}),
			meetingField('startTime', {
				description:
					"New start time, read in Timezone; also moves the meeting on the CRM timeline. Updates the CRM record only: HubSpot's Scheduler API cannot reschedule the calendar event.",
			}),
			meetingField('timezone', {
				hint: "Timezone in which Start and End without an offset are read; empty for the workflow's timezone.",
			}),
			meetingField('title', {
				description: 'New title on the CRM record; the calendar event keeps its subject',
			}),
		],
	},
];

/** The PATCH body of one Update, checked; sends nothing. */
export function checkUpdate(input: ItemInput): IDataObject {
	meetingIdOf(input);
	const fields = input.getNodeParameter('updateFields', {}) as IDataObject;
	const properties = meetingProperties(fields, 'update');
	const times = meetingTimes(fields, input.getTimezone(), 'update');
	if (times) Object.assign(properties, timeProperties(times));
	if (Object.keys(properties).length === 0) {
		throw new InputError(
			'Update Fields',
			'nothing to update',
			'Add at least one field under Update Fields (e.g. Outcome).',
		);
	}
	return { properties };
}

async function prepareUpdate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	body: IDataObject,
): Promise<IHttpRequestOptions> {
	requestOptions.body = body;
	return meetingUrl(this, requestOptions);
}
