/**
 * Meeting Link → Book Meeting: POST /scheduler/{version}/meetings/meeting-links/book with the slug, the
 * guest, a UTC startTime, the duration in milliseconds and the booking options; HubSpot's refusals
 * (slot taken, duration not offered) come with the fix; bad input is an item error before any request.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { HubspotEmulator } from '../../emulator';
import { meetingLinkState } from '../../emulator/followUpHandlers';
import { runNode } from '../../harness/engine';
import {
	LINKS_PATH,
	bookParameters,
	emulatorForSuite,
	expectSpecValid,
	serviceKeyCredential,
} from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
const run = useFileEmulator((started) => (emulator = started), {
	reset: () => {
		meetingLinkState(emulator).bookings.length = 0;
	},
});
const sent = () => emulator.requests;
/** The booking itself (Book reads the link's durations first: GET …/book/{slug}). */
const booking = () => sent().find((r) => r.method === 'POST')!;

describe('Book Meeting', () => {
	test('books a slot: minutes become milliseconds, the naive start is read in the timezone', async () => {
		const result = await run(bookParameters({ durationMinutes: 60, simplify: false }));
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
		expect((booking().body as { startTime: string }).startTime).toBe('2026-10-25T00:30:00.000Z');
		emulator.reset();
		// A start straight from Get Availability's output (with its offset) works as is.
		const fromAvailability = await run(
			bookParameters({
				slug: 'grace-hopper',
				startTime: '2026-10-26T09:00:00+01:00',
				durationMinutes: 15,
			}),
		);
		expect(fromAvailability.error).toBeUndefined();
		expect(booking().body).toMatchObject({
			startTime: '2026-10-26T08:00:00.000Z',
			duration: 900_000,
		});
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
		expect(booking().body).toMatchObject({
			formFields: [{ name: 'company', value: 'Acme' }],
			legalConsentResponses: [{ communicationTypeId: '4242', consented: true }],
			likelyAvailableUserIds: ['9000001', '9000002'],
			locale: 'en-us',
		});
		expectSpecValid(emulator);
	});

	test("slot already taken: HubSpot's refusal as a clear item error", async () => {
		const result = await run(bookParameters(), { items: [{}, {}], continueOnFail: true });
		const errors = result.items.map((i) => i.json.error).filter(Boolean);
		expect(result.items).toHaveLength(2);
		expect(errors).toHaveLength(1);
		const failed = result.items.find((i) => i.json.error)!;
		expect(failed.json.error).toMatch(
			/^HubSpot answered 400: The requested time 2026-10-24T07:00:00.000Z is no longer available for this meeting link/,
		);
		const error = await run(bookParameters());
		expect(error.error?.description).toMatch(
			/^That time is not \(or no longer\) free on this meeting link\. Run Get Availability/,
		);
		expectSpecValid(emulator);
	});

	test("a duration the link does not offer (HubSpot's refusal, e.g. the link changed since its durations were read): the fix", async () => {
		emulator.injectFault({
			method: 'POST',
			path: `${LINKS_PATH}/book`,
			status: 400,
			body: {
				status: 'error',
				category: 'VALIDATION_ERROR',
				correlationId: '6f1c3c1e-0000-4000-8000-000000000045',
				message:
					'Invalid duration 2700000; this meeting link offers 1800000, 3600000 (milliseconds)',
			},
		});
		const result = await run(bookParameters({ durationMinutes: 30 }));
		expect(result.error?.message).toMatch(/^HubSpot answered 400: Invalid duration 2700000/);
		expect(result.error?.description).toMatch(/^Use a duration the meeting link offers/);
	});

	test.each([
		[{ email: 'jane.doe@example' }, /^Email: "jane.doe@example" is not a valid email address/],
		[
			{ email: 'jane doe@example.com' },
			/^Email: "jane doe@example.com" is not a valid email address/,
		],
		[{ email: 'jane..doe@example.com' }, /^Email: /],
		[{ email: '={{ $json.missing }}' }, /^Email: is empty/],
		[{ firstName: '  ' }, /^First Name: is empty/],
		[{ lastName: '={{ "" }}' }, /^Last Name: is empty/],
		[{ durationMinutes: 0 }, /^Duration \(Minutes\): 0 is not a whole number of minutes/],
		[{ durationMinutes: 1.5 }, /^Duration \(Minutes\): 1.5 is not a whole number/],
		[{ startTime: 'next tuesday' }, /^Start: "next tuesday" is not a valid date/],
		[
			{ startTime: '2026-03-29T02:30' },
			/^Start: "2026-03-29T02:30" does not exist in Europe\/Berlin/,
		],
		[{ slug: '={{ $json.slug }}' }, /^Meeting Link: is empty/],
		[
			{ bookingOptions: { guestEmails: 'ok@example.com, not-an-email' } },
			/^Guest Emails: "not-an-email" is not a valid email address/,
		],
		[
			{ bookingOptions: { formFields: { field: [{ name: '', value: 'x' }] } } },
			/^Form Fields row 1: has no field name/,
		],
		[
			{
				bookingOptions: {
					legalConsent: { consent: [{ communicationTypeId: '', consented: true }] },
				},
			},
			/^Legal Consent row 1: has no communication type ID/,
		],
		[
			{ bookingOptions: { likelyAvailableUserIds: ['ada'] } },
			/^Likely Available Users: "ada" is not a HubSpot ID/,
		],
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
				parameters: bookParameters({
					bookingOptions: { guestEmails: 'a@example.com; b@example.org' },
				}),
				credentials: serviceKeyCredential(lenient),
			});
			expect(result.error).toBeUndefined();
			const post = lenient.requests.find((r) => r.method === 'POST')!;
			expect((post.body as { guestEmails: string[] }).guestEmails).toEqual([
				'a@example.com',
				'b@example.org',
			]);
			expect(result.items[0].json.guestEmails).toEqual(['a@example.com', 'b@example.org']);
			expectSpecValid(lenient);
		} finally {
			await lenient.stop();
		}
	});
});
