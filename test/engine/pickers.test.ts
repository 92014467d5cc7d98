/**
 * The dropdowns, loaded the way n8n's editor backend loads them (test/harness/load-options.ts), against
 * the spec-validating emulator.
 */
import type { HubspotEmulator } from '../emulator';
import { seedOwners } from '../emulator';
import { extraLink, meetingLinkState as linkState } from '../emulator/followUpHandlers';
import { runNode } from '../harness/engine';
import { loadOptions } from '../harness/load-options';
import { createBody, createParameters, emulatorForSuite, expectSpecValid, serviceKeyCredential } from './fixtures';

const NARROW_TOKEN = 'pat-na1-only-contacts-write';
const LINKS_ONLY_TOKEN = 'pat-na1-only-meeting-links';

function load(emulator: HubspotEmulator, parameterPath: string, parameters = createParameters(), extra: { timezone?: string; token?: string } = {}) {
	return loadOptions({
		parameters,
		parameterPath,
		credentials: serviceKeyCredential(emulator, { accessToken: extra.token }),
		timezone: extra.timezone,
	});
}

function ownerRequests(emulator: HubspotEmulator) {
	return emulator.requests.filter((r) => r.path === '/crm/owners/2026-03');
}

describe('people pickers over an account with 1,200 owners (3 pages)', () => {
	let emulator: HubspotEmulator;
	beforeAll(async () => {
		const owners = seedOwners(1200);
		// A person without a HubSpot user (e.g. imported owner): not an organizer, and not offered as owner either.
		owners.push({ id: '190001', email: 'no.user@example.com', firstName: 'No', lastName: 'User', type: 'PERSON' });
		emulator = await emulatorForSuite({ owners });
	});
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.reset());

	test('Organizer: every person with a user, "First Last (email)", value = user id; queues left out', async () => {
		const { options, via } = await load(emulator, 'organizerUserId');
		expect(via).toBe('method:getOrganizers');
		expect(options).toHaveLength(1200);
		expect(options[0]).toEqual({ name: 'Ada Lovelace (ada.lovelace@example.com)', value: '9000001' });
		expect(options[1199].value).toBe('9001200');
		expect(options.some((o) => /Support Queue|No User|Former Employee/.test(o.name))).toBe(false);
		expect(ownerRequests(emulator)).toHaveLength(3);
		expect(ownerRequests(emulator).map((r) => r.query.after)).toEqual([undefined, '500', '1000']);
		expectSpecValid(emulator);
	});

	test('Owner: the same people, value = owner id, after the empty default (the organizer\'s own record)', async () => {
		const { options, via } = await load(emulator, 'ownerId');
		expect(via).toBe('method:getMeetingOwners');
		expect(options).toHaveLength(1201);
		expect(options[0]).toMatchObject({ name: "The Organizer's Own Owner Record", value: '' });
		expect(options[2]).toEqual({ name: 'Grace Hopper (grace.hopper@example.com)', value: '100002' });
		expect(options.map((o) => o.value)).not.toContain('101201'); // the queue
		expectSpecValid(emulator);
	});

	test('Attendees (multi-select in Additional Fields): owner ids', async () => {
		const { options, via } = await load(emulator, 'additionalFields.attendeeOwnerIds');
		expect(via).toBe('method:getOwners');
		expect(options[0].value).toBe('100001');
		expect(options).toHaveLength(1200);
	});
});

