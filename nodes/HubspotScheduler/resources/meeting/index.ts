import type { INodeProperties } from 'n8n-workflow';

import { CALENDAR_MEETING_URL, MEETINGS_PATH } from '../../http/endpoints';
import { pacedRouting } from '../../http/routing';
import { completeCalendarEvent, simplifyCalendarEvent } from './calendarEventHooks';
import { createCalendarEventDescription } from './createCalendarEvent';
import { followUpDescription } from './followUp';
import { deletedMeeting, prepareDeleteMeeting, prepareGetMeeting, prepareUpdateMeeting } from './followUpHooks';

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
				routing: pacedRouting('createMeeting', {
					method: 'POST',
					url: CALENDAR_MEETING_URL,
					preSend: [completeCalendarEvent],
					postReceive: [simplifyCalendarEvent],
				}),
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a meeting',
				description:
					'Move a meeting to the recycle bin. HubSpot does not document that this cancels the calendar event; cancel it in the calendar.',
				routing: pacedRouting('change', { method: 'DELETE', url: MEETINGS_PATH, preSend: [prepareDeleteMeeting], postReceive: [deletedMeeting] }),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a meeting',
				description: 'Read a meeting by ID, with the properties and associations you choose',
				routing: pacedRouting('read', { method: 'GET', url: MEETINGS_PATH, preSend: [prepareGetMeeting] }),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a meeting',
				description:
					'Record the outcome or change title, notes, owner or times of a meeting in the CRM (the calendar event is not changed)',
				routing: pacedRouting('change', { method: 'PATCH', url: MEETINGS_PATH, preSend: [prepareUpdateMeeting] }),
			},
		],
		default: 'createCalendarEvent',
	},
	...createCalendarEventDescription,
	...followUpDescription,
];
