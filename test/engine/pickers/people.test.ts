/**
 * People pickers (Organizer and Owner resource locators' "From list", Attendees), loaded the way n8n's
 * editor backend loads them (test/harness/load-options.ts): every page of GET /crm/owners/{version}, one
 * per search call with HubSpot's cursor as the paginationToken, people with a HubSpot user only; the Organizer's value is the user id, the Owner's and Attendees' the owner id. A failing
 * request shows HubSpot's reason instead of an empty list, and picked values reach the create as given.
 */
import type { HubspotEmulator } from '../../emulator';
import { seedOwners } from '../../emulator';
import { runNode } from '../../harness/engine';
import {
	NARROW_TOKEN,
	createBody,
	createParameters,
	emulatorForSuite,
	expectSpecValid,
	loadPicker as load,
	searchAllPages,
	searchPicker,
	serviceKeyCredential,
} from '../fixtures';

function ownerRequests(emulator: HubspotEmulator) {
	return emulator.requests.filter((r) => r.path === '/crm/owners/2026-03');
}

describe('people pickers over an account with 1,200 owners (3 pages)', () => {
	let emulator: HubspotEmulator;
	beforeAll(async () => {
		const owners = seedOwners(1200);
		// A person without a HubSpot user (e.g. imported owner): not an organizer, and not offered as owner either.
		owners.push({
			id: '190001',
			email: 'no.user@example.com',
			firstName: 'No',
			lastName: 'User',
			type: 'PERSON',
		});
		emulator = await emulatorForSuite({ owners });
	});
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.reset());

	test('Organizer: every person with a user, "First Last (email)", value = user id; queues left out', async () => {
		const { pages, results: options } = await searchAllPages(emulator, 'organizerUserId');
		expect(pages[0].via).toBe('listSearch:searchOrganizers');
		expect(pages.map((page) => page.paginationToken)).toEqual(['500', '1000', undefined]);
		expect(options).toHaveLength(1200);
		expect(options[0]).toEqual({
			name: 'Ada Lovelace (ada.lovelace@example.com)',
			value: '9000001',
		});
		expect(options[1199].value).toBe('9001200');
		expect(options.some((o) => /Support Queue|No User|Former Employee/.test(o.name))).toBe(false);
		expect(ownerRequests(emulator)).toHaveLength(3);
		expect(ownerRequests(emulator).map((r) => r.query.after)).toEqual([undefined, '500', '1000']);
		expectSpecValid(emulator);
	});

	test("Owner: the same people, value = owner id (an empty Owner stands for the organizer's own record)", async () => {
		const { pages, results: options } = await searchAllPages(emulator, 'ownerId');
		expect(pages[0].via).toBe('listSearch:searchOwners');
		expect(options).toHaveLength(1200);
		expect(options[1]).toEqual({
			name: 'Grace Hopper (grace.hopper@example.com)',
			value: '100002',
		});
		expect(options.map((o) => o.value)).not.toContain('101201'); // the queue
		expectSpecValid(emulator);
	});

	test("Organizer search by email: reads on through HubSpot's pages until the person is found (page 3)", async () => {
		const wanted = seedOwners(1200)[1100];
		const page = await searchPicker(emulator, 'organizerUserId', createParameters(), {
			filter: wanted.email!.toUpperCase(),
		});
		expect(page.results).toEqual([
			{
				name: `${wanted.firstName} ${wanted.lastName} (${wanted.email})`,
				value: String(wanted.userId),
			},
		]);
		expect(page.paginationToken).toBeUndefined(); // page 3 was the last
		expect(ownerRequests(emulator).map((r) => r.query.after)).toEqual([undefined, '500', '1000']);
		expectSpecValid(emulator);
	});

	test('Owner search by name: the matches of one page, and the cursor to scroll on; pages are cached per account', async () => {
		const first = await searchPicker(emulator, 'ownerId', createParameters(), {
			filter: 'grace hopper',
			credentialId: 'shared-account',
		});
		expect(first.results.length).toBeGreaterThan(1);
		expect(first.results.every((r) => /Grace Hopper/.test(r.name))).toBe(true);
		expect(first.results[0]).toEqual({
			name: 'Grace Hopper (grace.hopper@example.com)',
			value: '100002',
		});
		expect(first.paginationToken).toBe('500');
		const next = await searchPicker(emulator, 'ownerId', createParameters(), {
			filter: 'grace hopper',
			paginationToken: first.paginationToken,
			credentialId: 'shared-account',
		});
		expect(next.results.length).toBeGreaterThan(0);
		expect(next.results.map((r) => r.value)).not.toContain('100002');
		expect(ownerRequests(emulator).map((r) => r.query.after)).toEqual([undefined, '500']);
		// Another search of the same account reuses the cached pages: no new request.
		const again = await searchPicker(emulator, 'organizerUserId', createParameters(), {
			filter: 'ada',
			credentialId: 'shared-account',
		});
		expect(again.results[0]).toEqual({
			name: 'Ada Lovelace (ada.lovelace@example.com)',
			value: '9000001',
		});
		expect(ownerRequests(emulator)).toHaveLength(2);
	});

	test('a search that matches nobody reads every page once and ends without a cursor', async () => {
		const page = await searchPicker(emulator, 'organizerUserId', createParameters(), {
			filter: 'nobody-by-this-name',
		});
		expect(page).toMatchObject({ results: [] });
		expect(page.paginationToken).toBeUndefined();
		expect(ownerRequests(emulator)).toHaveLength(3);
	});

	test('Attendees (multi-select in Additional Fields): owner ids', async () => {
		const { options, via } = await load(emulator, 'additionalFields.attendeeOwnerIds');
		expect(via).toBe('method:getOwners');
		expect(options[0].value).toBe('100001');
		expect(options).toHaveLength(1200);
	});
});

describe('people pickers on the default account', () => {
	let emulator: HubspotEmulator;
	beforeAll(async () => {
		emulator = await emulatorForSuite();
		emulator.addAccessToken(NARROW_TOKEN, { scopes: ['crm.objects.contacts.write'] });
	});
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.reset());

	test("a picker whose request fails with 403 missing scopes throws HubSpot's reason (no empty list)", async () => {
		const error = await searchPicker(emulator, 'organizerUserId', createParameters(), {
			token: NARROW_TOKEN,
		}).then(
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

	test("an unknown (expired or revoked) token shows HubSpot's 401 reason", async () => {
		await expect(
			searchPicker(emulator, 'ownerId', createParameters(), { token: 'pat-na1-revoked' }),
		).rejects.toThrow(/^HubSpot answered 401: Authentication credentials not found/);
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
