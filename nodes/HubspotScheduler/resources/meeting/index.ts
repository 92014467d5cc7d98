import type { INodeProperties } from 'n8n-workflow';

import { sendAs } from '../../shared/transport';
import { completeCalendarEvent, simplifyCalendarEvent } from './calendarEventHooks';
import { createCalendarEventDescription } from './createCalendarEvent';
import { followUpDescription } from './followUp';
import { deletedMeeting, MEETINGS_PATH, prepareDeleteMeeting, prepareGetMeeting, prepareUpdateMeeting } from './followUpHooks';

const showOnlyForMeetings = {
	resource: ['meeting'],
};

export const meetingDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForMeetings },
		options: [
			{
				name: 'Create Calendar Event',
				value: 'createCalendarEvent',
				action: 'Create calendar meeting event',
				description:
					"Schedule a meeting in the organizer's calendar: HubSpot sends the invitations and reminders and logs it in the CRM",
				routing: {
					request: {
						method: 'POST',
						url: '=/scheduler/{{ $parameter.options?.apiVersion || "2026-03" }}/meetings/calendar',
					},
					send: { preSend: [completeCalendarEvent], paginate: true },
					operations: { pagination: sendAs('createMeeting') },
					output: { postReceive: [simplifyCalendarEvent] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a meeting',
				description:
					'Move a meeting to the recycle bin. HubSpot does not document that this cancels the calendar event; cancel it in the calendar.',
				routing: {
					request: { method: 'DELETE', url: MEETINGS_PATH },
					send: { preSend: [prepareDeleteMeeting], paginate: true },
					operations: { pagination: sendAs('change') },
					output: { postReceive: [deletedMeeting] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a meeting',
				description: 'Read a meeting by ID, with the properties and associations you choose',
				routing: {
					request: { method: 'GET', url: MEETINGS_PATH },
					send: { preSend: [prepareGetMeeting], paginate: true },
					operations: { pagination: sendAs('read') },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a meeting',
				description:
					'Record the outcome or change title, notes, owner or times of a meeting in the CRM (the calendar event is not changed)',
				routing: {
					request: { method: 'PATCH', url: MEETINGS_PATH },
					send: { preSend: [prepareUpdateMeeting], paginate: true },
					operations: { pagination: sendAs('change') },
				},
			},
		],
		default: 'createCalendarEvent',
	},
	...createCalendarEventDescription,
	...followUpDescription,
];
