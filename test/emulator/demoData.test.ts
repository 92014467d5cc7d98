/**
 * `npm start`'s sandbox lives in the present: `presentDemoData(now)` gives free slots on the weekdays after
 * `now` in working hours of each link's timezone, and meetings last week, in the next hours and next week —
 * checked for several `now`s (across a DST change, a year end, a Sunday night). A sandbox started with
 * `now` serves that data through the API, and without it keeps the fixed seed the tests rely on.
 */
import { DateTime } from 'luxon';

import { DST_SLOT_STARTS, meetingLinkState } from './meetingLinks';
import { SEEDED_MEETING_IDS } from './crmMeetings';
import {
	DEMO_ACCOUNT_TIMEZONE,
	DEMO_LINK_TIMEZONES,
	SLOT_DAYS_AHEAD,
	WORKING_HOURS,
	presentDemoData,
} from './demoData';
import { SANDBOX_SERVICE_KEY, startSandbox } from './sandbox';

const DAY = 86_400_000;
const NOWS = [
	'2027-03-25T10:00:00Z', // a Thursday; Europe's clocks change on Sunday the 28th, New York's already did
	'2026-12-30T22:30:00Z', // the year (and month) ends in the slots' range
	'2026-11-22T20:15:00Z', // a Sunday night
];

describe.each(NOWS)('presentDemoData(%s)', (iso) => {
	const now = new Date(iso);
	const data = presentDemoData(now);

	test('is a function of now alone', () => {
		expect(presentDemoData(new Date(iso))).toEqual(data);
		expect(presentDemoData(new Date(now.getTime() + 7 * DAY))).not.toEqual(data);
	});

	test.each(Object.entries(DEMO_LINK_TIMEZONES))(
		'%s: slots on the coming weekdays, in working hours in %s, filed under their month',
		(slug, zone) => {
			const byMonth = data.slotStarts[slug];
			const all = Object.values(byMonth).flat();
			expect(all.length).toBeGreaterThan(40);
			const today = DateTime.fromJSDate(now, { zone }).startOf('day');
			for (const [offset, starts] of Object.entries(byMonth)) {
				for (const start of starts) {
					const local = DateTime.fromMillis(start, { zone });
					expect(start).toBeGreaterThan(now.getTime());
					expect(local.startOf('day') > today).toBe(true);
					expect(start - now.getTime()).toBeLessThanOrEqual((SLOT_DAYS_AHEAD + 1) * DAY);
					expect(local.weekday).toBeLessThanOrEqual(5);
					expect(local.hour).toBeGreaterThanOrEqual(WORKING_HOURS.from);
					// the longest meeting any link offers (60 minutes) ends by 17:00
					expect(local.hour * 60 + local.minute + 60).toBeLessThanOrEqual(WORKING_HOURS.to * 60);
					expect([0, 30]).toContain(local.minute);
					expect((local.year - today.year) * 12 + local.month - today.month).toBe(Number(offset));
				}
			}
			// something to pick in the next week, whatever the day
			expect(all.filter((start) => start - now.getTime() <= 7 * DAY).length).toBeGreaterThan(10);
		},
	);

	test('no fixed-date DST slots in the demo', () => {
		const all = Object.values(data.slotStarts).flatMap((byMonth) => Object.values(byMonth).flat());
		for (const start of Object.values(DST_SLOT_STARTS)) {
			if (Math.abs(start - now.getTime()) > 60 * DAY) expect(all).not.toContain(start);
		}
	});

	test('meetings on the weekdays of the last 7 days (with outcomes), in the next hours and the next 7 days (scheduled), created before now', () => {
		const startOf = (m: { properties: Record<string, string> }) =>
			Date.parse(m.properties.hs_meeting_start_time);
		const lastWeek = data.meetings.filter(
			(m) => startOf(m) < now.getTime() && startOf(m) >= now.getTime() - 8 * DAY,
		);
		const nextWeek = data.meetings.filter(
			(m) => startOf(m) > now.getTime() + 4 * 3_600_000 && startOf(m) <= now.getTime() + 8 * DAY,
		);
		const soon = data.meetings.filter(
			(m) => startOf(m) > now.getTime() && startOf(m) <= now.getTime() + 3_600_000,
		);
		expect(data.meetings).toHaveLength(23);
		expect(lastWeek).toHaveLength(10);
		expect(nextWeek).toHaveLength(10);
		expect(soon).toHaveLength(1);
		expect(new Set(lastWeek.map((m) => m.properties.hs_meeting_outcome))).toEqual(
			new Set(['COMPLETED', 'NO_SHOW', 'CANCELED']),
		);
		for (const m of [...nextWeek, ...soon])
			expect(m.properties.hs_meeting_outcome).toBe('SCHEDULED');
		for (const m of lastWeek)
			expect(Date.parse(m.properties.hs_meeting_start_time)).toBeLessThan(now.getTime());
		for (const m of data.meetings) {
			expect(m.createdAt.getTime()).toBeLessThan(now.getTime());
			expect(m.contactIds).toHaveLength(1);
			expect(Date.parse(m.properties.hs_meeting_end_time)).toBeGreaterThan(
				Date.parse(m.properties.hs_meeting_start_time),
			);
		}
		// office hours in the account's timezone, on weekdays
		for (const m of [...lastWeek, ...nextWeek]) {
			const start = DateTime.fromISO(m.properties.hs_meeting_start_time, {
				zone: DEMO_ACCOUNT_TIMEZONE,
			});
			expect(start.weekday).toBeLessThanOrEqual(5);
			expect([10, 15]).toContain(start.hour);
		}
	});

	test('the seeded Kick-off moves into the last 7 days, the Follow-up into the next 7', () => {
		const [kickOff, followUp] = SEEDED_MEETING_IDS.map((id) => data.seededMeetings[id]);
		expect(kickOff.start.getTime()).toBeLessThan(now.getTime() - DAY);
		expect(kickOff.start.getTime()).toBeGreaterThan(now.getTime() - 8 * DAY);
		expect(followUp.start.getTime()).toBeGreaterThan(now.getTime() + DAY);
		expect(followUp.start.getTime()).toBeLessThan(now.getTime() + 8 * DAY);
		for (const m of [kickOff, followUp]) expect(m.createdAt.getTime()).toBeLessThan(now.getTime());
	});
});

