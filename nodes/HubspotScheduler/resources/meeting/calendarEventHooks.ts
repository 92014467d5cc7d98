import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { buildAssociations, parseIdList, type AssociationRow } from '../../shared/associations';
import { parseMeetingTime, resolveTimezone, toHubspotTime, toLocalTime } from '../../shared/dates';
import { activePeople, listOwners, ownerLabel } from '../../http/owners';
import { asItemError, invalidInput } from '../../input/errors';
import { buildReminderSchedule, type ReminderRow } from '../../shared/reminders';

/**
 * Hooks of "Create Calendar Event". Routing writes the plain text fields into the body; `completeCalendarEvent`
 * checks everything the user gave, fills in what HubSpot requires (times in UTC, timezone, owner,
 * associations, reminder schedule), and only then — for a valid item — looks anything up over the network.
 */

/** HubSpot's limit for a single-line or multi-line text property value. */
const MAX_TEXT_LENGTH = 65_536;

const TEXT_PROPERTIES: Record<string, string> = {
	hs_meeting_title: 'Title',
	hs_meeting_body: 'Description',
	hs_internal_meeting_notes: 'Internal Notes',
	hs_meeting_location: 'Location',
	hs_activity_type: 'Meeting Type',
	hs_meeting_outcome: 'Outcome',
};

function timezoneOf(context: IExecuteSingleFunctions): string {
	return resolveTimezone(context.getNodeParameter('timezone', ''), context.getTimezone());
}

export async function completeCalendarEvent(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const itemIndex = this.getItemIndex();
	const body = (requestOptions.body ?? {}) as IDataObject;
	const properties = ((body.properties as IDataObject | undefined) ?? {}) as IDataObject;
	const additional = this.getNodeParameter('additionalFields', {}) as IDataObject;

	const title = typeof properties.hs_meeting_title === 'string' ? properties.hs_meeting_title.trim() : '';
	if (!title) {
		throw invalidInput(node, itemIndex, 'Title', 'is empty', 'Give the meeting a title; it becomes the calendar event\'s subject.');
	}
	properties.hs_meeting_title = title;
	if (!properties.hs_meeting_outcome) properties.hs_meeting_outcome = 'SCHEDULED';
	for (const [property, field] of Object.entries(TEXT_PROPERTIES)) {
		const value = properties[property];
		if (typeof value === 'string' && value.length > MAX_TEXT_LENGTH) {
			throw invalidInput(node, itemIndex, field, `is ${value.length} characters long; HubSpot stores at most ${MAX_TEXT_LENGTH}`, `Shorten the ${field.toLowerCase()}, e.g. with {{ $json.text.slice(0, 60000) }}.`);
		}
	}

	const organizerUserId = String(this.getNodeParameter('organizerUserId', '') ?? '').trim();
	if (!/^\d+$/.test(organizerUserId)) {
		throw invalidInput(
			node,
			itemIndex,
			'Organizer',
			organizerUserId ? `"${organizerUserId}" is not a HubSpot user ID (a whole number)` : 'is empty',
			'Give the HubSpot user ID of the person whose calendar gets the meeting (the "userId" of an owner, not the owner "id").',
		);
	}

	/** Runs one parser; what it rejects becomes this item's error, named after `field`. */
	const checked = <T>(field: string, parse: () => T): T => {
		try {
			return parse();
		} catch (error) {
			throw asItemError(node, itemIndex, error, field);
		}
	};

	const timezone = checked('Timezone', () => timezoneOf(this));
	const parseTime = (field: string, value: unknown) => checked(field, () => parseMeetingTime(value, timezone));
	const start = parseTime('Start', this.getNodeParameter('startTime', ''));
	const end = parseTime('End', this.getNodeParameter('endTime', ''));
	if (end <= start) {
		throw invalidInput(
			node,
			itemIndex,
			'End',
			`${end.toISO()} is ${end.equals(start) ? 'the same as' : 'before'} Start (${start.toISO()}, ${timezone})`,
			'Set End after Start, e.g. {{ DateTime.fromISO($json.start).plus({ minutes: 30 }) }}.',
		);
	}
	properties.hs_meeting_start_time = toHubspotTime(start);
	properties.hs_meeting_end_time = toHubspotTime(end);
	properties.hs_timestamp = toHubspotTime(
		additional.timestamp !== undefined && additional.timestamp !== '' ? parseTime('Timestamp', additional.timestamp) : start,
	);

	for (const [parameter, property, field] of [
		['attendeeOwnerIds', 'hs_attendee_owner_ids', 'Attendees'],
		['attachmentIds', 'hs_attachment_ids', 'Attachment File IDs'],
	] as const) {
		if (additional[parameter] === undefined) continue;
		properties[property] = checked(field, () =>
			parseIdList(additional[parameter], field, `Give ${field} as a comma-separated list (e.g. 101, 102) or an array from an expression.`),
		);
	}
	body.associations = checked('Associations', () =>
		buildAssociations(this.getNodeParameter('associations.association', []) as AssociationRow[]),
	);
	body.emailReminderSchedule = checked('Reminders', () =>
		buildReminderSchedule(
			this.getNodeParameter('reminders.reminder', []) as ReminderRow[],
			this.getNodeParameter('includeDescriptionInReminders', false) as boolean,
		),
	);

	const ownerId = String(this.getNodeParameter('ownerId', '') ?? '').trim();
	if (ownerId && !/^\d+$/.test(ownerId)) {
		throw invalidInput(node, itemIndex, 'Owner', `"${ownerId}" is not a HubSpot owner ID (a whole number)`, 'Give the owner "id" from HubSpot, or leave Owner empty to use the organizer\'s own owner record.');
	}
	// Everything above is local; the owner look-up below is the first request this item may cause.
	properties.hubspot_owner_id = ownerId || (await ownerIdOfOrganizer(this, requestOptions.baseURL as string, organizerUserId));

	body.properties = properties;
	body.timezone = timezone;
	requestOptions.body = body;
	return requestOptions;
}

