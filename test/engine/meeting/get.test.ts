/**
 * Meeting → Get: GET /crm/objects/{version}/meetings/{id}?properties=…&associations=… — the default
 * meeting properties unless others are named, associations only when asked; HubSpot's 404 for an
 * unknown id; a malformed id or property name is an item error before any request.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HubspotEmulator } from '../../emulator';
import { SEEDED_MEETING_IDS } from '../../emulator/followUpHandlers';
import { MEETINGS, createMeeting, expectSpecValid, followUp } from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
const run = useFileEmulator((started) => (emulator = started));

describe('Get', () => {
	test('a meeting created by Create Calendar Event, with the default properties', async () => {
		const id = await createMeeting(emulator);
		const before = emulator.requests.length;
		const result = await run(followUp('get', { meetingId: id }));
		expect(result.error).toBeUndefined();
		const request = emulator.requests[before];
		expect(request.path).toBe(`${MEETINGS}/${id}`);
		expect(String(request.query.properties).split(',')).toEqual(
			expect.arrayContaining([
				'hs_meeting_title',
				'hs_meeting_outcome',
				'hs_meeting_external_url',
				'hs_attendee_owner_ids',
			]),
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
		const id = await createMeeting(emulator);
		const result = await run(
			followUp('get', {
				meetingId: id,
				getOptions: {
					properties: 'hs_meeting_title, hs_meeting_outcome',
					associations: ['contacts', 'deals'],
				},
			}),
		);
		const request = emulator.requests[emulator.requests.length - 1];
		expect(request.query).toMatchObject({
			properties: 'hs_meeting_title,hs_meeting_outcome',
			associations: 'contacts,deals',
		});
		expect(result.items[0].json.properties).toEqual({
			hs_meeting_title: 'Intro call',
			hs_meeting_outcome: 'SCHEDULED',
		});
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
		expect(result.items.map((i) => (i.json.properties as IDataObject).hs_meeting_title)).toEqual([
			'Kick-off',
			'Follow-up',
		]);
		expectSpecValid(emulator);
	});

	test("unknown id: HubSpot's 404 as the error", async () => {
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
		const result = await run(
			followUp('get', { meetingId: '1', getOptions: { properties: 'hs_meeting_title, title!' } }),
		);
		expect(result.error?.message).toMatch(/^Properties: "title!" is not a property name/);
		expect(emulator.requests).toHaveLength(0);
	});
});
