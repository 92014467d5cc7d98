/**
 * Meeting → Update: PATCH /crm/objects/{version}/meetings/{id} with only the properties set in Update
 * Fields (times read in the timezone and sent in UTC, hs_timestamp following the start); HubSpot's
 * refusal as the error; bad or missing fields are item errors before any request.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { HubspotEmulator } from '../../emulator';
import { SEEDED_MEETING_IDS } from '../../emulator/followUpHandlers';
import { MEETINGS, createMeeting, expectSpecValid, followUp } from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
const run = useFileEmulator((started) => (emulator = started));

describe('Update', () => {
	test('outcome and title: a PATCH of just those properties; Get shows them', async () => {
		const id = await createMeeting(emulator);
		const result = await run(
			followUp('update', {
				meetingId: id,
				updateFields: { outcome: 'NO_SHOW', title: '  Intro call (no show) ' },
			}),
		);
		expect(result.error).toBeUndefined();
		const patch = emulator.requests.find((r) => r.method === 'PATCH')!;
		expect(patch.path).toBe(`${MEETINGS}/${id}`);
		expect(patch.body).toEqual({
			properties: { hs_meeting_outcome: 'NO_SHOW', hs_meeting_title: 'Intro call (no show)' },
		});
		expect(result.items[0].json).toMatchObject({
			id,
			properties: { hs_meeting_outcome: 'NO_SHOW', hs_meeting_title: 'Intro call (no show)' },
		});
		const read = await run(followUp('get', { meetingId: id }));
		expect((read.items[0].json.properties as IDataObject).hs_meeting_outcome).toBe('NO_SHOW');
		expectSpecValid(emulator);
	});

	test.each([['COMPLETED'], ['CANCELED'], ['RESCHEDULED']])('outcome %s', async (outcome) => {
		const result = await run(
			followUp('update', { meetingId: SEEDED_MEETING_IDS[1], updateFields: { outcome } }),
		);
		expect((result.items[0].json.properties as IDataObject).hs_meeting_outcome).toBe(outcome);
	});

	test('times: read in the timezone, sent in UTC, the timeline follows the start', async () => {
		const result = await run(
			followUp('update', {
				meetingId: SEEDED_MEETING_IDS[1],
				updateFields: {
					startTime: '2026-11-05T16:00',
					endTime: '2026-11-05T17:15',
					timezone: 'Europe/Berlin',
				},
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
		const result = await run(
			followUp('update', { meetingId: SEEDED_MEETING_IDS[0], updateFields: { ownerId: '999999' } }),
		);
		expect(result.error?.message).toBe(
			'HubSpot answered 400: 999999 is not a valid owner id [item 0]',
		);
		expect(result.error?.description).toMatch(/owner IDs/);
	});

	test.each([
		[{}, /^Update Fields: nothing to update/],
		[{ title: ' ' }, /^Title: is empty/],
		[{ ownerId: 'ada' }, /^Owner: "ada" is not a HubSpot owner ID/],
		[
			{ startTime: '2026-11-05T16:00', endTime: '2026-11-05T15:00', timezone: 'UTC' },
			/^End: .* is before Start/,
		],
		[{ startTime: 'soon' }, /^Start: "soon" is not a valid date/],
		[
			{ timezone: 'Mars/Olympus', startTime: '2026-11-05T16:00' },
			/^Timezone: "Mars\/Olympus" is not a known IANA timezone/,
		],
		[{ attendeeOwnerIds: 'x' }, /^Attendees: "x" is not a HubSpot ID/],
	])('bad update %j is an item error before any request', async (updateFields, message) => {
		const result = await run(
			followUp('update', {
				meetingId: SEEDED_MEETING_IDS[0],
				updateFields: updateFields as INodeParameters,
			}),
		);
		expect(result.error?.message).toMatch(message);
		expect(emulator.requests).toHaveLength(0);
	});
});
