/**
 * Several items per run, bad input caught before any request (per item, continue-on-fail keeps the
 * others going), and HubSpot's errors turned into messages a workflow builder can act on.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import type { HubspotEmulator } from '../emulator';
import {
	ADA,
	GRACE,
	SERVICE_KEY,
	calendarCreates,
	createBody,
	createParameters,
	emulatorForSuite,
	expectSpecValid,
	serviceKeyCredential,
} from './fixtures';

let emulator: HubspotEmulator;
beforeAll(async () => (emulator = await emulatorForSuite()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());
afterEach(() => expectSpecValid(emulator));

/** Every field comes from the item, so one item can be made bad while the others stay good. */
const PER_ITEM_PARAMETERS: INodeParameters = createParameters({
	organizerUserId: '={{ $json.organizer }}',
	title: '={{ $json.title }}',
	startTime: '={{ $json.start }}',
	endTime: '={{ $json.end }}',
	timezone: '={{ $json.zone }}',
	ownerId: '={{ $json.owner }}',
	associations: { association: [{ objectType: '={{ $json.assocType }}', recordIds: '={{ $json.assocIds }}', label: 'default' }] },
	reminders: { reminder: [{ amount: '={{ $json.reminderAmount }}', unit: '={{ $json.reminderUnit }}' }] },
	additionalFields: { attendeeOwnerIds: '={{ $json.attendees }}', attachmentIds: '={{ $json.attachments }}' },
});

function goodItem(n: number): IDataObject {
	return {
		organizer: ADA.userId,
		title: `Meeting ${n}`,
		start: '2026-06-02T09:00',
		end: '2026-06-02T09:45',
		zone: 'Europe/Berlin',
		owner: GRACE.ownerId,
		assocType: 'contact',
		assocIds: '501, 502',
		reminderAmount: 10,
		reminderUnit: 'MINUTES',
		attendees: '100003',
		attachments: '',
	};
}

test('expressions resolve per item: 4 items → 4 meetings with their own values, outputs paired', async () => {
	const items = [0, 1, 2, 3].map((n) => ({ ...goodItem(n), assocIds: [String(700 + n)], reminderAmount: n + 1 }));
	const result = await runNode({ credentials: serviceKeyCredential(emulator), items, parameters: PER_ITEM_PARAMETERS });
	expect(result.error).toBeUndefined();
	const creates = calendarCreates(emulator);
	expect(creates).toHaveLength(4);
	const byTitle = Object.fromEntries(creates.map((r) => [(createBody(r).properties as IDataObject).hs_meeting_title, createBody(r)]));
	for (const n of [0, 1, 2, 3]) {
		const body = byTitle[`Meeting ${n}`] as IDataObject;
		expect((body.associations as Array<{ to: { id: string } }>)[0].to.id).toBe(String(700 + n));
		expect((body.emailReminderSchedule as { reminders: Array<{ numberOfTimeUnits: number }> }).reminders[0].numberOfTimeUnits).toBe(n + 1);
	}
	expect(result.items.map((item) => [item.json.title, item.pairedItem])).toEqual([0, 1, 2, 3].map((n) => [`Meeting ${n}`, { item: n }]));
});

