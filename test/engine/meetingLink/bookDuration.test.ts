/**
 * Book Meeting's Duration and output: the dropdown of the link's durations (methods.loadOptions
 * getLinkDurations, from GET …/meeting-links/book/{slug}, through n8n's load-options path), a duration the
 * link does not offer refused in minutes before booking (the link's durations read once per run and link),
 * and the simplified confirmation. Then Get Availability's first free slot booked as is.
 */
import { DateTime } from 'luxon';

import type { HubspotEmulator } from '../../emulator';
import { extraLink, meetingLinkState } from '../../emulator/followUpHandlers';
import {
	LINKS_PATH,
	bookParameters,
	expectSpecValid,
	linkParameters,
	loadPicker,
} from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
const run = useFileEmulator((started) => (emulator = started), {
	reset: () => {
		meetingLinkState(emulator).bookings.length = 0;
	},
});
const bookingInfoReads = (slug: string) =>
	emulator.requests.filter((r) => r.method === 'GET' && r.path === `${LINKS_PATH}/book/${slug}`);
const posts = () => emulator.requests.filter((r) => r.method === 'POST');
const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

describe("Book Meeting's Duration dropdown", () => {
	test.each([
		['grace-hopper', locator('list', 'grace-hopper'), [15, 30]],
		['ada-lovelace', locator('url', 'https://meetings-eu1.hubspot.com/ada-lovelace'), [30, 60]],
		['ada-lovelace-demo', locator('slug', 'ada-lovelace-demo'), [45]],
	])("%s: the link's durations in minutes", async (slug, slugValue, minutes) => {
		const { options, via } = await loadPicker(
			emulator,
			'durationMinutes',
			bookParameters({ slug: slugValue }),
		);
		expect(via).toBe('method:getLinkDurations');
		expect(options).toEqual(minutes.map((m) => ({ name: `${m} minutes`, value: m })));
		expect(emulator.requests.map((r) => [r.path, r.query])).toEqual([
			[`${LINKS_PATH}/book/${slug}`, { timezone: 'UTC' }],
		]);
		expectSpecValid(emulator);
	});

	test('no link picked yet: the dropdown says to pick one, and sends nothing', async () => {
		await expect(
			loadPicker(emulator, 'durationMinutes', bookParameters({ slug: locator('list', '') })),
		).rejects.toThrow(/^Meeting Link: is empty: pick the Meeting Link first$/);
		expect(emulator.requests).toEqual([]);
	});

	test('an unknown link: HubSpot\'s "not found" in the dropdown', async () => {
		await expect(
			loadPicker(emulator, 'durationMinutes', bookParameters({ slug: locator('slug', 'nobody') })),
		).rejects.toThrow(/404/);
	});
});

