/** Follow-up on a created meeting (Get, Update, Delete) through the real engine against the emulator. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { HubspotEmulator } from '../emulator';
import { SEEDED_MEETING_IDS } from '../emulator/followUpHandlers';
import { runNode } from '../harness/engine';
import { createParameters, emulatorForSuite, expectSpecValid, serviceKeyCredential } from './fixtures';

const MEETINGS = '/crm/objects/2026-03/meetings';

let emulator: HubspotEmulator;
const run = (parameters: INodeParameters, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	runNode({ parameters, credentials: serviceKeyCredential(emulator), ...extra });
const followUp = (operation: string, overrides: INodeParameters = {}): INodeParameters => ({
	authentication: 'accessToken',
	resource: 'meeting',
	operation,
	...overrides,
});

/** Creates a calendar meeting (with a contact association and an attendee) and returns its id. */
async function createMeeting(): Promise<string> {
	const result = await run(
		createParameters({
			associations: { association: [{ objectType: 'contact', recordIds: '501, 502' }] },
			additionalFields: { attendeeOwnerIds: ['100002', '100003'], outcome: 'SCHEDULED' },
		}),
	);
	expect(result.error).toBeUndefined();
	return String(result.items[0].json.id);
}

beforeAll(async () => {
	emulator = await emulatorForSuite();
});
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());

