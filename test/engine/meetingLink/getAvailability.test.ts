/**
 * Meeting Link → Get Availability: GET
 * /scheduler/{version}/meetings/meeting-links/book/availability-page/{slug}?timezone=…&monthOffset=…, one
 * request per calendar month of the range, starting at From's month. HubSpot's slots (epoch ms per
 * duration) become one item per free slot with ISO times in the timezone, or the raw month answers with
 * Simplify off.
 *
 * The seeded links' slots around Europe/Berlin's DST change are fixed dates (October 2026), and the node
 * returns future slots only: those tests set the clock (Date only, for the node and the emulator, which
 * share this process) to 2026-10-01. The range tests (availabilityRange.test.ts) use the real clock.
 */

import type { HubspotEmulator } from '../../emulator';
import { DST_SLOT_STARTS, meetingLinkState } from '../../emulator/followUpHandlers';
import { LINKS_PATH, bookParameters, expectSpecValid, linkParameters } from '../fixtures';
import { useFileEmulator } from '../suite';
import { useClockAt } from './clock';

let emulator: HubspotEmulator;
const run = useFileEmulator(
	(started) => {
		emulator = started;
		// Seeded on the real clock, before useClockAt: the links' upcoming slots stay after today, out of October 2026.
		meetingLinkState(emulator);
	},
	{ reset: () => (meetingLinkState(emulator).bookings.length = 0) },
);
const sent = () => emulator.requests;

/** October 2026 in Berlin, the month of the DST slots. */
const OCTOBER = { rangeStart: '2026-10-01T00:00', rangeEnd: '2026-11-01T00:00' };

useClockAt('2026-10-01T00:00:00Z');

describe('Get Availability (clock at 2026-10-01)', () => {
	test('simplified: one item per free slot, ISO times in the timezone, across the DST change', async () => {
		const result = await run(
			linkParameters('getAvailability', {
				slug: 'ada-lovelace',
				timezone: 'Europe/Berlin',
				...OCTOBER,
			}),
		);
		expect(result.error).toBeUndefined();
		const slots = result.items.map((i) => i.json);
		expect(slots).toHaveLength(6);
		expect(slots.map((s) => [s.start, s.end, s.durationMinutes])).toEqual([
			['2026-10-24T09:00:00+02:00', '2026-10-24T09:30:00+02:00', 30],
			['2026-10-24T09:00:00+02:00', '2026-10-24T10:00:00+02:00', 60],
			// The night the clocks go back: 02:30 CEST + 30 min is 02:00 CET, + 60 min is 02:30 CET.
			['2026-10-25T02:30:00+02:00', '2026-10-25T02:00:00+01:00', 30],
			['2026-10-25T02:30:00+02:00', '2026-10-25T02:30:00+01:00', 60],
			['2026-10-26T09:00:00+01:00', '2026-10-26T09:30:00+01:00', 30],
			['2026-10-26T09:00:00+01:00', '2026-10-26T10:00:00+01:00', 60],
		]);
		expect(slots[3]).toEqual({
			start: '2026-10-25T02:30:00+02:00',
			end: '2026-10-25T02:30:00+01:00',
			durationMinutes: 60,
			startUtc: '2026-10-25T00:30:00.000Z',
			endUtc: '2026-10-25T01:30:00.000Z',
			timezone: 'Europe/Berlin',
			slug: 'ada-lovelace',
		});
		// October ends before November's page is needed: one request, the current month (no monthOffset).
		expect(sent()).toHaveLength(1);
		expect(sent()[0].path).toBe(`${LINKS_PATH}/book/availability-page/ada-lovelace`);
		expect(sent()[0].query).toEqual({ timezone: 'Europe/Berlin' });
		expectSpecValid(emulator);
	});

	test('the same slots in another timezone', async () => {
		const result = await run(
			linkParameters('getAvailability', {
				slug: 'ada-lovelace',
				timezone: 'America/New_York',
				...OCTOBER,
			}),
		);
		expect(result.items[0].json).toMatchObject({
			start: '2026-10-24T03:00:00-04:00',
			durationMinutes: 30,
		});
	});

	test('raw output on request: HubSpot answer of each month read', async () => {
		const result = await run(
			linkParameters('getAvailability', {
				slug: 'ada-lovelace',
				timezone: 'UTC',
				simplify: false,
				rangeStart: '2026-10-01T00:00',
				rangeEnd: '2026-10-31T00:00',
			}),
		);
		expect(result.items).toHaveLength(1);
		const raw = result.items[0].json as {
			linkAvailability: {
				linkAvailabilityByDuration: Record<string, { availabilities: unknown[] }>;
			};
		};
		expect(Object.keys(raw.linkAvailability.linkAvailabilityByDuration)).toEqual([
			'1800000',
			'3600000',
		]);
		expect(raw.linkAvailability.linkAvailabilityByDuration['1800000'].availabilities[1]).toEqual({
			startMillisUtc: DST_SLOT_STARTS.acrossChange,
			endMillisUtc: DST_SLOT_STARTS.acrossChange + 1_800_000,
		});
		expectSpecValid(emulator);
	});

	test("a range in next month starts at that month's page (monthOffset 1)", async () => {
		const result = await run(
			linkParameters('getAvailability', {
				slug: 'grace-hopper',
				timezone: 'UTC',
				rangeStart: '2026-11-01T00:00',
				rangeEnd: '2026-11-04T00:00',
			}),
		);
		expect(sent()[0].query).toEqual({ timezone: 'UTC', monthOffset: '1' });
		expect(sent()).toHaveLength(1);
		expect(result.items.map((i) => i.json.start)).toEqual([
			'2026-11-02T08:00:00Z',
			'2026-11-02T08:00:00Z',
			'2026-11-03T13:00:00Z',
			'2026-11-03T13:00:00Z',
		]);
		expectSpecValid(emulator);
	});

	test('a booked slot is no longer offered', async () => {
		await run(bookParameters());
		emulator.reset();
		const result = await run(
			linkParameters('getAvailability', {
				slug: 'ada-lovelace',
				timezone: 'Europe/Berlin',
				...OCTOBER,
			}),
		);
		expect(result.items.map((i) => i.json.start)).not.toContain('2026-10-24T09:00:00+02:00');
		expect(result.items.map((i) => i.json.start)).toContain('2026-10-25T02:30:00+02:00');
	});
});