describe('Book Meeting: a duration the link does not offer', () => {
	test('refused in minutes before booking, naming what the link offers', async () => {
		const result = await run(bookParameters({ slug: 'grace-hopper', durationMinutes: 45 }));
		expect(result.error?.message).toBe(
			'Duration (Minutes): 45 minutes is not offered by this link; it offers 15 or 30 minutes [item 0]',
		);
		expect(result.error?.description).toMatch(/^Pick one of the link's durations from the list/);
		expect(result.error?.message).not.toMatch(/000/);
		expect(posts()).toEqual([]);
		expectSpecValid(emulator);
	});

	test("the link's durations are read once per run; each item is checked, the others are booked", async () => {
		const result = await run(
			bookParameters({
				slug: 'ada-lovelace',
				startTime: '={{ $json.start }}',
				durationMinutes: '={{ $json.minutes }}',
			}),
			{
				continueOnFail: true,
				items: [
					{ start: '2026-10-24T09:00', minutes: 30 },
					{ start: '2026-10-25T02:30', minutes: 45 },
					{ start: '2026-10-26T09:00', minutes: 60 },
				],
			},
		);
		expect(result.items.map((i) => i.json.error ?? i.json.durationMinutes)).toEqual([
			30,
			'Duration (Minutes): 45 minutes is not offered by this link; it offers 30 or 60 minutes [item 1]',
			60,
		]);
		expect(bookingInfoReads('ada-lovelace')).toHaveLength(1);
		expect(posts()).toHaveLength(2);
	});
});

describe('Book Meeting: simplified output (Simplify on by default)', () => {
	test('contact id, UTC and local start/end, timezone, slug; no CRM meeting id when HubSpot sends none', async () => {
		const result = await run(
			bookParameters({
				slug: 'grace-hopper',
				startTime: '2026-10-26T09:00:00+01:00',
				durationMinutes: 15,
				timezone: 'America/New_York',
			}),
		);
		expect(result.error).toBeUndefined();
		const booked = result.items[0].json;
		const contactId = meetingLinkState(emulator).bookings[0].response.contactId;
		expect(booked).toEqual({
			calendarEventId: expect.stringMatching(/^[0-9a-f]{20}$/),
			contactId,
			slug: 'grace-hopper',
			subject: 'Intro call with Grace with Jane Doe',
			start: '2026-10-26T08:00:00.000Z',
			end: '2026-10-26T08:15:00.000Z',
			startLocal: '2026-10-26T04:00:00-04:00',
			endLocal: '2026-10-26T04:15:00-04:00',
			timezone: 'America/New_York',
			durationMinutes: 15,
			guestEmails: [],
		});
		expect(contactId).toMatch(/^\d+$/);
		expect(booked).not.toHaveProperty('meetingId');
	});

	test("a CRM meeting id in HubSpot's answer is shown as meetingId", async () => {
		emulator.injectFault({
			method: 'POST',
			path: `${LINKS_PATH}/book`,
			status: 200,
			body: {
				bookingTimezone: 'Europe/Berlin',
				calendarEventId: 'evt-1',
				contactId: '501',
				duration: 1_800_000,
				start: '2026-10-24T07:00:00Z',
				end: '2026-10-24T07:30:00Z',
				formFields: [],
				guestEmails: [],
				isOffline: false,
				legalConsentResponses: [],
				subject: 'Meet Ada with Jane Doe',
				meetingId: 93001,
			},
		});
		const result = await run(bookParameters());
		expect(result.items[0].json).toMatchObject({
			meetingId: '93001',
			contactId: '501',
			start: '2026-10-24T07:00:00.000Z',
			startLocal: '2026-10-24T09:00:00+02:00',
			endLocal: '2026-10-24T09:30:00+02:00',
		});
	});
});

describe('Get Availability → Book Meeting', () => {
	test('the first free slot, booked as Get Availability gives it; then it is no longer offered', async () => {
		const link = { ...extraLink(901), slug: 'chain-link', durations: [30 * 60_000, 60 * 60_000] };
		const first = DateTime.utc().plus({ days: 2 }).startOf('hour').toMillis();
		link.slotStarts = { 0: [first, first + 86_400_000] };
		meetingLinkState(emulator).links.push(link);
		const availability = linkParameters('getAvailability', {
			slug: locator('slug', 'chain-link'),
			timezone: 'Europe/Berlin',
			firstFreeSlotOnly: true,
		});
		const slot = await run(availability);
		expect(slot.items).toHaveLength(1);
		const booked = await run(
			bookParameters({
				slug: '={{ $json.slug }}',
				startTime: '={{ $json.start }}',
				durationMinutes: '={{ $json.durationMinutes }}',
				timezone: '={{ $json.timezone }}',
			}),
			{ items: slot.items.map((i) => i.json) },
		);
		expect(booked.error).toBeUndefined();
		expect(booked.items[0].json).toMatchObject({
			slug: 'chain-link',
			start: new Date(first).toISOString(),
			startLocal: slot.items[0].json.start,
			durationMinutes: 30,
			timezone: 'Europe/Berlin',
		});
		const next = await run(availability);
		expect(next.items[0].json.startUtc).toBe(new Date(first + 86_400_000).toISOString());
		expectSpecValid(emulator);
	});
});
