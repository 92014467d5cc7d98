/** Resource "Meeting Link" through the real n8n engine against the spec-validating emulator. */
import type { INodeParameters } from 'n8n-workflow';

import type { HubspotEmulator } from '../emulator';
import { DST_SLOT_STARTS, extraLink, meetingLinkState } from '../emulator/followUpHandlers';
import { runNode } from '../harness/engine';
import { emulatorForSuite, expectSpecValid, serviceKeyCredential } from './fixtures';

const LINKS_PATH = '/scheduler/2026-03/meetings/meeting-links';

function linkParameters(operation: string, overrides: INodeParameters = {}): INodeParameters {
	return { authentication: 'accessToken', resource: 'meetingLink', operation, ...overrides };
}

function bookParameters(overrides: INodeParameters = {}): INodeParameters {
	return linkParameters('book', {
		slug: 'ada-lovelace',
		firstName: 'Jane',
		lastName: 'Doe',
		email: 'jane.doe@example.com',
		startTime: '2026-10-24T09:00',
		durationMinutes: 30,
		timezone: 'Europe/Berlin',
		...overrides,
	});
}

let emulator: HubspotEmulator;
const run = (parameters: INodeParameters, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	runNode({ parameters, credentials: serviceKeyCredential(emulator), ...extra });
const sent = () => emulator.requests;

beforeAll(async () => {
	emulator = await emulatorForSuite();
});
afterAll(async () => await emulator.stop());
beforeEach(() => {
	emulator.reset();
	meetingLinkState(emulator).bookings.length = 0;
});

describe('Get Many', () => {
	const seeded = 7;
	beforeAll(() => {
		for (let n = 1; n <= 130; n++) meetingLinkState(emulator).links.push(extraLink(n));
	});
	afterAll(() => {
		meetingLinkState(emulator).links.splice(seeded);
	});

	test('Return All reads every page by cursor', async () => {
		const result = await run(linkParameters('getMany', { returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(seeded + 130);
		expect(result.items[0].json).toMatchObject({ slug: 'ada-lovelace', type: 'PERSONAL_LINK', organizerUserId: '9000001' });
		expect(sent().map((r) => [r.path, r.query.after, r.query.limit])).toEqual([
			[LINKS_PATH, undefined, '100'],
			[LINKS_PATH, '100', '100'],
		]);
		expectSpecValid(emulator);
	});

	test('Limit asks for no more than needed', async () => {
		const result = await run(linkParameters('getMany', { returnAll: false, limit: 5 }));
		expect(result.items.map((i) => i.json.slug)).toEqual(['ada-lovelace', 'ada-lovelace-demo', 'grace-hopper', 'sales-team', 'support-round-robin']);
		expect(sent()).toHaveLength(1);
		expect(sent()[0].query.limit).toBe('5');
		expectSpecValid(emulator);
	});

	test('Limit across pages stops at the limit', async () => {
		const result = await run(linkParameters('getMany', { returnAll: false, limit: 120 }));
		expect(result.items).toHaveLength(120);
		expect(sent().map((r) => r.query.limit)).toEqual(['100', '20']);
		expectSpecValid(emulator);
	});

	test('default Limit is 50', async () => {
		const result = await run(linkParameters('getMany'));
		expect(result.items).toHaveLength(50);
	});

	test('filters: type, organizer (picked user id) and name are sent; empty ones are not', async () => {
		const result = await run(
			linkParameters('getMany', { returnAll: true, filters: { type: 'GROUP_CALENDAR', organizerUserId: '9000001', name: '' } }),
		);
		expect(result.items.map((i) => i.json.slug)).toEqual(['sales-team']);
		expect(sent()[0].query).toMatchObject({ type: 'GROUP_CALENDAR', organizerUserId: '9000001' });
		expect(sent()[0].query.name).toBeUndefined();
		expectSpecValid(emulator);
	});

	test('name filter', async () => {
		const result = await run(linkParameters('getMany', { returnAll: true, filters: { name: 'Support' } }));
		expect(result.items.map((i) => i.json.slug)).toEqual(['support-round-robin']);
	});

	test('an organizer that is not a user id is an item error before any request', async () => {
		const result = await run(linkParameters('getMany', { filters: { organizerUserId: 'ada@example.com' } }));
		expect(result.error?.message).toMatch(/^Organizer: "ada@example.com" is not a HubSpot user ID/);
		expect(sent()).toHaveLength(0);
	});
});

describe('Get Booking Info', () => {
	test('reads the link in the chosen timezone', async () => {
		const result = await run(linkParameters('getBookingInfo', { slug: 'sales-team', timezone: 'Europe/Berlin' }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ linkId: '7004', linkType: 'GROUP_CALENDAR', customParams: { legalConsentEnabled: true } });
		expect(sent()[0].path).toBe(`${LINKS_PATH}/book/sales-team`);
		expect(sent()[0].query).toEqual({ timezone: 'Europe/Berlin' });
		expectSpecValid(emulator);
	});

	test("timezone left empty: the workflow's timezone is sent (HubSpot requires one)", async () => {
		await run(linkParameters('getBookingInfo', { slug: 'ada-lovelace' }), { timezone: 'America/Chicago' });
		expect(sent()[0].query.timezone).toBe('America/Chicago');
	});

	test('a pasted link URL is reduced to its slug', async () => {
		await run(linkParameters('getBookingInfo', { slug: 'https://meetings.hubspot.com/grace-hopper?uuid=1', timezone: 'UTC' }));
		expect(sent()[0].path).toBe(`${LINKS_PATH}/book/grace-hopper`);
	});

	test('unknown slug: HubSpot\'s 404 as the error', async () => {
		const result = await run(linkParameters('getBookingInfo', { slug: 'nobody', timezone: 'UTC' }));
		expect(result.error?.message).toBe('HubSpot answered 404: No meeting link found for slug nobody [item 0]');
	});

	test('a timezone that is not IANA is an item error before any request', async () => {
		const result = await run(linkParameters('getBookingInfo', { slug: 'ada-lovelace', timezone: 'CEST' }));
		expect(result.error?.message).toMatch(/^Timezone: "CEST" is not a known IANA timezone/);
		expect(sent()).toHaveLength(0);
	});
});

describe('Get Availability', () => {
	test('simplified: one item per free slot, ISO times in the timezone, across the DST change', async () => {
		const result = await run(linkParameters('getAvailability', { slug: 'ada-lovelace', timezone: 'Europe/Berlin' }));
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
		expect(sent()[0].path).toBe(`${LINKS_PATH}/book/availability-page/ada-lovelace`);
		expect(sent()[0].query).toEqual({ timezone: 'Europe/Berlin' });
		expectSpecValid(emulator);
	});

	test('the same slots in another timezone', async () => {
		const result = await run(linkParameters('getAvailability', { slug: 'ada-lovelace', timezone: 'America/New_York' }));
		expect(result.items[0].json).toMatchObject({ start: '2026-10-24T03:00:00-04:00', durationMinutes: 30 });
	});

	test('raw output on request', async () => {
		const result = await run(linkParameters('getAvailability', { slug: 'ada-lovelace', timezone: 'UTC', simplify: false }));
		expect(result.items).toHaveLength(1);
		const raw = result.items[0].json as { linkAvailability: { linkAvailabilityByDuration: Record<string, { availabilities: unknown[] }> } };
		expect(Object.keys(raw.linkAvailability.linkAvailabilityByDuration)).toEqual(['1800000', '3600000']);
		expect(raw.linkAvailability.linkAvailabilityByDuration['1800000'].availabilities[1]).toEqual({
			startMillisUtc: DST_SLOT_STARTS.acrossChange,
			endMillisUtc: DST_SLOT_STARTS.acrossChange + 1_800_000,
		});
		expectSpecValid(emulator);
	});

	test('month offset', async () => {
		const result = await run(linkParameters('getAvailability', { slug: 'grace-hopper', timezone: 'UTC', availabilityOptions: { monthOffset: 1 } }));
		expect(sent()[0].query).toEqual({ timezone: 'UTC', monthOffset: '1' });
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
		const result = await run(linkParameters('getAvailability', { slug: 'ada-lovelace', timezone: 'Europe/Berlin' }));
		expect(result.items.map((i) => i.json.start)).not.toContain('2026-10-24T09:00:00+02:00');
	});
});

describe('Book Meeting', () => {
	test('books a slot: minutes become milliseconds, the naive start is read in the timezone', async () => {
		const result = await run(bookParameters({ durationMinutes: 60 }));
		expect(result.error).toBeUndefined();
		const request = sent().find((r) => r.method === 'POST')!;
		expect(request.path).toBe(`${LINKS_PATH}/book`);
		expect(request.body).toEqual({
			slug: 'ada-lovelace',
			firstName: 'Jane',
			lastName: 'Doe',
			email: 'jane.doe@example.com',
			startTime: '2026-10-24T07:00:00.000Z',
			duration: 3_600_000,
			formFields: [],
			legalConsentResponses: [],
			likelyAvailableUserIds: [],
			timezone: 'Europe/Berlin',
		});
		expect(result.items[0].json).toMatchObject({
			subject: 'Meet Ada with Jane Doe',
			start: '2026-10-24T07:00:00.000Z',
			end: '2026-10-24T08:00:00.000Z',
			bookingTimezone: 'Europe/Berlin',
		});
		expectSpecValid(emulator);
	});

	test('the ambiguous 02:30 of the DST night books the first (CEST) occurrence; an offset picks either', async () => {
		const first = await run(bookParameters({ startTime: '2026-10-25T02:30', durationMinutes: 60 }));
		expect(first.error).toBeUndefined();
		expect((sent()[0].body as { startTime: string }).startTime).toBe('2026-10-25T00:30:00.000Z');
		emulator.reset();
		// A start straight from Get Availability's output (with its offset) works as is.
		const fromAvailability = await run(bookParameters({ slug: 'grace-hopper', startTime: '2026-10-26T09:00:00+01:00', durationMinutes: 15 }));
		expect(fromAvailability.error).toBeUndefined();
		expect(sent()[0].body).toMatchObject({ startTime: '2026-10-26T08:00:00.000Z', duration: 900_000 });
	});

	test('form fields, legal consent, likely available users, locale', async () => {
		const result = await run(
			bookParameters({
				slug: 'sales-team',
				bookingOptions: {
					formFields: { field: [{ name: 'company', value: 'Acme' }] },
					legalConsent: { consent: [{ communicationTypeId: '4242', consented: true }] },
					likelyAvailableUserIds: ['9000001', '9000002'],
					locale: 'en-us',
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sent()[0].body).toMatchObject({
			formFields: [{ name: 'company', value: 'Acme' }],
			legalConsentResponses: [{ communicationTypeId: '4242', consented: true }],
			likelyAvailableUserIds: ['9000001', '9000002'],
			locale: 'en-us',
		});
		expectSpecValid(emulator);
	});

	test('slot already taken: HubSpot\'s refusal as a clear item error', async () => {
		const result = await run(bookParameters(), { items: [{}, {}], continueOnFail: true });
		const errors = result.items.map((i) => i.json.error).filter(Boolean);
		expect(result.items).toHaveLength(2);
		expect(errors).toHaveLength(1);
		const failed = result.items.find((i) => i.json.error)!;
		expect(failed.json.error).toMatch(/^HubSpot answered 400: The requested time 2026-10-24T07:00:00.000Z is no longer available for this meeting link/);
		const error = await run(bookParameters());
		expect(error.error?.description).toMatch(/^That time is not \(or no longer\) free on this meeting link\. Run Get Availability/);
		expectSpecValid(emulator);
	});

	test('a duration the link does not offer: HubSpot\'s refusal with the fix', async () => {
		const result = await run(bookParameters({ durationMinutes: 45 }));
		expect(result.error?.message).toMatch(/^HubSpot answered 400: Invalid duration 2700000/);
		expect(result.error?.description).toMatch(/^Use a duration the meeting link offers/);
	});

	test.each([
		[{ email: 'jane.doe@example' }, /^Email: "jane.doe@example" is not a valid email address/],
		[{ email: 'jane doe@example.com' }, /^Email: "jane doe@example.com" is not a valid email address/],
		[{ email: 'jane..doe@example.com' }, /^Email: /],
		[{ email: '={{ $json.missing }}' }, /^Email: is empty/],
		[{ firstName: '  ' }, /^First Name: is empty/],
		[{ lastName: '={{ "" }}' }, /^Last Name: is empty/],
		[{ durationMinutes: 0 }, /^Duration \(Minutes\): 0 is not a whole number of minutes/],
		[{ durationMinutes: 1.5 }, /^Duration \(Minutes\): 1.5 is not a whole number/],
		[{ startTime: 'next tuesday' }, /^Start: "next tuesday" is not a valid date/],
		[{ startTime: '2026-03-29T02:30' }, /^Start: "2026-03-29T02:30" does not exist in Europe\/Berlin/],
		[{ slug: '={{ $json.slug }}' }, /^Meeting Link: is empty/],
		[{ bookingOptions: { guestEmails: 'ok@example.com, not-an-email' } }, /^Guest Emails: "not-an-email" is not a valid email address/],
		[{ bookingOptions: { formFields: { field: [{ name: '', value: 'x' }] } } }, /^Form Fields row 1: has no field name/],
		[{ bookingOptions: { legalConsent: { consent: [{ communicationTypeId: '', consented: true }] } } }, /^Legal Consent row 1: has no communication type ID/],
		[{ bookingOptions: { likelyAvailableUserIds: ['ada'] } }, /^Likely Available Users: "ada" is not a HubSpot ID/],
		[{ bookingOptions: { locale: 'english please' } }, /^Locale: "english please" is not a locale/],
	])('bad input %j is an item error before any request', async (overrides, message) => {
		const result = await run(bookParameters(overrides as INodeParameters));
		expect(result.error?.message).toMatch(message);
		expect(sent()).toHaveLength(0);
	});

	test('guest emails are sent as guestEmails (not in the published request schema: checked with strict bodies off)', async () => {
		const lenient = await emulatorForSuite({ strictBodies: false });
		try {
			const result = await runNode({
				parameters: bookParameters({ bookingOptions: { guestEmails: 'a@example.com; b@example.org' } }),
				credentials: serviceKeyCredential(lenient),
			});
			expect(result.error).toBeUndefined();
			expect((lenient.requests[0].body as { guestEmails: string[] }).guestEmails).toEqual(['a@example.com', 'b@example.org']);
			expect(result.items[0].json.guestEmails).toEqual(['a@example.com', 'b@example.org']);
			expectSpecValid(lenient);
		} finally {
			await lenient.stop();
		}
	});
});