describe('a sandbox started with now', () => {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const api = async (sandbox: { apiUrl: string }, path: string, body?: unknown): Promise<any> => {
		const res = await fetch(`${sandbox.apiUrl}${path}`, {
			method: body ? 'POST' : 'GET',
			headers: {
				Authorization: `Bearer ${SANDBOX_SERVICE_KEY}`,
				...(body ? { 'Content-Type': 'application/json' } : {}),
			},
			body: body ? JSON.stringify(body) : undefined,
		});
		const answer = await res.json();
		expect({ path, status: res.status }).toEqual({
			path,
			status: 200,
			...(res.status === 200 ? {} : { answer }),
		});
		return answer;
	};
	const availability = (sandbox: { apiUrl: string }, monthOffset: number) =>
		api(
			sandbox,
			`/scheduler/2026-03/meetings/meeting-links/book/availability-page/ada-lovelace?timezone=Europe%2FBerlin&monthOffset=${monthOffset}`,
		);
	const startingBetween = (sandbox: { apiUrl: string }, from: number, to: number) =>
		api(sandbox, '/crm/objects/2026-03/meetings/search', {
			filterGroups: [
				{
					filters: [
						{ propertyName: 'hs_meeting_start_time', operator: 'GTE', value: String(from) },
						{ propertyName: 'hs_meeting_start_time', operator: 'LT', value: String(to) },
					],
				},
			],
			sorts: ['hs_meeting_start_time'],
			properties: ['hs_meeting_title', 'hs_meeting_start_time', 'hs_meeting_outcome'],
			limit: 100,
			after: '0',
		});

	test('today: free slots ahead, and meetings in the last and the next 7 days', async () => {
		const now = new Date();
		const sandbox = await startSandbox({ now });
		try {
			const months = [await availability(sandbox, 0), await availability(sandbox, 1)];
			const slots = months.flatMap(
				(m) => m.linkAvailability.linkAvailabilityByDuration['1800000'].availabilities,
			);
			expect(slots.length).toBeGreaterThan(20);
			for (const slot of slots) expect(slot.startMillisUtc).toBeGreaterThan(now.getTime());
			const nextMonth = months[1].linkAvailability.linkAvailabilityByDuration['1800000'];
			expect(months[0].linkAvailability.hasMore).toBe(nextMonth.availabilities.length > 0);

			const past = await startingBetween(sandbox, now.getTime() - 7 * DAY, now.getTime());
			const ahead = await startingBetween(sandbox, now.getTime(), now.getTime() + 7 * DAY);
			// two a weekday (the 7th day's may fall outside), the Kick-off; ahead also the next hours' three
			expect(past.total).toBeGreaterThanOrEqual(9);
			expect(ahead.total).toBeGreaterThanOrEqual(12);
			const kickOff = await api(
				sandbox,
				`/crm/objects/2026-03/meetings/${SEEDED_MEETING_IDS[0]}?properties=hs_meeting_start_time`,
			);
			expect(Date.parse(kickOff.properties.hs_meeting_start_time)).toBeGreaterThan(
				now.getTime() - 14 * DAY,
			);
		} finally {
			await sandbox.stop();
		}
	});

	test('without now: the fixed seed the tests use (DST slots in October 2026)', async () => {
		const sandbox = await startSandbox();
		try {
			// Read from the link itself: the availability endpoint serves months counted from today.
			const link = meetingLinkState(sandbox.emulator).links.find((l) => l.slug === 'ada-lovelace');
			const starts = Object.values(link?.slotStarts ?? {}).flat();
			expect(starts).toEqual(expect.arrayContaining(Object.values(DST_SLOT_STARTS)));
		} finally {
			await sandbox.stop();
		}
	});
});
