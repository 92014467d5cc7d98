/**
 * Meeting → Create Calendar Event, HubSpot's refusals: each error answer (403 missing scopes, 400, 401,
 * 500) becomes an item error that says what HubSpot said and what to do about it; the owner look-up
 * catches an owner ID given as organizer before the create. No secret ever appears in the output.
 */
import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import {
	ADA,
	GRACE,
	PER_ITEM_PARAMETERS,
	SERVICE_KEY,
	calendarCreates,
	createParameters,
	goodItem,
	serviceKeyCredential,
} from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
useFileEmulator((started) => (emulator = started), {
	specCheckEachTest: true,
});

describe("HubSpot's errors become actionable item errors", () => {
	test('missing scopes: names the scopes to add, with category and correlation id', async () => {
		emulator.addAccessToken('read-only-key', { scopes: ['crm.objects.owners.read'] });
		const result = await runNode({
			credentials: serviceKeyCredential(emulator, { accessToken: 'read-only-key' }),
			parameters: createParameters(),
		});
		const error = result.error!;
		expect(error.message).toMatch(
			/^HubSpot answered 403: This app hasn't been granted all required scopes.*\[item 0\]$/,
		);
		expect(error.description).toMatch(/Add one of these scopes .*crm\.objects\.contacts\.write/);
		expect(error.description).toMatch(/Category: MISSING_SCOPES/);
		expect(error.description).toMatch(/Correlation ID: [0-9a-f-]{36}/);
	});

	test('an owner id given as organizer (owner set): HubSpot refuses, the hint explains user id vs owner id', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({ organizerUserId: ADA.ownerId, ownerId: ADA.ownerId }),
		});
		expect(result.error?.message).toMatch(/^HubSpot answered 400: .*organizerUserId/);
		expect(result.error?.description).toMatch(
			/Organizer must be a HubSpot user ID .* not an owner ID/,
		);
	});

	test('an owner id given as organizer (owner empty): caught in the look-up, with the right user id', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({ organizerUserId: ADA.ownerId }),
		});
		expect(result.error?.message).toBe(
			'Organizer: 100001 is the owner ID of Ada Lovelace (ada.lovelace@example.com), not a user ID [item 0]',
		);
		expect(result.error?.description).toMatch(/Use their user ID 9000001 as Organizer/);
		expect(calendarCreates(emulator)).toHaveLength(0);
	});

	test('an unknown user id (owner empty): says no such user', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({ organizerUserId: '123' }),
		});
		expect(result.error?.message).toBe(
			'Organizer: no active HubSpot user with ID 123 in this account [item 0]',
		);
		expect(calendarCreates(emulator)).toHaveLength(0);
	});

	test('an invalid token: 401 with how to reconnect', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator, { accessToken: 'revoked-key' }),
			parameters: createParameters({ ownerId: GRACE.ownerId }),
		});
		expect(result.error?.message).toMatch(/^HubSpot answered 401: /);
		expect(result.error?.description).toMatch(/For OAuth2, reconnect the credential/);
	});

	test('a 500 on create says the meeting may exist and how to check', async () => {
		emulator.injectFault({ method: 'POST', path: /\/meetings\/calendar$/, status: 500 });
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({ ownerId: GRACE.ownerId }),
			continueOnFail: true,
		});
		expect(result.items[0].error?.message).toMatch(/^HubSpot answered 500/);
		expect(result.items[0].error?.description).toMatch(/may or may not have been created/);
	});

	test('no secret appears in output items, errors or the execution data', async () => {
		emulator.injectFault({ method: 'POST', path: /\/meetings\/calendar$/, status: 400 });
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: [goodItem(0), { ...goodItem(1), start: 'bad' }, goodItem(2)],
			parameters: PER_ITEM_PARAMETERS,
			continueOnFail: true,
		});
		expect(result.items.filter((item) => item.error)).toHaveLength(2);
		const everything =
			JSON.stringify(result.fullExecutionData) +
			result.items.map((item) => JSON.stringify(item.error?.context) + item.error?.stack).join('');
		expect(everything).not.toContain(SERVICE_KEY);
	});
});
