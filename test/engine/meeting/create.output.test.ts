/**
 * Issue 11 #6: Create Calendar Event's simplified output adds the meeting's record URL in HubSpot (from the
 * account's details, read once per credential and cached) and, in the user's words, the associations and
 * reminders that were sent. A failed account read never fails the meeting: it is returned without a URL.
 * Requests per meeting are counted for a 10-item create, cold and warm.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { accountInfoState, type HubspotEmulator } from '../../emulator';
import { runNode } from '../../harness/engine';
import {
	ACCOUNT_DETAILS,
	ADA,
	GRACE,
	calendarCreates,
	createParameters,
	emulatorForSuite,
	expectSpecValid,
	oauthCredential,
	serviceKeyCredential,
	titled,
	registerN8nOAuthClient,
} from '../fixtures';

let emulator: HubspotEmulator;
beforeAll(async () => {
	emulator = await emulatorForSuite();
	registerN8nOAuthClient(emulator, { refreshToken: 'refresh-output' });
});
afterAll(async () => await emulator.stop());
beforeEach(() => {
	emulator.reset();
	Object.assign(accountInfoState(emulator), { portalId: 12345, uiDomain: 'app.hubspot.com' });
});
afterEach(() => expectSpecValid(emulator));

const accountReads = () => emulator.requests.filter((r) => r.path === ACCOUNT_DETAILS);
const recordUrl = (id: unknown, portal = 12345, domain = 'app.hubspot.com') =>
	`https://${domain}/contacts/${portal}/record/0-47/${String(id)}`;

describe("Create's simplified output", () => {
	test('the record URL, the associations sent (emails resolved to ids, a custom label) and the reminders', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({
				associations: {
					association: [
						{
							objectType: 'contact',
							recordIds: '501, jane.doe@acme.example, 502',
							label: 'default',
						},
						{ objectType: 'company', recordIds: '9001', label: 'default' },
						{
							objectType: 'deal',
							recordIds: '7001',
							label: 'custom',
							category: 'USER_DEFINED',
							associationTypeId: 42,
						},
					],
				},
				reminders: {
					reminder: [
						{ amount: 30, unit: 'MINUTES' },
						{ amount: 1, unit: 'DAYS' },
					],
				},
			}),
		});
		expect(result.error).toBeUndefined();
		const output = result.items[0].json;
		expect(output.recordUrl).toBe(recordUrl(output.id));
		// jane.doe@acme.example is contact 501, given by id too: sent once, shown once.
		expect(output.associations).toEqual([
			{ type: 'contact', id: '501' },
			{ type: 'contact', id: '502' },
			{ type: 'company', id: '9001' },
			{ type: 'deal', id: '7001', associationTypeId: 42, associationCategory: 'USER_DEFINED' },
		]);
		expect(output.reminders).toEqual([
			{ before: 30, unit: 'minutes' },
			{ before: 1, unit: 'days' },
		]);
		// What the output says was sent is what HubSpot got.
		const sent = calendarCreates(emulator)[0].body as IDataObject;
		expect((sent.associations as Array<{ to: { id: string } }>).map((a) => a.to.id)).toEqual([
			'501',
			'502',
			'9001',
			'7001',
		]);
		expect(sent.emailReminderSchedule).toEqual({
			reminders: [
				{ numberOfTimeUnits: 30, timeUnit: 'MINUTES' },
				{ numberOfTimeUnits: 1, timeUnit: 'DAYS' },
			],
			shouldIncludeInviteDescription: false,
		});
	});

	test("an account in another region: the URL uses HubSpot's uiDomain and portal id", async () => {
		Object.assign(accountInfoState(emulator), { portalId: 4711, uiDomain: 'app-eu1.hubspot.com' });
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({ ownerId: GRACE.ownerId }),
		});
		const output = result.items[0].json;
		expect(output.recordUrl).toBe(recordUrl(output.id, 4711, 'app-eu1.hubspot.com'));
		// The URL opens through the node's own Meeting locator (By URL) as the same meeting.
		const get = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: {
				authentication: 'accessToken',
				resource: 'meeting',
				operation: 'get',
				meetingId: { __rl: true, mode: 'url', value: String(output.recordUrl) },
			},
		});
		expect(get.error).toBeUndefined();
		expect(get.items[0].json.id).toBe(output.id);
	});

	test("Simplify off: HubSpot's answer as it came, and no account read", async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({ ownerId: GRACE.ownerId, simplify: false }),
		});
		expect(result.items[0].json).toEqual(calendarCreates(emulator)[0].responseBody);
		expect(result.items[0].json.recordUrl).toBeUndefined();
		expect(accountReads()).toHaveLength(0);
	});

	test('Return Existing: the existing meeting with its record URL', async () => {
		const credentials = serviceKeyCredential(emulator);
		const first = await runNode({ credentials, parameters: createParameters() });
		const again = await runNode({
			credentials,
			parameters: createParameters({ ifMatchingMeetingExists: 'returnExisting' }),
		});
		expect(again.items[0].json).toMatchObject({
			id: first.items[0].json.id,
			alreadyExisted: true,
			recordUrl: recordUrl(first.items[0].json.id),
		});
		expect(accountReads()).toHaveLength(1);
	});
});

describe('the account read never fails a created meeting', () => {
	test('a token without the scope the read needs (403): the meeting, without a URL; not asked again for every run', async () => {
		emulator.addAccessToken('no-oauth-scope', {
			scopes: ['crm.objects.contacts.write', 'crm.objects.owners.read'],
		});
		const credentials = serviceKeyCredential(emulator, { accessToken: 'no-oauth-scope' });
		const result = await runNode({
			credentials,
			items: titled(3),
			parameters: createParameters({ title: '={{ $json.title }}' }),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		for (const item of result.items) {
			expect(item.json.id).toEqual(expect.any(String));
			expect(item.json).not.toHaveProperty('recordUrl');
			expect(item.json.associations).toEqual([]);
		}
		expect(accountReads().map((r) => r.status)).toEqual([403]);

		// The failure is remembered for a while: the next run does not ask again.
		await runNode({ credentials, parameters: createParameters({ title: 'Again' }) });
		expect(accountReads()).toHaveLength(1);
		expect(calendarCreates(emulator)).toHaveLength(4);
	});

	test('the read refused (404): no URL, the meeting is returned', async () => {
		emulator.injectFault({
			method: 'GET',
			path: ACCOUNT_DETAILS,
			status: 404,
		});
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toEqual(expect.any(String));
		expect(result.items[0].json).not.toHaveProperty('recordUrl');
	});

	test('OAuth2 with an expired token: the account read renews it once, the create goes with the new token', async () => {
		emulator.addAccessToken('output-expired');
		emulator.expireAccessToken('output-expired');
		const result = await runNode({
			credentials: oauthCredential(emulator, 'output-expired', {
				id: 'oauth-output-1',
				clientSecret: 'n8n-client-secret',
				refreshToken: 'refresh-output',
			}),
			parameters: createParameters({ authentication: 'oAuth2', ownerId: GRACE.ownerId }),
		});
		expect(result.error).toBeUndefined();
		expect(emulator.requests.filter((r) => r.path === '/oauth/2026-03/token')).toHaveLength(1);
		expect(accountReads().map((r) => r.status)).toEqual([401, 200]);
		const [create] = calendarCreates(emulator);
		expect(create.status).toBe(200);
		expect(create.headers.authorization).toBe(`Bearer ${emulator.issuedTokens[0].accessToken}`);
		expect(result.items[0].json.recordUrl).toBe(recordUrl(result.items[0].json.id));
	});
});

test('Stop while the account read waits out a Retry-After: the node stops within 1 s, nothing is created', async () => {
	emulator.injectFault({
		method: 'GET',
		path: ACCOUNT_DETAILS,
		status: 429,
		headers: { 'Retry-After': '30' },
	});
	const stop = new AbortController();
	const run = runNode({
		credentials: serviceKeyCredential(emulator),
		items: titled(2),
		parameters: createParameters({ ownerId: GRACE.ownerId, title: '={{ $json.title }}' }),
		cancelSignal: stop.signal,
	});
	for (let waited = 0; !accountReads().length && waited < 10_000; waited += 10) await sleep(10);
	await sleep(200);
	const stoppedAt = Date.now();
	stop.abort();
	const result = await run;
	expect(Date.now() - stoppedAt).toBeLessThan(1000);
	expect(result.fullExecutionData.status).toBe('canceled');
	expect(calendarCreates(emulator)).toHaveLength(0);
	expect(emulator.creations).toHaveLength(0);
});

describe('requests per meeting: the account read is once per credential, not per item', () => {
	const tenItems = (overrides: INodeParameters = {}) =>
		createParameters({ title: '={{ $json.title }}', ...overrides });

	test('10 items, organizer only (owner looked up): cold 12 requests (1.2 per meeting), warm 10 (1.0)', async () => {
		const credentials = serviceKeyCredential(emulator);
		const cold = await runNode({ credentials, items: titled(10), parameters: tenItems() });
		expect(cold.error).toBeUndefined();
		expect(cold.items.every((item) => item.json.recordUrl === recordUrl(item.json.id))).toBe(true);
		// 1 owners page + 1 account read + 10 creates
		expect(emulator.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
			[
				'GET /crm/owners/2026-03',
				`GET ${ACCOUNT_DETAILS}`,
				...Array.from({ length: 10 }, () => 'POST /scheduler/2026-03/meetings/calendar'),
			].sort(),
		);

		const before = emulator.requests.length;
		const warm = await runNode({ credentials, items: titled(10), parameters: tenItems() });
		expect(warm.items.every((item) => item.json.recordUrl === recordUrl(item.json.id))).toBe(true);
		expect(emulator.requests.length - before).toBe(10);
		expect(accountReads()).toHaveLength(1);
	});

	test('10 items with the owner picked: cold 11 requests (1.1 per meeting), warm 10', async () => {
		const credentials = serviceKeyCredential(emulator);
		await runNode({
			credentials,
			items: titled(10),
			parameters: tenItems({ ownerId: ADA.ownerId }),
		});
		expect(emulator.requests).toHaveLength(11);
		const before = emulator.requests.length;
		await runNode({
			credentials,
			items: titled(10),
			parameters: tenItems({ ownerId: ADA.ownerId }),
		});
		expect(emulator.requests.length - before).toBe(10);
	});

	test('another credential reads its own account once', async () => {
		await runNode({ credentials: serviceKeyCredential(emulator), parameters: createParameters() });
		await runNode({ credentials: serviceKeyCredential(emulator), parameters: createParameters() });
		expect(accountReads()).toHaveLength(2);
	});
});
