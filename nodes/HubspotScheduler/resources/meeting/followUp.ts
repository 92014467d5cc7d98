import type { INodeProperties } from 'n8n-workflow';

import { LOCATION_TYPE_OPTIONS } from './createCalendarEvent';

/**
 * Get, Update and Delete a created meeting through its CRM record. What HubSpot does with the
 * calendar event is stated in the descriptions, not promised: the Scheduler API has no reschedule or
 * cancel call, and HubSpot does not document that CRM edits reach the organizer's calendar.
 */

const forOperations = (...operation: string[]) => ({ show: { resource: ['meeting'], operation } });

export const followUpDescription: INodeProperties[] = [
	{
		displayName: 'Meeting ID',
		name: 'meetingId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 90000000001',
		description:
			"ID of the meeting: the ID that Create Calendar Event returns, or the number in the meeting's HubSpot URL",
		displayOptions: forOperations('get', 'update', 'delete'),
	},

	// ---------------------------------------------------------------- Get
	{
		displayName: 'Options',
		name: 'getOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: forOperations('get'),
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
				description: 'Kinds of CRM records whose IDs to return with the meeting, if it is associated with any',
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

	// ---------------------------------------------------------------- Update
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			"Fields to change; the others keep their values. Changes the CRM record only: HubSpot does not document pushing it to the organizer's calendar event, and sends no new invitation.",
		displayOptions: forOperations('update'),
		options: [
			{
				displayName: 'Attendee Names or IDs',
				name: 'attendeeOwnerIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getOwners' },
				default: [],
				hint: 'Replaces the colleagues recorded as attendees (CRM only: nobody is invited or uninvited). By expression, owner IDs as a comma-separated list or an array.',
				description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Description',
				name: 'body',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'Text of the meeting (hs_meeting_body). The invitation already sent keeps its old text.',
			},
			{
				displayName: 'End',
				name: 'endTime',
				type: 'dateTime',
				default: '',
				description:
					"New end time, read in Timezone. Updates the CRM record only: HubSpot's Scheduler API cannot reschedule, so move the event in the organizer's calendar (HubSpot's calendar sync then updates the record) or cancel and create a new one.",
			},
			{
				displayName: 'Internal Notes',
				name: 'internalNotes',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'Notes kept in HubSpot and not shown to attendees',
			},
			{
				displayName: 'Location',
				name: 'location',
				type: 'string',
				default: '',
				description: 'New location on the CRM record; the calendar event keeps the old one',
			},
			{
				displayName: 'Location Type',
				name: 'locationType',
				type: 'options',
				options: LOCATION_TYPE_OPTIONS,
				default: 'ADDRESS',
			},
			{
				displayName: 'Meeting Type Name or ID',
				name: 'meetingType',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getMeetingTypes' },
				default: '',
				hint: 'One of the account\'s call and meeting types (hs_activity_type).',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Outcome Name or ID',
				name: 'outcome',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getOutcomes' },
				default: 'COMPLETED',
				hint: 'What became of the meeting (hs_meeting_outcome), e.g. Completed, No Show or Canceled. Setting Canceled does not cancel the calendar event or tell the attendees.',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Owner Name or ID',
				name: 'ownerId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getOwners' },
				default: '',
				hint: 'New owner of the meeting in the CRM; by expression, their owner ID.',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Start',
				name: 'startTime',
				type: 'dateTime',
				default: '',
				description:
					"New start time, read in Timezone; also moves the meeting on the CRM timeline. Updates the CRM record only: HubSpot's Scheduler API cannot reschedule the calendar event.",
			},
			{
				displayName: 'Timezone Name or ID',
				name: 'timezone',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTimezones' },
				default: '',
				hint: 'Timezone in which Start and End without an offset are read; empty for the workflow\'s timezone.',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'New title on the CRM record; the calendar event keeps its subject',
			},
		],
	},
];
