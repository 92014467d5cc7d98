/**
 * Issue 10 #8, #9, #10: what is checked must be what is sent.
 * #8 — the organizer is checked trimmed, so it is sent trimmed.
 * #9 — a timezone in the wrong case is sent as its canonical IANA name (decision: accept and canonicalise, the
 *      first option the issue gives; Luxon already knows the canonical name).
 * #10 — nothing spec-invalid leaves for an invalid item: years past 9999, a Location Type outside HubSpot's enum,
 *       ids that are not positive 64-bit integers, a reminder more than 52 weeks before the meeting. Each is
 *       refused locally, naming the field and the item, and nothing is sent.
 *
 * Spec validity is checked at the end of each test (not in afterEach): today these inputs reach the emulator.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import {
	ADA,
	GRACE,
	calendarCreates,
	createBody,
	createParameters,
	expectSpecValid,
	serviceKeyCredential,
} from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
useFileEmulator((started) => (emulator = started));

async function create(overrides: INodeParameters) {
	return await runNode({
		credentials: serviceKeyCredential(emulator),
		parameters: createParameters({ ownerId: GRACE.ownerId, ...overrides }),
	});
}

/** Refused before sending: the error names the field and the item, and HubSpot saw no request at all. */
function expectRefusedLocally(result: Awaited<ReturnType<typeof create>>, field: RegExp) {
	expect(calendarCreates(emulator)).toHaveLength(0);
	expect(emulator.requests).toHaveLength(0);
	expect(result.error?.message).toMatch(field);
	expect(result.error?.message).toMatch(/\[item 0\]$/);
	expect(result.error?.description).toBeTruthy();
}

it('#8 Organizer " <id> ": checked trimmed, sent trimmed', async () => {
	const result = await create({ organizerUserId: ` ${ADA.userId} ` });
	expect(calendarCreates(emulator)).toHaveLength(1);
	expect(calendarCreates(emulator)[0].query.organizerUserId).toBe(ADA.userId);
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.organizerUserId).toBe(ADA.userId);
	expectSpecValid(emulator);
});

// issue 10 #9
it('#9 Timezone "europe/berlin": sent as the canonical IANA name Europe/Berlin', async () => {
	const result = await create({ timezone: 'europe/berlin' });
	expect(result.error).toBeUndefined();
	expect(createBody(calendarCreates(emulator)[0]).timezone).toBe('Europe/Berlin');
	expect(result.items[0].json.timezone).toBe('Europe/Berlin');
	// The wall-clock time was read in Berlin (CEST in June): 10:00 local is 08:00 UTC.
	expect(
		(createBody(calendarCreates(emulator)[0]).properties as IDataObject).hs_meeting_start_time,
	).toBe('2026-06-01T08:00:00.000Z');
	expectSpecValid(emulator);
});

describe('#10 spec-invalid values are refused locally', () => {
	// issue 10 #10
	it('a year past 9999 (Start +010000-01-01T10:00:00Z)', async () => {
		const result = await create({
			startTime: '+010000-01-01T10:00:00Z',
			endTime: '+010000-01-01T11:00:00Z',
		});
		expectRefusedLocally(result, /^Start: /);
	});

	// issue 10 #10
	it('Location Type "ZOOM" by expression (HubSpot takes ADDRESS, PHONE or CUSTOM)', async () => {
		const result = await create({
			additionalFields: { location: 'Zoom', locationType: '={{ "ZOOM" }}' },
		});
		expectRefusedLocally(result, /^Location Type: .*ZOOM/);
		expect(`${result.error?.message}\n${result.error?.description}`).toMatch(
			/ADDRESS.*PHONE|ADDRESS.*CUSTOM|Address.*Phone/,
		);
	});

	// issue 10 #10
	it('a 30-digit owner id', async () => {
		const result = await create({ ownerId: '123456789012345678901234567890' });
		expectRefusedLocally(result, /^Owner: /);
	});

	// issue 10 #10
	it('owner id 2^63 (one past the largest 64-bit id)', async () => {
		const result = await create({ ownerId: '9223372036854775808' });
		expectRefusedLocally(result, /^Owner: /);
	});

	// issue 10 #10
	it('a 30-digit association record id', async () => {
		const result = await create({
			associations: {
				association: [
					{
						objectType: 'contact',
						recordIds: '501, 123456789012345678901234567890',
						label: 'default',
					},
				],
			},
		});
		expectRefusedLocally(result, /^Associations row 1: /);
	});

	// issue 10 #10
	it('a 30-digit attendee owner id', async () => {
		const result = await create({
			additionalFields: { attendeeOwnerIds: '123456789012345678901234567890' },
		});
		expectRefusedLocally(result, /^Attendees: /);
	});

	// issue 10 #10
	it('a reminder 10,000 weeks before the meeting', async () => {
		const result = await create({ reminders: { reminder: [{ amount: 10000, unit: 'WEEKS' }] } });
		expectRefusedLocally(result, /^Reminders row 1: /);
		expect(`${result.error?.message}\n${result.error?.description}`).toMatch(/52 weeks/);
	});

	// issue 10 #10
	it('a reminder 400 days before the meeting (more than 52 weeks in another unit)', async () => {
		const result = await create({ reminders: { reminder: [{ amount: 400, unit: 'DAYS' }] } });
		expectRefusedLocally(result, /^Reminders row 1: /);
	});

	it('the limit itself still goes through: a reminder exactly 52 weeks before', async () => {
		const result = await create({ reminders: { reminder: [{ amount: 52, unit: 'WEEKS' }] } });
		expect(result.error).toBeUndefined();
		expect(createBody(calendarCreates(emulator)[0]).emailReminderSchedule).toMatchObject({
			reminders: [{ numberOfTimeUnits: 52, timeUnit: 'WEEKS' }],
		});
		expectSpecValid(emulator);
	});
});
