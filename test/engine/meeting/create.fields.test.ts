/**
 * Meeting → Create Calendar Event, HubSpot's contract for its fields: one
 * POST /scheduler/{version}/meetings/calendar?organizerUserId=… whose body carries `properties`
 * (hs_meeting_*, hs_timestamp, hubspot_owner_id, …), `associations`, `emailReminderSchedule` and
 * `timezone`; an empty Owner is looked up in /crm/owners from the organizer. Every field of the seed
 * request runs through n8n's real engine against the emulator, which checks each request against
 * HubSpot's OpenAPI spec. Times: create.times; associations: create.associations; reminders:
 * create.reminders; several items and bad input: create.items; HubSpot's refusals: create.errors.
 */
import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import { seedOwners } from '../../emulator';
import {
	ADA,
	GRACE,
	calendarCreates,
	createBody,
	createParameters,
	emulatorForSuite,
	expectSpecValid,
	serviceKeyCredential,
} from '../fixtures';

let emulator: HubspotEmulator;

beforeAll(async () => {
	// 1,203 owners: the organizer look-up has to read three pages of 500.
	emulator = await emulatorForSuite({ owners: seedOwners(1201) });
});
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());
afterEach(() => expectSpecValid(emulator));

describe('Create Calendar Event sends every field HubSpot takes', () => {
	test('all fields set in the editor round-trip into one spec-valid request', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({
				organizerUserId: ADA.userId,
				title: '  Quarterly review  ',
				startTime: '2026-06-01T10:00:00',
				endTime: '2026-06-01T11:15:00',
				timezone: 'Europe/Berlin',
				ownerId: GRACE.ownerId,
				associations: {
					association: [
						{ objectType: 'contact', recordIds: '501, 502', label: 'default' },
						{ objectType: 'company', recordIds: '601', label: 'default' },
						{
							objectType: 'deal',
							recordIds: '701',
							label: 'custom',
							category: 'USER_DEFINED',
							associationTypeId: 42,
						},
					],
				},
				reminders: {
					reminder: [
						{ amount: 1, unit: 'DAYS' },
						{ amount: 30, unit: 'MINUTES' },
					],
				},
				includeDescriptionInReminders: true,
				additionalFields: {
					attachmentIds: '3001,3002',
					attendeeOwnerIds: '100003, 100004',
					body: 'Agenda: numbers, plans.',
					internalNotes: 'Bring the Q2 deck.',
					location: 'Room 4.02',
					locationType: 'ADDRESS',
					meetingType: 'DEMO',
					outcome: 'RESCHEDULED',
					timestamp: '2026-05-20T09:00:00',
				},
				simplify: false,
			}),
		});

		expect(result.error).toBeUndefined();
		const [request] = calendarCreates(emulator);
		expect(request.path).toBe('/scheduler/2026-03/meetings/calendar');
		expect(request.query).toEqual({ organizerUserId: ADA.userId });
		expect(request.headers.authorization).toBe('Bearer pat-na1-test-service-key-0001');
		expect(createBody(request)).toEqual({
			properties: {
				hs_meeting_title: 'Quarterly review',
				hs_meeting_start_time: '2026-06-01T08:00:00.000Z',
				hs_meeting_end_time: '2026-06-01T09:15:00.000Z',
				hs_timestamp: '2026-05-20T07:00:00.000Z',
				hs_meeting_outcome: 'RESCHEDULED',
				hubspot_owner_id: GRACE.ownerId,
				hs_activity_type: 'DEMO',
				hs_attachment_ids: ['3001', '3002'],
				hs_attendee_owner_ids: ['100003', '100004'],
				hs_internal_meeting_notes: 'Bring the Q2 deck.',
				hs_meeting_body: 'Agenda: numbers, plans.',
				hs_meeting_location: 'Room 4.02',
				hs_meeting_location_type: 'ADDRESS',
			},
			associations: [
				{
					to: { id: '501' },
					types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }],
				},
				{
					to: { id: '502' },
					types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }],
				},
				{
					to: { id: '601' },
					types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 188 }],
				},
				{
					to: { id: '701' },
					types: [{ associationCategory: 'USER_DEFINED', associationTypeId: 42 }],
				},
			],
			emailReminderSchedule: {
				reminders: [
					{ numberOfTimeUnits: 1, timeUnit: 'DAYS' },
					{ numberOfTimeUnits: 30, timeUnit: 'MINUTES' },
				],
				shouldIncludeInviteDescription: true,
			},
			timezone: 'Europe/Berlin',
		});
		// With an explicit owner no owner look-up is needed.
		expect(emulator.requests.filter((r) => r.path.startsWith('/crm/owners'))).toHaveLength(0);

		// Simplify off: HubSpot's response as it came.
		expect(result.items).toHaveLength(1);
		const raw = result.items[0].json as { id: string; properties: Record<string, unknown> };
		expect(raw).toEqual(request.responseBody);
		expect(raw.properties.hs_meeting_external_url).toMatch(/^https:\/\//);
	});

	test('minimal input: outcome SCHEDULED, hs_timestamp = start, empty associations and reminders', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters(),
		});
		expect(result.error).toBeUndefined();
		const body = createBody(calendarCreates(emulator)[0]);
		expect(body).toEqual({
			properties: {
				hs_meeting_title: 'Intro call',
				hs_meeting_outcome: 'SCHEDULED',
				hs_meeting_start_time: '2026-06-01T08:00:00.000Z',
				hs_meeting_end_time: '2026-06-01T08:30:00.000Z',
				hs_timestamp: '2026-06-01T08:00:00.000Z',
				hubspot_owner_id: ADA.ownerId,
			},
			associations: [],
			emailReminderSchedule: { reminders: [], shouldIncludeInviteDescription: false },
			timezone: 'Europe/Berlin',
		});
	});

	test('simplified output: one flat item with UTC and local times and the calendar event', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({
				additionalFields: { location: '+1 555 0100', locationType: 'PHONE', meetingType: 'DEMO' },
			}),
		});
		const [request] = calendarCreates(emulator);
		const response = request.responseBody as {
			id: string;
			createdAt: string;
			lastUpdatedAt: string;
			properties: Record<string, string>;
		};
		expect(result.items.map((item) => item.json)).toEqual([
			{
				id: response.id,
				title: 'Intro call',
				start: '2026-06-01T08:00:00.000Z',
				end: '2026-06-01T08:30:00.000Z',
				startLocal: '2026-06-01T10:00:00+02:00',
				endLocal: '2026-06-01T10:30:00+02:00',
				timezone: 'Europe/Berlin',
				outcome: 'SCHEDULED',
				type: 'DEMO',
				organizerUserId: ADA.userId,
				ownerId: ADA.ownerId,
				location: '+1 555 0100',
				locationType: 'PHONE',
				calendarEventUrl: response.properties.hs_meeting_external_url,
				calendarEventId: response.properties.hs_unique_id,
				createdAt: response.createdAt,
				updatedAt: response.lastUpdatedAt,
				// Issue 11 #6: the record in HubSpot (the emulator's portal 12345), and what was sent with it.
				recordUrl: `https://app.hubspot.com/contacts/12345/record/0-47/${response.id}`,
				associations: [],
				reminders: [],
			},
		]);
	});

	test('API version 2026-09 calls the 2026-09 path with the same body', async () => {
		await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({ options: { apiVersion: '2026-09' } }),
		});
		const [request] = calendarCreates(emulator);
		expect(request.path).toBe('/scheduler/2026-09/meetings/calendar');
		expect(request.status).toBe(200);
	});

	test("empty Owner: the organizer's owner id is looked up once per run, across every page of owners", async () => {
		// Organizer on the third page of owners (user 9001150 is owner 101150).
		const items = [0, 1, 2, 3, 4].map((i) => ({ title: `Call ${i}` }));
		const credentials = serviceKeyCredential(emulator);
		const result = await runNode({
			credentials,
			items,
			parameters: createParameters({ organizerUserId: '9001150', title: '={{ $json.title }}' }),
		});
		expect(result.error).toBeUndefined();
		const ownerPages = emulator.requests.filter((r) => r.path === '/crm/owners/2026-03');
		expect(ownerPages.map((r) => r.query.after ?? 'first')).toEqual(['first', '500', '1000']);
		const creates = calendarCreates(emulator);
		expect(creates).toHaveLength(5);
		for (const request of creates) {
			expect((createBody(request).properties as Record<string, unknown>).hubspot_owner_id).toBe(
				'101150',
			);
		}
		// A second run soon after reuses the cached owners.
		await runNode({ credentials, parameters: createParameters({ organizerUserId: '9001150' }) });
		expect(emulator.requests.filter((r) => r.path === '/crm/owners/2026-03')).toHaveLength(3);
	});
});
