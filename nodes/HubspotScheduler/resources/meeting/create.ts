import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { API_VERSION, calendarMeetingPath, SCHEDULER_API_VERSIONS } from '../../http/endpoints';
import { activePeople, listOwners, ownerLabel } from '../../http/owners';
import { pacedRouting } from '../../http/routing';
import { parseMeetingTime, toHubspotTime } from '../../input/dates';
import { InputError, itemError } from '../../input/errors';
import type { ItemInput } from '../../input/item';
import { idMode, listMode, locatorField, personIdOf } from '../../input/locators';
import { idList } from '../../input/values';
import { showFor } from '../descriptions';
import {
	associationsField,
	meetingAssociations,
	resolveAssociations,
	type AssociationEntry,
} from './associations';
import {
	meetingField,
	meetingProperties,
	meetingTimes,
	simplifyMeeting,
	timeProperties,
	type MeetingTimes,
} from './properties';
import {
	accountForRecordUrl,
	rememberSent,
	simplifyCalendarEvent,
	withRecordUrl,
} from './createOutput';
import { ifMatchingMeetingExistsField, unlessMatchingMeetingExists } from './findExisting';
import { emailReminderSchedule, reminderFields, type EmailReminderSchedule } from './reminders';

/**
 * Create Calendar Event: a meeting in the organizer's calendar through HubSpot's Scheduler API, which
 * sends the invitations and reminders and logs the meeting in the CRM.
 */

export const createOperation: INodePropertyOptions = {
	name: 'Create Calendar Event',
	value: 'createCalendarEvent',
	action: 'Create a calendar event',
	description:
		"Schedule a meeting in the organizer's calendar: HubSpot sends the invitations and reminders and logs it in the CRM",
	routing: pacedRouting('createMeeting', {
		method: 'POST',
		// The path (its API version) is written by prepareCreate: as an expression it cost an evaluation per item.
		check: checkCreate,
		prepare: prepareCreate,
		postReceive: [simplifyCalendarEvent],
	}),
};

const displayOptions = showFor('meeting', 'createCalendarEvent');

export const createFields: INodeProperties[] = [
	locatorField({
		displayName: 'Organizer',
		name: 'organizerUserId',
		required: true,
		modes: [
			listMode('searchOrganizers', 'Search by name or email…'),
			idMode('e.g. 9000001', 'Organizer', 'HubSpot user ID'),
		],
		hint: 'Person whose calendar gets the meeting and who sends the invitations. By ID, give their HubSpot user ID (the "userId" of an owner, not the owner ID).',
		displayOptions,
	}),
	meetingField('title', {
		required: true,
		placeholder: 'e.g. Product demo with Acme',
		description: 'Subject of the meeting and of the calendar invitation',
		displayOptions,
	}),
	meetingField('timezone', {
		hint: "IANA timezone of the meeting (e.g. Europe/Berlin). Times without an offset are read in it, and invitations show it. Leave empty to use the workflow's timezone.",
		displayOptions,
	}),
	meetingField('startTime', {
		required: true,
		description:
			"When the meeting starts. A time without an offset (e.g. 2026-05-04T14:30) is wall-clock time in the meeting's timezone; an ISO time with an offset, a Luxon DateTime (e.g. {{ $now.plus({ days: 1 }) }}), a JS Date or epoch milliseconds also work.",
		displayOptions,
	}),
	meetingField('endTime', {
		required: true,
		description:
			"When the meeting ends; must be after Start. Accepts the same forms as Start, read in the meeting's timezone.",
		displayOptions,
	}),
	meetingField('ownerId', {
		hint: "The meeting's owner in the CRM; By ID, their HubSpot owner ID. Leave empty to use the organizer's own owner record (looked up once per run).",
		displayOptions,
	}),
	associationsField(displayOptions),
	...reminderFields(displayOptions),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Attachment File IDs',
				name: 'attachmentIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3001, 3002',
				description:
					"IDs of files in HubSpot's file manager: a comma-separated list or an array from an expression",
			},
			meetingField('attendeeOwnerIds', {
				hint: 'Colleagues who attend. By expression, their owner IDs: a comma-separated list or an array.',
			}),
			meetingField('body', { description: 'Text of the invitation, shown to the attendees' }),
			meetingField('internalNotes'),
			meetingField('location', { placeholder: 'e.g. Room 4.02 or +49 30 1234567' }),
			meetingField('locationType'),
			meetingField('meetingType', {
				hint: "One of the account's call and meeting types (property hs_activity_type); by expression, its internal value.",
			}),
			meetingField('outcome', {
				hint: 'Meeting outcome (property hs_meeting_outcome), Scheduled when not set; by expression, its internal value such as SCHEDULED.',
			}),
			{
				displayName: 'Timestamp',
				name: 'timestamp',
				type: 'dateTime',
				default: '',
				description:
					'When the activity shows on the CRM timeline (hs_timestamp). Defaults to Start.',
			},
		],
	},
	ifMatchingMeetingExistsField(displayOptions),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			"Whether to return one flat item per meeting (ID, title, times in UTC and in the meeting's timezone, calendar event URL) instead of HubSpot's full response",
		displayOptions,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'API Version',
				name: 'apiVersion',
				type: 'options',
				options: SCHEDULER_API_VERSIONS.map((version) => ({ name: version, value: version })),
				default: API_VERSION,
				description:
					"HubSpot Scheduler API date version to call. Both take the same request; choose 2026-09 once 2026-03 leaves HubSpot's support window.",
			},
		],
	},
];

