/**
 * Create Calendar Event → association rows naming contacts by email and companies by domain: each looked
 * up once per run (GET …/contacts/{email}?idProperty=email; companies by search on `domain`), the same
 * person in several items looked up once; Create Contact If Missing (POST …/contacts with
 * `associations: []`), never twice for one email; an email with no contact is an item error naming it.
 * Requests per meeting are counted. Booking a link twice with one email reuses the contact (emulator).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	peopleState,
	searchState,
	type HubspotEmulator,
	type RecordedRequest,
} from '../../emulator';
import { runNode } from '../../harness/engine';
import {
	bookParameters,
	calendarCreates,
	createBody,
	createParameters,
	emulatorForSuite,
	expectSpecValid,
	serviceKeyCredential,
} from '../fixtures';

const CONTACTS = '/crm/objects/2026-03/contacts';
type RecordIds = string | Array<string | number>;

let emulator: HubspotEmulator;
let credential: ReturnType<typeof serviceKeyCredential>;
let credentialSeq = 0;
const run = (parameters: INodeParameters, items?: IDataObject[]) =>
	runNode({ parameters, credentials: credential, items });
const contactRow = (recordIds: RecordIds, extra: IDataObject = {}): INodeParameters => ({
	association: [{ objectType: 'contact', recordIds, label: 'default', ...extra }],
});
const associatedIds = (request: RecordedRequest) =>
	((createBody(request).associations as Array<{ to: { id: string } }>) ?? []).map(
		(association) => association.to.id,
	);
const contactReads = () =>
	emulator.requests.filter(
		(request) => request.method === 'GET' && request.path.startsWith(`${CONTACTS}/`),
	);
const contactCreates = () =>
	emulator.requests.filter((request) => request.method === 'POST' && request.path === CONTACTS);
const requestsFrom = (from: number) =>
	emulator.requests
		.slice(from)
		.map((request) => `${request.method} ${request.path.replace(/\?.*/, '')}`);

beforeAll(async () => {
	emulator = await emulatorForSuite();
});
afterAll(async () => await emulator.stop());
beforeEach(() => {
	emulator.reset();
	// A fresh credential per test: a cold owner cache, so the request counts below include the owner look-up.
	credential = serviceKeyCredential(emulator, { id: `people-${++credentialSeq}` });
});
afterEach(() => expectSpecValid(emulator));

const THREE = 'jane.doe@acme.example, John.Smith@Globex.example, maria.garcia@initech.example';

describe('contacts by email', () => {
	test('three contacts by email, cold: one read each (letter case ignored), then the create — 6 requests for the meeting', async () => {
		const result = await run(createParameters({ associations: contactRow(THREE) }));
		expect(result.error).toBeUndefined();
		expect(associatedIds(calendarCreates(emulator)[0])).toEqual(['501', '502', '503']);
		expect(
			contactReads().map((request) => [
				decodeURIComponent(request.path.slice(CONTACTS.length + 1)),
				request.query.idProperty,
			]),
		).toEqual([
			['jane.doe@acme.example', 'email'],
			['john.smith@globex.example', 'email'],
			['maria.garcia@initech.example', 'email'],
		]);
		// owner look-up (cold) + 3 contact reads + the account's portal (cold, for the record URL) + create
		expect(requestsFrom(0)).toHaveLength(6);
		expect(contactCreates()).toHaveLength(0);
	});

	test('warm: the same three emails in four items of one run are read once; each further meeting costs one request', async () => {
		const result = await run(
			createParameters({ title: '={{ $json.title }}', associations: contactRow(THREE) }),
			[{ title: 'A' }, { title: 'B' }, { title: 'C' }, { title: 'D' }],
		);
		expect(result.error).toBeUndefined();
		expect(calendarCreates(emulator)).toHaveLength(4);
		for (const create of calendarCreates(emulator))
			expect(associatedIds(create)).toEqual(['501', '502', '503']);
		expect(contactReads()).toHaveLength(3);
		// 1 owner look-up + 3 contact reads + 1 account read + 4 creates: 9 requests for 4 meetings.
		expect(emulator.requests).toHaveLength(9);
	});

	test('ids and emails mixed; an email naming a contact also given by id is sent once', async () => {
		const result = await run(
			createParameters({ associations: contactRow(['501', 'jane.doe@acme.example', 502]) }),
		);
		expect(result.error).toBeUndefined();
		expect(associatedIds(calendarCreates(emulator)[0])).toEqual(['501', '502']);
	});

	test('an email with no contact: the item fails naming it, nothing is created', async () => {
		const result = await run(
			createParameters({
				associations: contactRow('jane.doe@acme.example, nobody@nowhere.example'),
			}),
		);
		expect(result.error?.message).toBe(
			'Associations row 1: no contact with the email nobody@nowhere.example in this HubSpot account [item 0]',
		);
		expect(result.error?.description).toMatch(/Create Contact If Missing/);
		expect(calendarCreates(emulator)).toHaveLength(0);
	});

	test('continue-on-fail: only the item naming an unknown email fails', async () => {
		const result = await runNode({
			parameters: createParameters({ associations: contactRow('={{ $json.email }}') }),
			credentials: credential,
			items: [{ email: 'jane.doe@acme.example' }, { email: 'nobody@nowhere.example' }],
			continueOnFail: true,
		});
		expect(result.items[0].json.id).toEqual(expect.any(String));
		expect(result.items[1].json.error).toMatch(/no contact with the email nobody@nowhere.example/);
		expect(calendarCreates(emulator)).toHaveLength(1);
	});

	test.each([
		['jane@', /^Associations row 1: "jane@" is not an email address \[item 0\]/],
		['jane.doe', /^Associations row 1: "jane.doe" is not a HubSpot ID/],
	])('%s is refused before any request', async (recordIds, message) => {
		const result = await run(createParameters({ associations: contactRow(recordIds) }));
		expect(result.error?.message).toMatch(message);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Create Contact If Missing', () => {
	const withCreate = (recordIds: RecordIds) =>
		contactRow(recordIds, {
			createIfMissing: true,
			firstName: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
		});

	test('creates the contact (names from expressions, associations: []) and associates it; a re-run finds it', async () => {
		const before = searchState(emulator).contacts.size;
		const first = await run(
			createParameters({ associations: withCreate('new.person@example.org') }),
			[{ first: 'New', last: 'Person' }],
		);
		expect(first.error).toBeUndefined();
		expect(contactCreates()).toHaveLength(1);
		expect(contactCreates()[0].body).toEqual({
			properties: { email: 'new.person@example.org', firstname: 'New', lastname: 'Person' },
			associations: [],
		});
		const newId = peopleState(emulator).created[0];
		expect(associatedIds(calendarCreates(emulator)[0])).toEqual([newId]);

		const again = await run(
			createParameters({ associations: withCreate('New.Person@example.org') }),
			[{ first: 'New', last: 'Person' }],
		);
		expect(again.error).toBeUndefined();
		expect(contactCreates()).toHaveLength(1);
		expect(associatedIds(calendarCreates(emulator)[1])).toEqual([newId]);
		expect(searchState(emulator).contacts.size).toBe(before + 1);
	});

	test('the same missing email in three items of one run: one contact', async () => {
		const result = await run(
			createParameters({
				title: '={{ $json.title }}',
				associations: withCreate('three.items@example.org'),
			}),
			[
				{ title: 'A', first: 'New' },
				{ title: 'B', first: 'New' },
				{ title: 'C', first: 'New' },
			],
		);
		expect(result.error).toBeUndefined();
		expect(contactCreates()).toHaveLength(1);
		expect(new Set(calendarCreates(emulator).map((create) => associatedIds(create)[0])).size).toBe(
			1,
		);
	});

	test('an existing contact is not created again', async () => {
		await run(createParameters({ associations: withCreate('jane.doe@acme.example') }), [
			{ first: 'Jane' },
		]);
		expect(contactCreates()).toHaveLength(0);
		expect(associatedIds(calendarCreates(emulator)[0])).toEqual(['501']);
	});

	test("made in the meantime elsewhere: HubSpot's 409 names the contact, which is used", async () => {
		// Reads say "no contact" once (as if it did not exist yet), then the create meets the one just made.
		emulator.injectFault({
			method: 'GET',
			path: '/crm/objects/2026-03/contacts/{contactId}',
			status: 404,
		});
		const result = await run(
			createParameters({ associations: withCreate('jane.doe@acme.example') }),
			[{ first: 'Jane' }],
		);
		expect(result.error).toBeUndefined();
		expect(contactCreates()).toHaveLength(1);
		expect(contactCreates()[0].status).toBe(409);
		expect(associatedIds(calendarCreates(emulator)[0])).toEqual(['501']);
	});
});

describe('companies by domain', () => {
	const companyRow = (recordIds: RecordIds): INodeParameters => ({
		association: [{ objectType: 'company', recordIds, label: 'default' }],
	});

	test('a domain or a URL finds the company (one search); ids still work', async () => {
		const result = await run(
			createParameters({ associations: companyRow('https://www.Acme.example/about, 9002') }),
		);
		expect(result.error).toBeUndefined();
		expect(associatedIds(calendarCreates(emulator)[0])).toEqual(['9002', '9001']);
		const searches = emulator.requests.filter(
			(request) => request.path === '/crm/objects/2026-03/companies/search',
		);
		expect(searches).toHaveLength(1);
		expect((searches[0].body as IDataObject).filterGroups).toEqual([
			{ filters: [{ propertyName: 'domain', operator: 'EQ', value: 'acme.example' }] },
		]);
	});

	test('an unknown domain: the item fails naming it', async () => {
		const result = await run(createParameters({ associations: companyRow('unknown.example') }));
		expect(result.error?.message).toBe(
			'Associations row 1: no company with the domain unknown.example in this HubSpot account [item 0]',
		);
		expect(calendarCreates(emulator)).toHaveLength(0);
	});
});

describe('the sandbox: one contact per email', () => {
	test('booking a link twice with the same email reuses the contact', async () => {
		const before = searchState(emulator).contacts.size;
		const first = await run(
			bookParameters({
				email: 'Guest@Example.com',
				startTime: '2026-10-24T07:00:00Z',
				durationMinutes: 30,
			}),
		);
		const second = await run(
			bookParameters({
				email: 'guest@example.com',
				startTime: '2026-10-26T09:00:00+01:00',
				durationMinutes: 30,
			}),
		);
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(second.items[0].json.contactId).toBe(first.items[0].json.contactId);
		expect(searchState(emulator).contacts.size).toBe(before + 1);
	});
});