describe('bad input is rejected before any request, naming the field and the item', () => {
	const cases: Array<[string, IDataObject, RegExp]> = [
		['empty title', { title: '   ' }, /^Title: is empty \[item 1\]/],
		['unparseable start', { start: 'next tuesday' }, /^Start: "next tuesday" is not a valid date/],
		['impossible date (Feb 30)', { start: '2026-02-30T10:00' }, /^Start: "2026-02-30T10:00" is not a valid date/],
		['impossible hour (25:00)', { end: '2026-06-02T25:00' }, /^End: "2026-06-02T25:00" is not a valid date/],
		['empty start', { start: '' }, /^Start: is empty \[item 1\]/],
		['end before start', { end: '2026-06-02T08:00' }, /^End: .* is before Start/],
		['zero-length meeting', { end: '2026-06-02T09:00' }, /^End: .* is the same as Start/],
		['time in the spring-forward gap', { start: '2026-03-29T02:30', end: '2026-03-29T04:00' }, /^Start: "2026-03-29T02:30" does not exist in Europe\/Berlin/],
		['epoch seconds instead of milliseconds', { start: 1780390800 }, /^Start: 1780390800 looks like epoch seconds/],
		['unknown timezone', { zone: 'Europe/Atlantis' }, /^Timezone: "Europe\/Atlantis" is not a known IANA timezone/],
		['non-numeric organizer', { organizer: 'ada@example.com' }, /^Organizer: "ada@example.com" is not a HubSpot user ID/],
		['non-numeric owner', { owner: 'grace' }, /^Owner: "grace" is not a HubSpot owner ID/],
		['non-numeric record id', { assocIds: '501, abc' }, /^Associations row 1: "abc" is not a HubSpot ID/],
		['negative record id', { assocIds: [-5] }, /^Associations row 1: -5 is not a HubSpot ID/],
		['association row without ids', { assocIds: '' }, /^Associations row 1: no contact IDs given/],
		['unknown association object type', { assocType: 'spaceship' }, /^Associations row 1: "spaceship" is not an object type/],
		['duplicate association', { assocIds: '501, 502, 501' }, /^Associations row 1: contact 501 is associated twice/],
		['negative reminder', { reminderAmount: -10 }, /^Reminders row 1: amount -10 is not a whole number of at least 1/],
		['zero reminder', { reminderAmount: 0 }, /^Reminders row 1: amount 0 is not a whole number/],
		['fractional reminder', { reminderAmount: 1.5 }, /^Reminders row 1: amount 1.5 is not a whole number/],
		['unknown reminder unit', { reminderUnit: 'FORTNIGHTS' }, /^Reminders row 1: unit "FORTNIGHTS" is not one of/],
		['non-numeric attendee', { attendees: 'grace' }, /^Attendees: "grace" is not a HubSpot ID/],
		['oversized title', { title: 'x'.repeat(70_000) }, /^Title: is 70000 characters long/],
	];

	test.each(cases)('%s (continue-on-fail: the other items are created)', async (_name, bad, message) => {
		const items = [goodItem(0), { ...goodItem(1), ...bad }, goodItem(2)];
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items,
			parameters: PER_ITEM_PARAMETERS,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		const failed = result.items[1];
		expect(failed.error?.message).toMatch(message);
		expect(failed.error?.message).toMatch(/\[item 1\]$/);
		expect(failed.error?.description).toBeTruthy();
		expect(failed.pairedItem).toEqual({ item: 1 });
		expect(result.items[0].json.title).toBe('Meeting 0');
		expect(result.items[2].json.title).toBe('Meeting 2');
		// No request left for the bad item: only the two good meetings reached HubSpot.
		const titles = calendarCreates(emulator).map((r) => (createBody(r).properties as IDataObject).hs_meeting_title);
		expect(titles.sort()).toEqual(['Meeting 0', 'Meeting 2']);
		expect(emulator.requests).toHaveLength(2);
	});

	test('without continue-on-fail the run fails with the first bad item', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: [goodItem(0), { ...goodItem(1), start: 'soon' }],
			parameters: PER_ITEM_PARAMETERS,
		});
		expect(result.error?.message).toMatch(/^Start: "soon" is not a valid date.*\[item 1\]$/);
		expect(result.error?.description).toMatch(/ISO date such as 2026-05-04T14:30/);
		expect(calendarCreates(emulator).every((r) => (createBody(r).properties as IDataObject).hs_meeting_title === 'Meeting 0')).toBe(true);
	});
});

describe("HubSpot's errors become actionable item errors", () => {
	test('missing scopes: names the scopes to add, with category and correlation id', async () => {
		emulator.addAccessToken('read-only-key', { scopes: ['crm.objects.owners.read'] });
		const result = await runNode({
			credentials: serviceKeyCredential(emulator, { accessToken: 'read-only-key' }),
			parameters: createParameters(),
		});
		const error = result.error!;
		expect(error.message).toMatch(/^HubSpot answered 403: This app hasn't been granted all required scopes.*\[item 0\]$/);
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
		expect(result.error?.description).toMatch(/Organizer must be a HubSpot user ID .* not an owner ID/);
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
		const result = await runNode({ credentials: serviceKeyCredential(emulator), parameters: createParameters({ organizerUserId: '123' }) });
		expect(result.error?.message).toBe('Organizer: no active HubSpot user with ID 123 in this account [item 0]');
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
		const everything = JSON.stringify(result.fullExecutionData) + result.items.map((item) => JSON.stringify(item.error?.context) + item.error?.stack).join('');
		expect(everything).not.toContain(SERVICE_KEY);
	});
});
