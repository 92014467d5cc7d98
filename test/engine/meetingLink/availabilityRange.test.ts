/**
 * Get Availability's range, on the real clock: From/To (default now → now + 14 days), future slots only,
 * Limit / Return All, First Free Slot Only, and HubSpot's month pages read only while the range and the
 * limit need them. Each test gives a link of its own slots relative to now, so it holds on any date.
 */
import { DateTime } from 'luxon';
import type { INodeParameters } from 'n8n-workflow';

import type { HubspotEmulator } from '../../emulator';
import { extraLink, meetingLinkState } from '../../emulator/followUpHandlers';
import { LINKS_PATH, expectSpecValid, linkParameters } from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
const run = useFileEmulator((started) => (emulator = started));
const pages = () =>
	emulator.requests.filter((r) => r.path === `${LINKS_PATH}/book/availability-page/test-link`);
const MINUTE = 60_000;

/** A link "test-link" offering `durations` (minutes) at `starts` (epoch ms, whole minutes). */
function giveLink(starts: number[], durations = [30]): void {
	const links = meetingLinkState(emulator).links;
	const index = links.findIndex((l) => l.slug === 'test-link');
	if (index >= 0) links.splice(index, 1);
	links.push({
		...extraLink(900),
		slug: 'test-link',
		durations: durations.map((m) => m * MINUTE),
		slotStarts: { 0: starts },
	});
}
const minute = (time: DateTime) => time.startOf('minute').toMillis();
const iso = (millis: number) => new Date(millis).toISOString();
const availability = (extra: INodeParameters = {}) =>
	linkParameters('getAvailability', { slug: 'test-link', timezone: 'UTC', ...extra });
/** The month offsets the node asked for, in order ('' = none: the current month). */
const offsetsAsked = () => pages().map((r) => String(r.query.monthOffset ?? ''));

describe('Get Availability: range, limit, first free slot', () => {
	test('default range: now to 14 days ahead, future slots only, months read as the range needs', async () => {
		const now = DateTime.utc();
		const monthStart = now.startOf('month');
		// Earlier this month (or the month's first minute): in the current month's page, but past.
		const past = minute(DateTime.max(monthStart, now.minus({ hours: 1 })));
		const inRange = [1, 5, 13].map((days) => minute(now.plus({ days })));
		const afterRange = minute(now.plus({ days: 15 }));
		giveLink([past, ...inRange, afterRange]);

		const result = await run(availability());
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.startUtc)).toEqual(inRange.map(iso));
		expect(result.items[0].json).toEqual({
			start: iso(inRange[0]).replace('.000Z', 'Z'),
			end: iso(inRange[0] + 30 * MINUTE).replace('.000Z', 'Z'),
			durationMinutes: 30,
			startUtc: iso(inRange[0]),
			endUtc: iso(inRange[0] + 30 * MINUTE),
			timezone: 'UTC',
			slug: 'test-link',
		});
		// One page for this month, and the next month's only when the 14 days reach into it.
		const reachesNextMonth = !now.plus({ days: 14 }).minus(1).hasSame(now, 'month');
		expect(offsetsAsked()).toEqual(reachesNextMonth ? ['', '1'] : ['']);
		expectSpecValid(emulator);
	});

	test('an explicit range across a month boundary: its two months read, none before or after', async () => {
		const boundary = DateTime.utc().startOf('month').plus({ months: 2 });
		const starts = [-2, -1, 1, 2, 10].map((days) => boundary.plus({ days }).toMillis());
		giveLink(starts);
		const result = await run(
			availability({
				rangeStart: boundary.minus({ days: 3 }).toISO(),
				rangeEnd: boundary.plus({ days: 3 }).toISO(),
			}),
		);
		expect(result.items.map((i) => i.json.startUtc)).toEqual(starts.slice(0, 4).map(iso));
		expect(offsetsAsked()).toEqual(['1', '2']);
		expectSpecValid(emulator);
	});

	test("the limit reached in the range's first month: the next month is not read", async () => {
		const boundary = DateTime.utc().startOf('month').plus({ months: 2 });
		const starts = [-2, -1, 1, 2].map((days) => boundary.plus({ days }).toMillis());
		giveLink(starts);
		const result = await run(
			availability({
				rangeStart: boundary.minus({ days: 3 }).toISO(),
				rangeEnd: boundary.plus({ days: 3 }).toISO(),
				limit: 2,
			}),
		);
		expect(result.items.map((i) => i.json.startUtc)).toEqual(starts.slice(0, 2).map(iso));
		expect(offsetsAsked()).toEqual(['1']);
	});

	test('Limit (default 10) and Return All', async () => {
		// 12 slots a day apart, in a month of their own: the same request count whatever today is.
		const month = DateTime.utc().startOf('month').plus({ months: 1 });
		const starts = Array.from({ length: 12 }, (_, i) =>
			month.plus({ days: i + 1, hours: 9 }).toMillis(),
		);
		giveLink(starts);
		const range = {
			rangeStart: month.toISO(),
			rangeEnd: month.plus({ days: 20 }).toISO(),
		};
		const byDefault = await run(availability(range));
		expect(byDefault.items.map((i) => i.json.startUtc)).toEqual(starts.slice(0, 10).map(iso));
		const three = await run(availability({ ...range, limit: 3 }));
		expect(three.items).toHaveLength(3);
		const all = await run(availability({ ...range, returnAll: true }));
		expect(all.items.map((i) => i.json.startUtc)).toEqual(starts.map(iso));
		expect(offsetsAsked()).toEqual(['1', '1', '1']);
	});

	test('First Free Slot Only: the earliest slot (its shortest duration), no month read past it', async () => {
		const now = DateTime.utc();
		const later = now.startOf('month').plus({ months: 2 });
		// Nothing free this month and next; the first slot two months ahead, another three months ahead.
		const first = later.plus({ days: 3, hours: 10 }).toMillis();
		const second = later.plus({ months: 1, days: 3 }).toMillis();
		giveLink([first, second], [60, 30]);
		const result = await run(
			availability({
				firstFreeSlotOnly: true,
				limit: 5, // hidden while First Free Slot Only is on: ignored
				rangeEnd: later.plus({ months: 2 }).toISO(),
			}),
		);
		expect(result.items.map((i) => [i.json.startUtc, i.json.durationMinutes])).toEqual([
			[iso(first), 30],
		]);
		expect(offsetsAsked()).toEqual(['', '1', '2']);
		expectSpecValid(emulator);
	});

	test('no free slot in the range: no items, and HubSpot saying no more months ends the reading', async () => {
		giveLink([]);
		const result = await run(
			availability({ rangeEnd: DateTime.utc().plus({ months: 3 }).toISO() }),
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(offsetsAsked()).toEqual(['']);
	});

	test('Simplify off: each month read, as HubSpot answered', async () => {
		const boundary = DateTime.utc().startOf('month').plus({ months: 2 });
		giveLink([boundary.minus({ days: 1 }).toMillis(), boundary.plus({ days: 1 }).toMillis()]);
		const result = await run(
			availability({
				simplify: false,
				rangeStart: boundary.minus({ days: 3 }).toISO(),
				rangeEnd: boundary.plus({ days: 3 }).toISO(),
			}),
		);
		expect(result.items).toHaveLength(2);
		expect(result.items.map((i) => Object.keys(i.json).sort())).toEqual([
			['allUsersBusyTimes', 'linkAvailability'],
			['allUsersBusyTimes', 'linkAvailability'],
		]);
	});
});

