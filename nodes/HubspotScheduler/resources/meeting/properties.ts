import type { DateTime } from 'luxon';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	parseMeetingTime,
	requireEndAfterStart,
	resolveTimezone,
	toHubspotTime,
	toLocalTime,
} from '../../input/dates';
import { InputError } from '../../input/errors';
import { idMode, listMode, locatorField, personIdOf } from '../../input/locators';
import { idList, storableText, trimmed } from '../../input/values';
import { TIMEZONE_FIELD } from '../descriptions';

/**
 * The meeting's own fields, which Create Calendar Event and Update both offer: each defined once here
 * (the operations add only their wording), mapped once to its HubSpot property, and checked and
 * written by one function.
 */

/** How a field's value is checked and written. */
type Kind = 'title' | 'text' | 'choice' | 'owner' | 'owners';

/** HubSpot's enumeration for hs_meeting_location_type: the only choice the spec fixes (the others are the account's). */
const LOCATION_TYPES = { ADDRESS: 'Address', CUSTOM: 'Custom', PHONE: 'Phone' } as const;
/** Choices whose values are fixed, by field name: checked before sending, in any letter case. */
const FIXED_CHOICES: Partial<Record<string, readonly string[]>> = {
	locationType: Object.keys(LOCATION_TYPES),
};

/** Field name → HubSpot property, the field's name in messages, and its kind. */
const PROPERTY_MAP = {
	title: { property: 'hs_meeting_title', field: 'Title', kind: 'title' },
	body: { property: 'hs_meeting_body', field: 'Description', kind: 'text' },
	internalNotes: { property: 'hs_internal_meeting_notes', field: 'Internal Notes', kind: 'text' },
	location: { property: 'hs_meeting_location', field: 'Location', kind: 'text' },
	meetingType: { property: 'hs_activity_type', field: 'Meeting Type', kind: 'choice' },
	outcome: { property: 'hs_meeting_outcome', field: 'Outcome', kind: 'choice' },
	locationType: { property: 'hs_meeting_location_type', field: 'Location Type', kind: 'choice' },
	ownerId: { property: 'hubspot_owner_id', field: 'Owner', kind: 'owner' },
	attendeeOwnerIds: { property: 'hs_attendee_owner_ids', field: 'Attendees', kind: 'owners' },
} satisfies Record<string, { property: string; field: string; kind: Kind }>;

type PropertyFieldName = keyof typeof PROPERTY_MAP;
export type MeetingFieldName = PropertyFieldName | 'startTime' | 'endTime' | 'timezone';

