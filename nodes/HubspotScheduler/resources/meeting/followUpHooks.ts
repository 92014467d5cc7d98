import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { parseIdList } from '../../shared/associations';
import { parseMeetingTime, resolveTimezone, toHubspotTime } from '../../shared/dates';
import { MEETINGS_PATH } from '../../http/endpoints';
import { asItemError, invalidInput } from '../../input/errors';

/**
 * Hooks of the follow-up operations on a created meeting (Get, Update, Delete), which work on the
 * meeting's CRM record: `/crm/objects/2026-03/meetings/{id}`. The id a Create Calendar Event returns
 * is such a record id.
 */


/** What Get reads when the user does not choose: everything the node itself writes or shows. */
export const DEFAULT_MEETING_PROPERTIES = [
	'hs_meeting_title',
	'hs_meeting_start_time',
	'hs_meeting_end_time',
	'hs_timestamp',
	'hs_meeting_outcome',
	'hs_activity_type',
	'hubspot_owner_id',
	'hs_attendee_owner_ids',
	'hs_meeting_body',
	'hs_internal_meeting_notes',
	'hs_meeting_location',
	'hs_meeting_location_type',
	'hs_meeting_external_url',
	'hs_unique_id',
	'hs_engagement_source',
];

const MAX_TEXT_LENGTH = 65_536;

/** The meeting id of the item, checked; also puts it into the request's URL. */
function meetingUrl(context: IExecuteSingleFunctions): string {
	const raw = context.getNodeParameter('meetingId', '') as unknown;
	const id = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!/^\d+$/.test(id)) {
		throw invalidInput(
			context.getNode(),
			context.getItemIndex(),
			'Meeting ID',
			id ? `"${id}" is not a HubSpot meeting ID (a whole number)` : 'is empty',
			'Give the "id" that Create Calendar Event returned (e.g. {{ $json.id }}), or the ID in the meeting\'s HubSpot URL.',
		);
	}
	return `${MEETINGS_PATH}/${id}`;
}

function names(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,;]+/) : [];
	return list.map((entry) => String(entry).trim()).filter(Boolean);
}

export async function prepareGetMeeting(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.url = meetingUrl(this);
	const options = this.getNodeParameter('getOptions', {}) as IDataObject;
	const properties = names(options.properties);
	for (const name of properties) {
		if (!/^[a-z0-9_]+$/i.test(name)) {
			throw invalidInput(this.getNode(), this.getItemIndex(), 'Properties', `"${name}" is not a property name`, 'Give internal property names such as hs_meeting_title, separated by commas.');
		}
	}
	const associations = names(options.associations);
	requestOptions.qs = {
		...(requestOptions.qs ?? {}),
		// HubSpot takes comma-separated lists here.
		properties: (properties.length ? properties : DEFAULT_MEETING_PROPERTIES).join(','),
		...(associations.length ? { associations: associations.join(',') } : {}),
	};
	return requestOptions;
}

export async function prepareDeleteMeeting(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.url = meetingUrl(this);
	delete requestOptions.body;
	return requestOptions;
}

/** n8n's convention for a delete: one item saying so. HubSpot answers 204 without a body. */
export async function deletedMeeting(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const id = String(this.getNodeParameter('meetingId', '')).trim();
	return items.slice(0, 1).map(() => ({ json: { deleted: true, id } }));
}

const TEXT_FIELDS: Array<[parameter: string, property: string, field: string]> = [
	['title', 'hs_meeting_title', 'Title'],
	['body', 'hs_meeting_body', 'Description'],
	['internalNotes', 'hs_internal_meeting_notes', 'Internal Notes'],
	['location', 'hs_meeting_location', 'Location'],
];

export async function prepareUpdateMeeting(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const itemIndex = this.getItemIndex();
	requestOptions.url = meetingUrl(this);
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const properties: Record<string, string> = {};

	const checked = <T>(field: string, parse: () => T): T => {
		try {
			return parse();
		} catch (error) {
			throw asItemError(node, itemIndex, error, field);
		}
	};

	for (const [parameter, property, field] of TEXT_FIELDS) {
		if (fields[parameter] === undefined) continue;
		const value = String(fields[parameter] ?? '');
		if (parameter === 'title' && !value.trim()) {
			throw invalidInput(node, itemIndex, field, 'is empty', 'Give the meeting a title, or remove the Title field to keep the current one.');
		}
		if (value.length > MAX_TEXT_LENGTH) {
			throw invalidInput(node, itemIndex, field, `is ${value.length} characters long; HubSpot stores at most ${MAX_TEXT_LENGTH}`, `Shorten the ${field.toLowerCase()}.`);
		}
		properties[property] = parameter === 'title' ? value.trim() : value;
	}
	for (const [parameter, property, field] of [
		['outcome', 'hs_meeting_outcome', 'Outcome'],
		['meetingType', 'hs_activity_type', 'Meeting Type'],
		['locationType', 'hs_meeting_location_type', 'Location Type'],
	] as const) {
		if (fields[parameter] === undefined) continue;
		const value = String(fields[parameter] ?? '').trim();
		if (!value) {
			throw invalidInput(node, itemIndex, field, 'is empty', `Pick a value, or remove the ${field} field to keep the current one.`);
		}
		properties[property] = value;
	}
	if (fields.ownerId !== undefined) {
		const ownerId = String(fields.ownerId ?? '').trim();
		if (!/^\d+$/.test(ownerId)) {
			throw invalidInput(node, itemIndex, 'Owner', ownerId ? `"${ownerId}" is not a HubSpot owner ID (a whole number)` : 'is empty', 'Pick the new owner, or give their owner "id" (not their user ID) by expression.');
		}
		properties.hubspot_owner_id = ownerId;
	}
	if (fields.attendeeOwnerIds !== undefined) {
		const ids = checked('Attendees', () =>
			parseIdList(fields.attendeeOwnerIds, 'Attendees', 'Give owner IDs as a comma-separated list (e.g. 101, 102) or an array from an expression.'),
		);
		// A multi-value property is written as one string, values separated by semicolons.
		properties.hs_attendee_owner_ids = ids.join(';');
	}

	const hasStart = fields.startTime !== undefined && fields.startTime !== '';
	const hasEnd = fields.endTime !== undefined && fields.endTime !== '';
	if (hasStart || hasEnd) {
		const timezone = checked('Timezone', () => resolveTimezone(fields.timezone ?? '', this.getTimezone()));
		const start = hasStart ? checked('Start', () => parseMeetingTime(fields.startTime, timezone)) : undefined;
		const end = hasEnd ? checked('End', () => parseMeetingTime(fields.endTime, timezone)) : undefined;
		if (start && end && end <= start) {
			throw invalidInput(node, itemIndex, 'End', `${end.toISO()} is ${end.equals(start) ? 'the same as' : 'before'} Start (${start.toISO()}, ${timezone})`, 'Set End after Start.');
		}
		if (start) {
			properties.hs_meeting_start_time = toHubspotTime(start);
			// The CRM timeline position follows the start, as on create.
			properties.hs_timestamp = toHubspotTime(start);
		}
		if (end) properties.hs_meeting_end_time = toHubspotTime(end);
	}

	if (Object.keys(properties).length === 0) {
		throw invalidInput(node, itemIndex, 'Update Fields', 'nothing to update', 'Add at least one field under Update Fields (e.g. Outcome).');
	}
	requestOptions.body = { properties };
	return requestOptions;
}