async function ownerIdOfOrganizer(context: IExecuteSingleFunctions, baseURL: string, organizerUserId: string): Promise<string> {
	const owners = await listOwners(context, { baseURL, purpose: 'lookUpOwners' });
	const organizer = activePeople(owners).find((owner) => String(owner.userId) === organizerUserId);
	if (organizer) return organizer.id;

	const itemIndex = context.getItemIndex();
	const ownerWithThatId = owners.find((owner) => owner.id === organizerUserId);
	if (ownerWithThatId) {
		throw invalidInput(
			context.getNode(),
			itemIndex,
			'Organizer',
			`${organizerUserId} is the owner ID of ${ownerLabel(ownerWithThatId)}, not a user ID`,
			ownerWithThatId.userId !== undefined
				? `Use their user ID ${ownerWithThatId.userId} as Organizer. (Owner and Attendees take owner IDs; the organizer takes a user ID.)`
				: 'That owner has no HubSpot user, so they cannot organize meetings. Pick a person with a HubSpot user.',
		);
	}
	throw invalidInput(
		context.getNode(),
		itemIndex,
		'Organizer',
		`no active HubSpot user with ID ${organizerUserId} in this account`,
		'Check the ID in HubSpot (Settings → Users: the number in the user\'s URL), or set Owner explicitly.',
	);
}

/** "Simplify": one flat item per meeting, with times also shown in the meeting's own timezone. */
export async function simplifyCalendarEvent(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (!(this.getNodeParameter('simplify', true) as boolean)) return items;
	const timezone = timezoneOf(this);
	const organizerUserId = String(this.getNodeParameter('organizerUserId', '')).trim();
	return items.map((item) => {
		const meeting = item.json as IDataObject;
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
				updatedAt: meeting.lastUpdatedAt,
		};
		// Optional fields the meeting does not have are left out rather than shown as empty.
		for (const key of Object.keys(simplified)) if (simplified[key] === undefined) delete simplified[key];
		return { json: simplified };
	});
}