/** A create, checked: the request's parts, with the owner still to look up when none was given. */
interface CheckedCreate {
	/** The path, in the API version chosen under Options. */
	url: string;
	organizerUserId: string;
	body: IDataObject & { properties: IDataObject };
}

/** Everything the user gave for one meeting, checked; sends nothing. */
export function checkCreate(input: ItemInput): CheckedCreate {
	const additional = input.getNodeParameter('additionalFields', {}) as IDataObject;
	const properties = meetingProperties(
		{
			title: input.getNodeParameter('title', ''),
			ownerId: input.getNodeParameter('ownerId', ''),
			...additional,
		},
		'create',
	);
	properties.hs_meeting_outcome ??= 'SCHEDULED';
	const organizerUserId = personIdOf(
		'Organizer',
		input.getNodeParameter('organizerUserId', ''),
		'user',
		'Give the HubSpot user ID of the person whose calendar gets the meeting (the "userId" of an owner, not the owner "id").',
	);
	const times = meetingTimes(
		{
			startTime: input.getNodeParameter('startTime', ''),
			endTime: input.getNodeParameter('endTime', ''),
			timezone: input.getNodeParameter('timezone', ''),
		},
		input.getTimezone(),
		'create',
	) as Required<MeetingTimes>;
	Object.assign(properties, timeProperties(times));
	if (additional.timestamp !== undefined && additional.timestamp !== '') {
		properties.hs_timestamp = toHubspotTime(
			parseMeetingTime('Timestamp', additional.timestamp, times.timezone),
		);
	}
	if (additional.attachmentIds !== undefined) {
		properties.hs_attachment_ids = idList(
			'Attachment File IDs',
			additional.attachmentIds,
			'Give Attachment File IDs as a comma-separated list (e.g. 101, 102) or an array from an expression.',
		);
	}
	const { apiVersion } = input.getNodeParameter('options', {}) as IDataObject;
	return {
		url: calendarMeetingPath(apiVersion),
		organizerUserId,
		body: {
			properties,
			associations: meetingAssociations(input),
			emailReminderSchedule: emailReminderSchedule(input),
			timezone: times.timezone,
		},
	};
}

/**
 * The checked request, once every item is checked; an empty Owner becomes the organizer's own owner record
 * (one look-up per run). With Simplify, the account's portal is read too (once per credential), for the
 * output's record URL.
 */
async function prepareCreate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	{ url, organizerUserId, body }: CheckedCreate,
): Promise<IHttpRequestOptions> {
	const { baseURL } = requestOptions;
	body.properties.hubspot_owner_id ??= await ownerIdOfOrganizer(this, baseURL, organizerUserId);
	const associations = await resolveAssociations(
		this,
		baseURL,
		body.associations as AssociationEntry[],
	);
	body.associations = associations.map(({ to, types }) => ({ to, types }));
	const simplify = this.getNodeParameter('simplify', true) as boolean;
	const account = await accountForRecordUrl(this, baseURL, simplify);
	rememberSent(this, {
		simplify,
		timezone: body.timezone as string,
		account,
		associations,
		reminders: body.emailReminderSchedule as EmailReminderSchedule,
	});
	requestOptions.url = url;
	requestOptions.qs = { ...requestOptions.qs, organizerUserId };
	requestOptions.body = body;
	return await unlessMatchingMeetingExists(this, requestOptions, body.properties, (meeting) =>
		simplify
			? withRecordUrl(simplifyMeeting(meeting, body.timezone as string, organizerUserId), account)
			: meeting,
	);
}

async function ownerIdOfOrganizer(
	context: IExecuteSingleFunctions,
	baseURL: string | undefined,
	organizerUserId: string,
): Promise<string> {
	const owners = await listOwners(context, { baseURL, purpose: 'lookUpOwners' });
	const organizer = activePeople(owners).find((owner) => String(owner.userId) === organizerUserId);
	if (organizer) return organizer.id;
	const ownerWithThatId = owners.find((owner) => owner.id === organizerUserId);
	const problem = ownerWithThatId
		? new InputError(
				'Organizer',
				`${organizerUserId} is the owner ID of ${ownerLabel(ownerWithThatId)}, not a user ID`,
				ownerWithThatId.userId !== undefined
					? `Use their user ID ${ownerWithThatId.userId} as Organizer. (Owner and Attendees take owner IDs; the organizer takes a user ID.)`
					: 'That owner has no HubSpot user, so they cannot organize meetings. Pick a person with a HubSpot user.',
			)
		: new InputError(
				'Organizer',
				`no active HubSpot user with ID ${organizerUserId} in this account`,
				"Check the ID in HubSpot (Settings → Users: the number in the user's URL), or set Owner explicitly.",
			);
	throw itemError(context.getNode(), context.getItemIndex(), problem);
}