const FIELDS: Record<MeetingFieldName, INodeProperties> = {
	attendeeOwnerIds: {
		displayName: 'Attendee Names or IDs',
		name: 'attendeeOwnerIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getOwners' },
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	body: {
		displayName: 'Description',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
	},
	endTime: { displayName: 'End', name: 'endTime', type: 'dateTime', default: '' },
	internalNotes: {
		displayName: 'Internal Notes',
		name: 'internalNotes',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'Notes kept in HubSpot and not shown to attendees',
	},
	location: { displayName: 'Location', name: 'location', type: 'string', default: '' },
	locationType: {
		displayName: 'Location Type',
		name: 'locationType',
		type: 'options',
		options: Object.entries(LOCATION_TYPES).map(([value, name]) => ({ name, value })),
		default: 'ADDRESS',
	},
	meetingType: {
		displayName: 'Meeting Type Name or ID',
		name: 'meetingType',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMeetingTypes' },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	outcome: {
		displayName: 'Outcome Name or ID',
		name: 'outcome',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getOutcomes' },
		default: 'SCHEDULED',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	ownerId: locatorField({
		displayName: 'Owner',
		name: 'ownerId',
		modes: [
			listMode('searchOwners', 'Search by name or email…'),
			idMode('e.g. 100001', 'Owner', 'HubSpot owner ID'),
		],
	}),
	startTime: { displayName: 'Start', name: 'startTime', type: 'dateTime', default: '' },
	timezone: TIMEZONE_FIELD,
	title: { displayName: 'Title', name: 'title', type: 'string', default: '' },
};

/** A meeting field as an operation shows it: the definition above plus the operation's wording. */
export function meetingField(
	name: MeetingFieldName,
	wording: Partial<INodeProperties> = {},
): INodeProperties {
	return { ...FIELDS[name], ...wording };
}

/**
 * On Create an empty choice or owner means "not set" (Outcome then defaults to Scheduled, Owner to the
 * organizer's). On Update an empty value is refused: it could mean "clear" as well as "keep".
 */
export type WrittenBy = 'create' | 'update';

const FIX: Record<WrittenBy, { title: string; owner: string }> = {
	create: {
		title: "Give the meeting a title; it becomes the calendar event's subject.",
		owner:
			'Give the owner "id" from HubSpot, or leave Owner empty to use the organizer\'s own owner record.',
	},
	update: {
		title: 'Give the meeting a title, or remove the Title field to keep the current one.',
		owner: 'Pick the new owner, or give their owner "id" (not their user ID) by expression.',
	},
};

/**
 * Checks the meeting fields in `values` (by field name; fields not set are left out) and returns
 * HubSpot's `properties` for them. Multi-value properties go to the Scheduler API (create) as an array,
 * to the CRM API (update) as one string with semicolons.
 */
export function meetingProperties(values: IDataObject, writtenBy: WrittenBy): IDataObject {
	const properties: IDataObject = {};
	for (const [name, { property, field, kind }] of Object.entries(PROPERTY_MAP)) {
		const value = values[name];
		// Not set: left out, except Create's required Title (an expression that gave nothing is an empty title).
		if (value === undefined && !(kind === 'title' && writtenBy === 'create')) continue;
		if (kind === 'title') {
			const title = trimmed(value);
			if (!title) throw new InputError(field, 'is empty', FIX[writtenBy].title);
			properties[property] = storableText(field, title);
		} else if (kind === 'text') {
			properties[property] = storableText(field, String(value ?? ''));
		} else if (kind === 'choice') {
			const choice = trimmed(value);
			const fixed = FIXED_CHOICES[name];
			if (choice && fixed && !fixed.includes(choice.toUpperCase())) {
				throw new InputError(
					field,
					`"${choice}" is not one of ${fixed.join(', ')}`,
					`Pick one from the list, or give ${fixed.join(', ')} by expression.`,
				);
			}
			if (choice) properties[property] = storableText(field, fixed ? choice.toUpperCase() : choice);
			else if (writtenBy === 'update') {
				throw new InputError(
					field,
					'is empty',
					`Pick a value, or remove the ${field} field to keep the current one.`,
				);
			}
		} else if (kind === 'owner') {
			const id = personIdOf(field, value, 'owner', FIX[writtenBy].owner, writtenBy === 'create');
			if (id) properties[property] = id;
		} else {
			const ids = idList(
				field,
				value,
				'Give owner IDs as a comma-separated list (e.g. 101, 102) or an array from an expression.',
			);
			properties[property] = writtenBy === 'create' ? ids : ids.join(';');
		}
	}
	return properties;
}

export interface MeetingTimes {
	timezone: string;
	start?: DateTime;
	end?: DateTime;
}

/**
 * Start and End read in the meeting's Timezone, End after Start. Create requires both; Update takes
 * either (undefined when neither is set, and then Timezone is not read either).
 */
export function meetingTimes(
	values: IDataObject,
	workflowTimezone: string,
	writtenBy: WrittenBy,
): MeetingTimes | undefined {
	const given = (name: string) =>
		writtenBy === 'create' || (values[name] !== undefined && values[name] !== '');
	if (!given('startTime') && !given('endTime')) return undefined;
	const timezone = resolveTimezone(values.timezone ?? '', workflowTimezone);
	const start = given('startTime')
		? parseMeetingTime('Start', values.startTime, timezone)
		: undefined;
	const end = given('endTime') ? parseMeetingTime('End', values.endTime, timezone) : undefined;
	if (start && end)
		requireEndAfterStart(start, end, timezone, { start: values.startTime, end: values.endTime });
	return { timezone, start, end };
}

/** The time properties: start and end, and the CRM timeline position (`hs_timestamp`), which follows the start. */
export function timeProperties({ start, end }: MeetingTimes): IDataObject {
	return {
		...(start
			? { hs_meeting_start_time: toHubspotTime(start), hs_timestamp: toHubspotTime(start) }
			: {}),
		...(end ? { hs_meeting_end_time: toHubspotTime(end) } : {}),
	};
}

/** The CRM properties `simplifyMeeting` reads: what a search must ask for to simplify its meetings. */
export const SIMPLIFIED_MEETING_PROPERTIES = [
	'hs_meeting_title',
	'hs_meeting_start_time',
	'hs_meeting_end_time',
	'hs_meeting_outcome',
	'hs_activity_type',
	'hubspot_owner_id',
	'hs_attendee_owner_ids',
	'hs_meeting_location',
	'hs_meeting_location_type',
	'hs_meeting_external_url',
	'hs_unique_id',
];

/** One meeting record as Simplify shows it (also the trigger's output); times also in `timezone`. */
export function simplifyMeeting(
	meeting: IDataObject,
	timezone: string,
	organizerUserId?: string,
): IDataObject {
	const properties = (meeting.properties ?? {}) as IDataObject;
	const simplified: IDataObject = {
		id: meeting.id,
		title: properties.hs_meeting_title,
		start: properties.hs_meeting_start_time,
		end: properties.hs_meeting_end_time,
		startLocal: toLocalTime(properties.hs_meeting_start_time, timezone),
		endLocal: toLocalTime(properties.hs_meeting_end_time, timezone),
		timezone,
		outcome: properties.hs_meeting_outcome,
		type: properties.hs_activity_type,
		organizerUserId,
		ownerId: properties.hubspot_owner_id,
		attendeeOwnerIds: properties.hs_attendee_owner_ids,
		location: properties.hs_meeting_location,
		locationType: properties.hs_meeting_location_type,
		calendarEventUrl: properties.hs_meeting_external_url,
		calendarEventId: properties.hs_unique_id,
		createdAt: meeting.createdAt,
		updatedAt: meeting.lastUpdatedAt ?? meeting.updatedAt, // calendar answer / CRM record
	};
	// Optional fields the meeting does not have are left out rather than shown as empty.
	for (const key of Object.keys(simplified))
		if (simplified[key] === undefined) delete simplified[key];
	return simplified;
}
