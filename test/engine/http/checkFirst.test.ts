/**
 * Issue 10 #1 in the shared send path: every operation that writes (Create, Update, Delete, Book Meeting)
 * checks every item before any item's request is sent — the organizer's owner look-up included. Without
 * continue-on-fail one invalid item means nothing is sent; with it, the valid items go through. A run that
 * RoutingNode itself stops half-way (an expression that fails for a later item) sends nothing and does not
 * hang; Execute Once runs its one item.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { HubspotEmulator } from '../../emulator';
import { SEEDED_MEETING_IDS } from '../../emulator/followUpHandlers';
import { runNode } from '../../harness/engine';
import {
	ADA,
	bookParameters,
	calendarCreates,
	createParameters,
	emulatorForSuite,
	expectSpecValid,
	followUp,
	perItemTitle,
	serviceKeyCredential,
	titled,
} from '../fixtures';

// A new emulator per test: updates, deletes and bookings change its state, which reset() keeps.
let emulator: HubspotEmulator;
beforeEach(async () => (emulator = await emulatorForSuite()));
afterEach(async () => {
	expectSpecValid(emulator);
	await emulator.stop();
});

const [MEETING_A, MEETING_B] = SEEDED_MEETING_IDS;

/** An operation, its parameters (fields from the item), three items with the middle one invalid, and that item's error. */
const WRITES: Array<[string, INodeParameters, IDataObject[], RegExp]> = [
	[
		'Create (organizer owner look-up included)',
		createParameters({ organizerUserId: ADA.userId, title: '={{ $json.title }}' }),
		[{ title: 'A' }, { title: ' ' }, { title: 'C' }],
		/^Title: is empty \[item 1\]$/,
	],
	[
		'Update',
		followUp('update', { meetingId: '={{ $json.id }}', updateFields: { outcome: 'COMPLETED' } }),
		[{ id: MEETING_A }, { id: 'abc' }, { id: MEETING_B }],
		/^Meeting ID: "abc" is not a HubSpot meeting ID.*\[item 1\]$/,
	],
	[
		'Delete',
		followUp('delete', { meetingId: '={{ $json.id }}' }),
		[{ id: MEETING_A }, { id: '12/34' }, { id: MEETING_B }],
		/^Meeting ID: "12\/34" is not a HubSpot meeting ID.*\[item 1\]$/,
	],
	[
		'Book Meeting',
		bookParameters({ email: '={{ $json.email }}', startTime: '={{ $json.start }}' }),
		[
			{ email: 'jane.doe@example.com', start: '2026-10-24T09:00' },
			{ email: 'jane.doe@', start: '2026-10-24T10:00' },
			{ email: 'john.roe@example.com', start: '2026-10-25T02:30' },
		],
		/^Email: "jane.doe@" is not a valid email address \[item 1\]$/,
	],
];

describe.each(WRITES)('%s', (_name, parameters, items, invalidItem) => {
	it('one invalid item of three, no continue-on-fail: no request at all, the node fails on that item', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items,
			parameters,
		});
		expect(emulator.requests).toHaveLength(0);
		expect(result.error?.message).toMatch(invalidItem);
		expect(result.error?.description).toMatch(/Nothing was sent for any of the 3 items/);
		expect(result.items).toHaveLength(0);
	});

	it('with continue-on-fail the valid items are sent, the invalid one is its own error item', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items,
			parameters,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items[1].error?.message).toMatch(invalidItem);
		expect(result.items[1].error?.description ?? '').not.toMatch(/Nothing was sent/);
		expect(result.items[0].error).toBeUndefined();
		expect(result.items[2].error).toBeUndefined();
		expect(emulator.requests.filter((r) => r.status < 300).length).toBeGreaterThanOrEqual(2);
	});
});

it('50 items, the 37th invalid: no request is sent (the figure the issue asks for)', async () => {
	const items = titled(50);
	items[37] = { title: '' };
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		items,
		parameters: perItemTitle(),
	});
	expect(emulator.requests).toHaveLength(0);
	expect(result.error?.message).toMatch(/^Title: is empty \[item 37\]$/);
});

it('an expression that fails for a later item: RoutingNode stops before it, nothing is sent, the run ends', async () => {
	const startedAt = Date.now();
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		items: [{ title: 'A' }, { title: 'B' }, { title: 'C', broken: true }],
		// n8n throws for a reference to a node that does not exist (most other expression faults give undefined).
		parameters: perItemTitle({
			title: '={{ $json.broken ? $("No such node").item.json.title : $json.title }}',
		}),
		nodeOverrides: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
	});
	expect(result.error?.message).toMatch(/Referenced node doesn't exist/);
	expect(emulator.requests).toHaveLength(0);
	expect(Date.now() - startedAt).toBeLessThan(10_000);
});

it('an expression that gives nothing for a required field is that field being empty: nothing is sent', async () => {
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		items: [{ meta: { title: 'A' } }, { meta: { title: 'B' } }, {}],
		parameters: perItemTitle({ title: '={{ $json.meta.title.trim() }}' }),
	});
	expect(result.error?.message).toMatch(/^Title: is empty \[item 2\]$/);
	expect(emulator.requests).toHaveLength(0);
});

it('Execute Once with three input items: its one item is created', async () => {
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		items: titled(3),
		parameters: perItemTitle(),
		nodeOverrides: { executeOnce: true },
	});
	expect(result.error).toBeUndefined();
	expect(calendarCreates(emulator)).toHaveLength(1);
	expect(result.items).toHaveLength(1);
});

it("n8n's Retry On Fail after an invalid item: each try sends nothing, the error stays the item's", async () => {
	const items = titled(4);
	items[2] = { title: '   ' };
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		items,
		parameters: perItemTitle(),
		nodeOverrides: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
	});
	expect(emulator.requests).toHaveLength(0);
	expect(result.error?.message).toMatch(/^Title: is empty \[item 2\]$/);
});