describe('Get Availability: a bad range fails before any request', () => {
	test.each([
		[
			{ rangeStart: '2030-01-10T10:00', rangeEnd: '2030-01-05T10:00' },
			/^To: "2030-01-05T10:00" is before From \("2030-01-10T10:00"\) \[item 0\]$/,
			/^Set To after From/,
		],
		[
			{ rangeStart: '2030-01-10T10:00', rangeEnd: '2030-01-10T10:00' },
			/^To: "2030-01-10T10:00" is the same as From/,
			/^Set To after From/,
		],
		[
			{ rangeEnd: '2020-01-01T00:00' },
			/^To: "2020-01-01T00:00" is before From \(now\)/,
			/^Set To after From/,
		],
		[
			{ rangeStart: '2020-01-01T00:00', rangeEnd: '2020-02-01T00:00' },
			/^To: "2020-02-01T00:00" is in the past/,
			/future slots only/,
		],
		[{ rangeStart: 'next monday' }, /^From: "next monday" is not a valid date/, /ISO/],
		[
			{ rangeEnd: '={{ $now.plus({ years: 3 }) }}' },
			/^To: .* is more than 24 months ahead/,
			/within 24 months/,
		],
		[{ limit: 0 }, /^Limit: 0 is not a whole number from 1/, /Return All/],
	])('%j', async (parameters, message, fix) => {
		giveLink([]);
		const result = await run(availability(parameters as INodeParameters));
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(fix);
		expect(emulator.requests).toEqual([]);
	});

	test('with On Error → Continue the bad item is an error item and the others are read', async () => {
		const soon = minute(DateTime.utc().plus({ days: 2 }));
		giveLink([soon]);
		const result = await run(
			availability({ rangeStart: '={{ $json.from }}', rangeEnd: '={{ $json.to }}' }),
			{
				continueOnFail: true,
				items: [{ from: '', to: '' }, { from: '2030-02-01T00:00', to: '2030-01-01T00:00' }, {}],
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.startUtc ?? i.json.error)).toEqual([
			iso(soon),
			'To: "2030-01-01T00:00" is before From ("2030-02-01T00:00") [item 1]',
			iso(soon),
		]);
		// Items 0 and 2 read this month, and the next one too when the slot is there.
		const perItem = DateTime.fromMillis(soon, { zone: 'utc' }).hasSame(DateTime.utc(), 'month')
			? 1
			: 2;
		expect(pages()).toHaveLength(2 * perItem);
	});
});
