/**
 * CRM meeting records (`/crm/objects/2026-03/meetings/{meetingId}`): read, update, archive. Meetings
 * created through the calendar endpoint (`emulator.meetings`) are CRM meetings too, so they are
 * readable, updatable and deletable here; two more are seeded.
 */
import type { HandlerContext, HubspotEmulator } from './emulator';
import { notFound, validationError, type EmulatorResponse } from './errors';
import { editMeeting } from './crmSearch';

const ASSOCIATION_TYPES: Record<number, { plural: string; singular: string }> = {
	200: { plural: 'contacts', singular: 'contact' },
	188: { plural: 'companies', singular: 'company' },
	212: { plural: 'deals', singular: 'deal' },
	226: { plural: 'tickets', singular: 'ticket' },
};

const DEFAULT_PROPERTIES = ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'];

/** Properties a meeting has (others are refused on update, as HubSpot refuses unknown properties). */
const KNOWN_PROPERTIES = new Set([
	'hs_meeting_title',
	'hs_meeting_body',
	'hs_internal_meeting_notes',
	'hs_meeting_location',
	'hs_meeting_location_type',
	'hs_meeting_start_time',
	'hs_meeting_end_time',
	'hs_timestamp',
	'hs_meeting_outcome',
	'hs_activity_type',
	'hubspot_owner_id',
	'hs_attendee_owner_ids',
	'hs_attachment_ids',
]);

export const SEEDED_MEETING_IDS = ['80000000001', '80000000002'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type StoredMeeting = any;

interface CrmState {
	seeded: Map<string, StoredMeeting>;
	/** Ids of archived meetings (bookkeeping for tests). */
	archived: Set<string>;
	/** The archived records themselves: reset() reuses ids, and a new meeting with an old id is not archived. */
	archivedRecords: WeakSet<object>;
}

const states = new WeakMap<HubspotEmulator, CrmState>();

function seed(): Map<string, StoredMeeting> {
	const meeting = (id: string, title: string, start: string, end: string, outcome: string) => ({
		id,
		createdAt: '2026-01-10T09:00:00.000Z',
		lastUpdatedAt: '2026-01-10T09:00:00.000Z',
		properties: {
			hs_meeting_title: title,
			hs_meeting_start_time: start,
			hs_meeting_end_time: end,
			hs_timestamp: start,
			hs_meeting_outcome: outcome,
			hubspot_owner_id: '100001',
			hs_attendee_owner_ids: ['100002'],
			hs_meeting_external_url: 'https://calendar.google.com/calendar/event?eid=seeded',
			hs_unique_id: `seeded-${id}`,
			hs_engagement_source: 'MEETINGS',
		},
		requestBody: {
			associations: [
				{
					to: { id: '501' },
					types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }],
				},
			],
		},
	});
	return new Map([
		[
			SEEDED_MEETING_IDS[0],
			meeting(
				SEEDED_MEETING_IDS[0],
				'Kick-off',
				'2026-02-02T09:00:00.000Z',
				'2026-02-02T09:30:00.000Z',
				'COMPLETED',
			),
		],
		[
			SEEDED_MEETING_IDS[1],
			meeting(
				SEEDED_MEETING_IDS[1],
				'Follow-up',
				'2026-11-05T14:00:00.000Z',
				'2026-11-05T15:00:00.000Z',
				'SCHEDULED',
			),
		],
	]);
}

export function crmMeetingState(emulator: HubspotEmulator): CrmState {
	let state = states.get(emulator);
	if (!state) {
		state = { seeded: seed(), archived: new Set(), archivedRecords: new WeakSet() };
		states.set(emulator, state);
	}
	return state;
}

function find(ctx: HandlerContext): StoredMeeting {
	const id = String(ctx.params.meetingId);
	const state = crmMeetingState(ctx.emulator);
	const meeting = ctx.emulator.meetings.get(id) ?? state.seeded.get(id);
	if (!meeting || state.archivedRecords.has(meeting))
		throw notFound(`Object not found.  objectId are usually numeric.`);
	return meeting;
}

/** CRM answers carry every property as a string; multi-value properties are ;-separated. */
function asString(value: unknown): string {
	if (Array.isArray(value)) return value.map(String).join(';');
	return value === null || value === undefined ? '' : String(value);
}