describe('Get', () => {
	test('a meeting created by Create Calendar Event, with the default properties', async () => {
		const id = await createMeeting();
		const before = emulator.requests.length;
		const result = await run(followUp('get', { meetingId: id }));
		expect(result.error).toBeUndefined();
		const request = emulator.requests[before];
		expect(request.path).toBe(`${MEETINGS}/${id}`);
		expect(String(request.query.properties).split(',')).toEqual(
			expect.arrayContaining(['hs_meeting_title', 'hs_meeting_outcome', 'hs_meeting_external_url', 'hs_attendee_owner_ids']),
		);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			id,
			archived: false,
			properties: {
				hs_meeting_title: 'Intro call',
				hs_meeting_start_time: '2026-06-01T08:00:00.000Z',
				hs_meeting_outcome: 'SCHEDULED',
				hubspot_owner_id: '100001',
				hs_attendee_owner_ids: '100002;100003',
				hs_engagement_source: 'MEETINGS',
			},
		});
		expect(result.items[0].json.associations).toBeUndefined();
		expectSpecValid(emulator);
	});

	test('selected properties and associations', async () => {
		const id = await createMeeting();
		const result = await run(
			followUp('get', { meetingId: id, getOptions: { properties: 'hs_meeting_title, hs_meeting_outcome', associations: ['contacts', 'deals'] } }),
		);
		const request = emulator.requests[emulator.requests.length - 1];
		expect(request.query).toMatchObject({ properties: 'hs_meeting_title,hs_meeting_outcome', associations: 'contacts,deals' });
		expect(result.items[0].json.properties).toEqual({ hs_meeting_title: 'Intro call', hs_meeting_outcome: 'SCHEDULED' });
		expect(result.items[0].json.associations).toEqual({
			contacts: {
				results: [
					{ id: '501', type: 'meeting_event_to_contact' },
					{ id: '502', type: 'meeting_event_to_contact' },
				],
			},
		});
		expectSpecValid(emulator);
	});

	test('the id from an expression, one request per item', async () => {
		const result = await run(followUp('get', { meetingId: '={{ $json.id }}' }), {
			items: [{ id: SEEDED_MEETING_IDS[0] }, { id: Number(SEEDED_MEETING_IDS[1]) }],
		});
		expect(result.items.map((i) => (i.json.properties as IDataObject).hs_meeting_title)).toEqual(['Kick-off', 'Follow-up']);
		expectSpecValid(emulator);
	});

	test('unknown id: HubSpot\'s 404 as the error', async () => {
		const result = await run(followUp('get', { meetingId: '12345' }));
		expect(result.error?.message).toMatch(/^HubSpot answered 404: Object not found/);
		expect(result.error?.description).toMatch(/^HubSpot could not find what was asked for/);
	});

	test.each([
		['abc', /^Meeting ID: "abc" is not a HubSpot meeting ID/],
		['={{ $json.nothing }}', /^Meeting ID: is empty/],
		['12/34', /^Meeting ID: "12\/34" is not a HubSpot meeting ID/],
	])('meeting id %s is an item error before any request', async (meetingId, message) => {
		const result = await run(followUp('get', { meetingId }));
		expect(result.error?.message).toMatch(message);
		expect(emulator.requests).toHaveLength(0);
	});

	test('a property name that is not one is an item error', async () => {
		const result = await run(followUp('get', { meetingId: '1', getOptions: { properties: 'hs_meeting_title, title!' } }));
		expect(result.error?.message).toMatch(/^Properties: "title!" is not a property name/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Update', () => {
	test('outcome and title: a PATCH of just those properties; Get shows them', async () => {
		const id = await createMeeting();
		const result = await run(followUp('update', { meetingId: id, updateFields: { outcome: 'NO_SHOW', title: '  Intro call (no show) ' } }));
		expect(result.error).toBeUndefined();
		const patch = emulator.requests.find((r) => r.method === 'PATCH')!;
		expect(patch.path).toBe(`${MEETINGS}/${id}`);
		expect(patch.body).toEqual({ properties: { hs_meeting_outcome: 'NO_SHOW', hs_meeting_title: 'Intro call (no show)' } });
		expect(result.items[0].json).toMatchObject({ id, properties: { hs_meeting_outcome: 'NO_SHOW', hs_meeting_title: 'Intro call (no show)' } });
		const read = await run(followUp('get', { meetingId: id }));
		expect((read.items[0].json.properties as IDataObject).hs_meeting_outcome).toBe('NO_SHOW');
		expectSpecValid(emulator);
	});

	test.each([['COMPLETED'], ['CANCELED'], ['RESCHEDULED']])('outcome %s', async (outcome) => {
		const result = await run(followUp('update', { meetingId: SEEDED_MEETING_IDS[1], updateFields: { outcome } }));
		expect((result.items[0].json.properties as IDataObject).hs_meeting_outcome).toBe(outcome);
	});

	test('times: read in the timezone, sent in UTC, the timeline follows the start', async () => {
		const result = await run(
			followUp('update', {
				meetingId: SEEDED_MEETING_IDS[1],
				updateFields: { startTime: '2026-11-05T16:00', endTime: '2026-11-05T17:15', timezone: 'Europe/Berlin' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(emulator.requests[0].body).toEqual({
			properties: {
				hs_meeting_start_time: '2026-11-05T15:00:00.000Z',
				hs_timestamp: '2026-11-05T15:00:00.000Z',
				hs_meeting_end_time: '2026-11-05T16:15:00.000Z',
			},
		});
		expectSpecValid(emulator);
	});

	test('texts, location, type, owner and attendees', async () => {
		const result = await run(
			followUp('update', {
				meetingId: SEEDED_MEETING_IDS[0],
				updateFields: {
					body: 'Agenda',
					internalNotes: 'Bring coffee',
					location: 'Room 4',
					locationType: 'CUSTOM',
					meetingType: 'DEMO',
					ownerId: '100003',
					attendeeOwnerIds: '100004, 100005',
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(emulator.requests[0].body).toEqual({
			properties: {
				hs_meeting_body: 'Agenda',
				hs_internal_meeting_notes: 'Bring coffee',
				hs_meeting_location: 'Room 4',
				hs_meeting_location_type: 'CUSTOM',
				hs_activity_type: 'DEMO',
				hubspot_owner_id: '100003',
				hs_attendee_owner_ids: '100004;100005',
			},
		});
		expectSpecValid(emulator);
	});

	test('an owner HubSpot does not know: its refusal as the error', async () => {
		const result = await run(followUp('update', { meetingId: SEEDED_MEETING_IDS[0], updateFields: { ownerId: '999999' } }));
		expect(result.error?.message).toBe('HubSpot answered 400: 999999 is not a valid owner id [item 0]');
		expect(result.error?.description).toMatch(/owner IDs/);
	});

	test.each([
		[{}, /^Update Fields: nothing to update/],
		[{ title: ' ' }, /^Title: is empty/],
		[{ ownerId: 'ada' }, /^Owner: "ada" is not a HubSpot owner ID/],
		[{ startTime: '2026-11-05T16:00', endTime: '2026-11-05T15:00', timezone: 'UTC' }, /^End: .* is before Start/],
		[{ startTime: 'soon' }, /^Start: "soon" is not a valid date/],
		[{ timezone: 'Mars/Olympus', startTime: '2026-11-05T16:00' }, /^Timezone: "Mars\/Olympus" is not a known IANA timezone/],
		[{ attendeeOwnerIds: 'x' }, /^Attendees: "x" is not a HubSpot ID/],
	])('bad update %j is an item error before any request', async (updateFields, message) => {
		const result = await run(followUp('update', { meetingId: SEEDED_MEETING_IDS[0], updateFields: updateFields as INodeParameters }));
		expect(result.error?.message).toMatch(message);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Delete', () => {
	test('{ deleted: true } per item; the meeting is gone afterwards', async () => {
		const id = await createMeeting();
		const result = await run(followUp('delete', { meetingId: id }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ deleted: true, id }]);
		const del = emulator.requests.find((r) => r.method === 'DELETE')!;
		expect([del.path, del.status, del.rawBody]).toEqual([`${MEETINGS}/${id}`, 204, '']);
		const read = await run(followUp('get', { meetingId: id }));
		expect(read.error?.message).toMatch(/^HubSpot answered 404/);
		expectSpecValid(emulator);
	});

	test('several items, one of them already gone (continue on fail)', async () => {
		const id = await createMeeting();
		await run(followUp('delete', { meetingId: id }));
		const result = await run(followUp('delete', { meetingId: '={{ $json.id }}' }), {
			items: [{ id: SEEDED_MEETING_IDS[0] }, { id }, { id: SEEDED_MEETING_IDS[1] }],
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.json.deleted ?? i.json.error)).toEqual([true, expect.stringMatching(/^HubSpot answered 404/), true]);
		expect(result.items[2].json).toEqual({ deleted: true, id: SEEDED_MEETING_IDS[1] });
	});
});