describe('pickers on the default account', () => {
	let emulator: HubspotEmulator;
	beforeAll(async () => {
		emulator = await emulatorForSuite({
			propertyOptions: {
				hs_meeting_outcome: [
					{ label: 'Scheduled', value: 'SCHEDULED', hidden: false, displayOrder: 0 },
					{ label: 'Completed', value: 'COMPLETED', hidden: false, displayOrder: 1 },
					{ label: 'Old outcome', value: 'OLD', hidden: true, displayOrder: 2 },
					{ label: 'No show', value: 'NO_SHOW', hidden: false, displayOrder: 3 },
					{ label: 'Went to lunch instead', value: 'LUNCH', hidden: false, displayOrder: 4 },
					{ label: 'Canceled', value: 'CANCELED', hidden: false, displayOrder: 5 },
				],
			},
		});
		emulator.addAccessToken(NARROW_TOKEN, { scopes: ['crm.objects.contacts.write'] });
		emulator.addAccessToken(LINKS_ONLY_TOKEN, { scopes: ['scheduler.meetings.meeting-link.read'] });
	});
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.reset());

	test('Meeting type: the account\'s options, hidden ones dropped, HubSpot\'s order kept', async () => {
		const { options, via } = await load(emulator, 'additionalFields.meetingType');
		expect(via).toBe('method:getMeetingTypes');
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['Discovery call', 'DISCOVERY_CALL'],
			['Demo', 'DEMO'],
			['Onboarding', 'ONBOARDING'],
		]);
		expect(emulator.requests.map((r) => r.path)).toEqual(['/crm/properties/2026-03/meetings/hs_activity_type']);
		expectSpecValid(emulator);
	});

	test('Outcome: the account\'s own outcomes included, hidden one dropped, order kept', async () => {
		const { options } = await load(emulator, 'additionalFields.outcome');
		expect(options.map((o) => o.value)).toEqual(['SCHEDULED', 'COMPLETED', 'NO_SHOW', 'LUNCH', 'CANCELED']);
		expect(options.find((o) => o.value === 'LUNCH')?.name).toBe('Went to lunch instead');
		expectSpecValid(emulator);
	});

	test('Outcome picker of Update offers the same options', async () => {
		const { options } = await load(emulator, 'updateFields.outcome', { authentication: 'accessToken', resource: 'meeting', operation: 'update', meetingId: '1' });
		expect(options.map((o) => o.value)).toEqual(['SCHEDULED', 'COMPLETED', 'NO_SHOW', 'LUNCH', 'CANCELED']);
	});

	test('a picker whose request fails with 403 missing scopes throws HubSpot\'s reason (no empty list)', async () => {
		const error = await load(emulator, 'organizerUserId', createParameters(), { token: NARROW_TOKEN }).then(
			() => undefined,
			(e: Error & { description?: string; httpCode?: string }) => e,
		);
		expect(error).toBeDefined();
		expect(error!.message).toBe(
			"HubSpot answered 403: This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
		);
		expect(error!.description).toContain('crm.objects.owners.read');
		expect(error!.httpCode).toBe('403');
		expect(emulator.requests[0].status).toBe(403);
	});

	test('meeting type picker without scope fails the same way', async () => {
		await expect(load(emulator, 'additionalFields.meetingType', createParameters(), { token: LINKS_ONLY_TOKEN })).rejects.toThrow(
			/^HubSpot answered 403: This app hasn't been granted all required scopes/,
		);
	});

	test('an unknown (expired or revoked) token shows HubSpot\'s 401 reason', async () => {
		await expect(load(emulator, 'ownerId', createParameters(), { token: 'pat-na1-revoked' })).rejects.toThrow(
			/^HubSpot answered 401: Authentication credentials not found/,
		);
	});

	test('Timezone: IANA names, the workflow\'s zone first', async () => {
		const { options, via } = await load(emulator, 'timezone', createParameters(), { timezone: 'America/Sao_Paulo' });
		expect(via).toBe('method:getTimezones');
		// The field's empty default follows the workflow settings; the zone itself comes next, by name.
		expect(options[0]).toMatchObject({ name: 'Workflow Timezone (America/Sao_Paulo)', value: '' });
		expect(options[1]).toEqual({ name: 'America/Sao_Paulo (workflow timezone)', value: 'America/Sao_Paulo' });
		const values = options.map((o) => o.value);
		expect(values).toContain('Europe/Berlin');
		expect(values).toContain('UTC');
		expect(new Set(values).size).toBe(values.length);
		expect(values.filter((v) => v === 'America/Sao_Paulo')).toHaveLength(1);
		expect(options.find((o) => o.value === 'America/New_York')?.name).toBe('America/New York');
		expect(emulator.requests).toHaveLength(0);
	});

	test('Meeting link: every scheduling page across pages, with name and organizer, value = slug', async () => {
		const state = linkState(emulator);
		const seeded = state.links.length;
		for (let n = 1; n <= 120; n++) state.links.push(extraLink(n));
		try {
			const { options, via } = await load(emulator, 'slug', { authentication: 'accessToken', resource: 'meetingLink', operation: 'getAvailability' });
			expect(via).toBe('method:getMeetingLinks');
			expect(options).toHaveLength(seeded + 120);
			expect(options[0]).toEqual({
				name: 'Meet Ada — Ada Lovelace (ada.lovelace@example.com)',
				value: 'ada-lovelace',
				description: 'Personal link, slug ada-lovelace',
			});
			expect(options.find((o) => o.value === 'sales-team')?.description).toBe('Group link, slug sales-team');
			const linkPages = emulator.requests.filter((r) => r.path === '/scheduler/2026-03/meetings/meeting-links');
			expect(linkPages).toHaveLength(2);
			expectSpecValid(emulator);
		} finally {
			state.links.splice(seeded);
		}
	});

	test('Meeting link picker without the owners scope still lists the links, organizers by user id', async () => {
		const { options } = await load(emulator, 'slug', { authentication: 'accessToken', resource: 'meetingLink', operation: 'book' }, { token: LINKS_ONLY_TOKEN });
		expect(options[0]).toMatchObject({ name: 'Meet Ada — user 9000001', value: 'ada-lovelace' });
	});

	test('Meeting link picker without the meeting-link scope throws HubSpot\'s reason', async () => {
		await expect(
			load(emulator, 'slug', { authentication: 'accessToken', resource: 'meetingLink', operation: 'book' }, { token: NARROW_TOKEN }),
		).rejects.toThrow(/^HubSpot answered 403/);
	});

	test('picked values and plain ids from expressions reach HubSpot the same way', async () => {
		const picked = await load(emulator, 'additionalFields.attendeeOwnerIds');
		emulator.reset();
		const result = await runNode({
			parameters: createParameters({
				organizerUserId: '={{ $json.organizer }}',
				ownerId: '100002',
				additionalFields: {
					attendeeOwnerIds: [picked.options[2].value, picked.options[3].value],
					meetingType: '={{ $json.type }}',
					outcome: 'NO_SHOW',
				},
			}),
			items: [{ organizer: 9000001, type: 'DEMO' }],
			credentials: serviceKeyCredential(emulator),
		});
		expect(result.error).toBeUndefined();
		const create = emulator.requests.find((r) => r.method === 'POST')!;
		expect(create.query.organizerUserId).toBe('9000001');
		expect(createBody(create).properties).toMatchObject({
			hubspot_owner_id: '100002',
			hs_attendee_owner_ids: ['100003', '100004'],
			hs_activity_type: 'DEMO',
			hs_meeting_outcome: 'NO_SHOW',
		});
		expectSpecValid(emulator);
	});
});