function listParam(value: unknown): string[] {
	const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
	return list
		.flatMap((entry) => String(entry).split(','))
		.map((s) => s.trim())
		.filter(Boolean);
}

function publicMeeting(meeting: StoredMeeting, wanted: string[]): Record<string, unknown> {
	const all: Record<string, string> = {
		hs_createdate: meeting.createdAt,
		hs_lastmodifieddate: meeting.lastUpdatedAt,
		hs_object_id: meeting.id,
	};
	for (const [k, v] of Object.entries(meeting.properties as Record<string, unknown>))
		all[k] = asString(v);
	const names = wanted.length ? wanted : DEFAULT_PROPERTIES;
	const properties: Record<string, string> = {};
	for (const name of names) if (name in all) properties[name] = all[name];
	return {
		id: meeting.id,
		properties,
		createdAt: meeting.createdAt,
		updatedAt: meeting.lastUpdatedAt,
		archived: false,
	};
}

function getMeeting(ctx: HandlerContext): EmulatorResponse {
	const meeting = find(ctx);
	const body = publicMeeting(meeting, listParam(ctx.query.properties));
	const wantedAssociations = listParam(ctx.query.associations);
	if (wantedAssociations.length) {
		const associations: Record<string, { results: { id: string; type: string }[] }> = {};
		for (const a of meeting.requestBody?.associations ?? []) {
			for (const t of a.types) {
				const kind = ASSOCIATION_TYPES[t.associationTypeId];
				if (!kind || !wantedAssociations.some((w) => w === kind.plural || w === kind.singular))
					continue;
				(associations[kind.plural] ??= { results: [] }).results.push({
					id: String(a.to.id),
					type: `meeting_event_to_${kind.singular}`,
				});
			}
		}
		if (Object.keys(associations).length) body.associations = associations;
	}
	return { status: 200, body };
}

function updateMeeting(ctx: HandlerContext): EmulatorResponse {
	const meeting = find(ctx);
	const { properties } = ctx.body as { properties: Record<string, string> };
	const problems: { in: string; message: string }[] = [];
	const emu = ctx.emulator;
	for (const [name, value] of Object.entries(properties)) {
		const where = `properties.${name}`;
		if (!KNOWN_PROPERTIES.has(name))
			problems.push({ in: where, message: `Property "${name}" does not exist` });
		else if (name === 'hubspot_owner_id' && !emu.owners.some((o) => o.id === value)) {
			problems.push({ in: where, message: `${value} is not a valid owner id` });
		} else if (
			(name === 'hs_meeting_outcome' || name === 'hs_activity_type') &&
			!emu.propertyOptions[name].some((o) => o.value === value)
		) {
			problems.push({ in: where, message: `${value} was not one of the allowed options` });
		} else if (/_time$|^hs_timestamp$/.test(name) && Number.isNaN(Date.parse(value))) {
			problems.push({ in: where, message: `${value} is not a valid date-time` });
		} else if (name === 'hs_attendee_owner_ids') {
			for (const id of value.split(';').filter(Boolean)) {
				if (!emu.owners.some((o) => o.id === id))
					problems.push({ in: where, message: `${id} is not a valid owner id` });
			}
		}
	}
	if (problems.length) throw validationError(problems.map((p) => p.message).join('; '), problems);
	editMeeting(emu, String(meeting.id), properties); // property history and the search index follow
	const all = Object.keys(meeting.properties);
	return { status: 200, body: publicMeeting(meeting, [...DEFAULT_PROPERTIES, ...all]) };
}

function archiveMeeting(ctx: HandlerContext): EmulatorResponse {
	const meeting = find(ctx);
	const state = crmMeetingState(ctx.emulator);
	state.archived.add(String(ctx.params.meetingId));
	state.archivedRecords.add(meeting);
	return { status: 204 };
}

export function installCrmMeetingHandlers(emu: HubspotEmulator): void {
	const template = '/crm/objects/2026-03/meetings/{meetingId}';
	emu.handle(`GET ${template}`, getMeeting);
	emu.handle(`PATCH ${template}`, updateMeeting);
	emu.handle(`DELETE ${template}`, archiveMeeting);
}
