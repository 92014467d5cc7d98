import type { INodeProperties } from 'n8n-workflow';

import { sendAs } from '../../shared/transport';
import { completeCalendarEvent, simplifyCalendarEvent } from './calendarEventHooks';
import { createCalendarEventDescription } from './createCalendarEvent';

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
		],
		default: 'createCalendarEvent',
	},
	...createCalendarEventDescription,
];
