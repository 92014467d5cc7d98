/**
 * Meeting → Create Calendar Event, times and timezones: HubSpot takes hs_meeting_start_time,
 * hs_meeting_end_time and hs_timestamp as UTC instants and `timezone` as an IANA name. Naive times are
 * wall-clock time in the meeting's timezone (never the server's), offsets are honoured, Luxon
 * DateTimes / JS Dates / epoch ms from expressions work, across DST changes.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import { calendarCreates, createBody, createParameters, serviceKeyCredential } from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
useFileEmulator((started) => (emulator = started), {
	specCheckEachTest: true,
});

async function sentTimes(parameters: INodeParameters, workflowTimezone = 'UTC') {
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		parameters: createParameters(parameters),
		timezone: workflowTimezone,
	});
	expect(result.error).toBeUndefined();
	const body = createBody(calendarCreates(emulator)[0]);
	const properties = body.properties as Record<string, string>;
	return {
		start: properties.hs_meeting_start_time,
		end: properties.hs_meeting_end_time,
		timestamp: properties.hs_timestamp,
		timezone: body.timezone,
		output: result.items[0].json,
	};
}

describe('naive times are read in the meeting timezone, across DST changes', () => {
	test.each([
		// Europe/Berlin: CET (+01) until 2026-03-29 02:00, CEST (+02) until 2026-10-25 03:00.
		['Europe/Berlin', '2026-03-28T10:00', '2026-03-28T09:00:00.000Z'],
		['Europe/Berlin', '2026-03-29T10:00', '2026-03-29T08:00:00.000Z'],
		['Europe/Berlin', '2026-10-24T10:00', '2026-10-24T08:00:00.000Z'],
		['Europe/Berlin', '2026-10-25T10:00', '2026-10-25T09:00:00.000Z'],
		// America/New_York: EST (-05) until 2026-03-08 02:00, EDT (-04) until 2026-11-01 02:00.
		['America/New_York', '2026-03-07T09:00', '2026-03-07T14:00:00.000Z'],
		['America/New_York', '2026-03-08T09:00', '2026-03-08T13:00:00.000Z'],
		['America/New_York', '2026-10-31T09:00', '2026-10-31T13:00:00.000Z'],
		['America/New_York', '2026-11-01T09:00', '2026-11-01T14:00:00.000Z'],
		// The n8n date picker saves seconds; a space instead of the T is accepted too.
		['Europe/Berlin', '2026-03-29 10:00:00', '2026-03-29T08:00:00.000Z'],
	])('%s %s → %s', async (timezone, start, expectedUtc) => {
		const endTime = `${start.slice(0, 10)}T23:00`;
		const sent = await sentTimes({ timezone, startTime: start, endTime });
		expect(sent.start).toBe(expectedUtc);
		expect(sent.timestamp).toBe(expectedUtc);
		expect(sent.timezone).toBe(timezone);
	});

	test('a meeting across the spring-forward gap lasts one real hour: 01:30 → 03:30 Berlin', async () => {
		const sent = await sentTimes({
			timezone: 'Europe/Berlin',
			startTime: '2026-03-29T01:30',
			endTime: '2026-03-29T03:30',
		});
		expect([sent.start, sent.end]).toEqual([
			'2026-03-29T00:30:00.000Z',
			'2026-03-29T01:30:00.000Z',
		]);
		expect(sent.output).toMatchObject({
			startLocal: '2026-03-29T01:30:00+01:00',
			endLocal: '2026-03-29T03:30:00+02:00',
		});
	});

	test('an ambiguous fall-back time takes its first occurrence (02:30 CEST, not CET)', async () => {
		const sent = await sentTimes({
			timezone: 'Europe/Berlin',
			startTime: '2026-10-25T02:30',
			endTime: '2026-10-25T04:00',
		});
		expect(sent.start).toBe('2026-10-25T00:30:00.000Z');
		expect(sent.end).toBe('2026-10-25T03:00:00.000Z');
	});

	test('empty Timezone uses the workflow timezone, not the server one', async () => {
		const sent = await sentTimes(
			{ timezone: '', startTime: '2026-07-01T09:00', endTime: '2026-07-01T10:00' },
			'America/New_York',
		);
		expect(sent.timezone).toBe('America/New_York');
		expect(sent.start).toBe('2026-07-01T13:00:00.000Z');
	});
});

describe('times with an offset and times from expressions', () => {
	test('an ISO offset fixes the instant whatever the meeting timezone', async () => {
		const sent = await sentTimes({
			timezone: 'America/New_York',
			startTime: '2026-03-29T10:00:00+02:00',
			endTime: '2026-03-29T08:45:00Z',
		});
		expect([sent.start, sent.end]).toEqual([
			'2026-03-29T08:00:00.000Z',
			'2026-03-29T08:45:00.000Z',
		]);
		expect(sent.output).toMatchObject({
			startLocal: '2026-03-29T04:00:00-04:00',
			timezone: 'America/New_York',
		});
	});

	test('a Luxon DateTime from an expression keeps its instant (created in another zone)', async () => {
		const sent = await sentTimes({
			timezone: 'Europe/Berlin',
			startTime:
				'={{ DateTime.fromObject({ year: 2026, month: 3, day: 8, hour: 12 }, { zone: "America/New_York" }) }}',
			endTime:
				'={{ DateTime.fromObject({ year: 2026, month: 3, day: 8, hour: 13 }, { zone: "America/New_York" }) }}',
		});
		expect([sent.start, sent.end]).toEqual([
			'2026-03-08T16:00:00.000Z',
			'2026-03-08T17:00:00.000Z',
		]);
	});

	test('$now.plus({ days: 1 }) lands one day from now', async () => {
		const before = Date.now();
		const sent = await sentTimes({
			timezone: 'Europe/Berlin',
			startTime: '={{ $now.plus({ days: 1 }) }}',
			endTime: '={{ $now.plus({ days: 1, minutes: 30 }) }}',
		});
		const start = Date.parse(sent.start);
		expect(start).toBeGreaterThanOrEqual(before + 86_400_000 - 1_000);
		expect(start).toBeLessThanOrEqual(Date.now() + 86_400_000 + 1_000);
		// $now is read once per expression, so the two can differ by the few ms between them.
		expect(Math.abs(Date.parse(sent.end) - start - 30 * 60_000)).toBeLessThan(1_000);
	});

	test('a JS Date and epoch milliseconds from an expression', async () => {
		const epoch = Date.UTC(2026, 9, 25, 1, 30); // 2026-10-25T01:30Z, inside Berlin's repeated hour
		const sent = await sentTimes({
			timezone: 'Europe/Berlin',
			startTime: '={{ new Date(Date.UTC(2026, 9, 25, 0, 30)) }}',
			endTime: `={{ ${epoch} }}`,
		});
		expect([sent.start, sent.end]).toEqual([
			'2026-10-25T00:30:00.000Z',
			'2026-10-25T01:30:00.000Z',
		]);
		// Both are 02:30 on the wall clock: once in CEST, once in CET.
		expect(sent.output).toMatchObject({
			startLocal: '2026-10-25T02:30:00+02:00',
			endLocal: '2026-10-25T02:30:00+01:00',
		});
	});

	test('per-item times and zones from the input items', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: [
				{ start: '2026-03-29T09:00', zone: 'Europe/Berlin' },
				{ start: '2026-03-29T09:00', zone: 'America/New_York' },
				{ start: '2026-03-29T09:00', zone: 'Asia/Tokyo' },
			],
			parameters: createParameters({
				timezone: '={{ $json.zone }}',
				startTime: '={{ $json.start }}',
				endTime:
					'={{ DateTime.fromISO($json.start).plus({ hours: 1 }).toISO({ includeOffset: false }) }}',
			}),
		});
		expect(result.error).toBeUndefined();
		const starts = calendarCreates(emulator).map(
			(r) => (createBody(r).properties as Record<string, string>).hs_meeting_start_time,
		);
		expect(starts.sort()).toEqual([
			'2026-03-29T00:00:00.000Z',
			'2026-03-29T07:00:00.000Z',
			'2026-03-29T13:00:00.000Z',
		]);
	});
});
