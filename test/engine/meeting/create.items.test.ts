/**
 * Meeting → Create Calendar Event, several items per run: expressions resolve per item, each item is
 * one POST to HubSpot and one output paired to its input. Bad input is caught before any request, per
 * item, naming the field and the item; continue-on-fail keeps the other items going.
 */
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import {
	ACCOUNT_DETAILS,
	PER_ITEM_PARAMETERS,
	calendarCreates,
	createBody,
	goodItem,
	serviceKeyCredential,
} from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
useFileEmulator((started) => (emulator = started), {
	specCheckEachTest: true,
});

test('expressions resolve per item: 4 items → 4 meetings with their own values, outputs paired', async () => {
	const items = [0, 1, 2, 3].map((n) => ({
		...goodItem(n),
		assocIds: [String(700 + n)],
		reminderAmount: n + 1,
	}));
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		items,
		parameters: PER_ITEM_PARAMETERS,
	});
	expect(result.error).toBeUndefined();
	const creates = calendarCreates(emulator);
	expect(creates).toHaveLength(4);
	const byTitle = Object.fromEntries(
		creates.map((r) => [(createBody(r).properties as IDataObject).hs_meeting_title, createBody(r)]),
	);
	for (const n of [0, 1, 2, 3]) {
		const body = byTitle[`Meeting ${n}`] as IDataObject;
		expect((body.associations as Array<{ to: { id: string } }>)[0].to.id).toBe(String(700 + n));
		expect(
			(body.emailReminderSchedule as { reminders: Array<{ numberOfTimeUnits: number }> })
				.reminders[0].numberOfTimeUnits,
		).toBe(n + 1);
	}
	expect(result.items.map((item) => [item.json.title, item.pairedItem])).toEqual(
		[0, 1, 2, 3].map((n) => [`Meeting ${n}`, { item: n }]),
	);
});

describe('bad input is rejected before any request, naming the field and the item', () => {
	const cases: Array<[string, IDataObject, RegExp]> = [
		['empty title', { title: '   ' }, /^Title: is empty \[item 1\]/],
		['unparseable start', { start: 'next tuesday' }, /^Start: "next tuesday" is not a valid date/],
		[
			'impossible date (Feb 30)',
			{ start: '2026-02-30T10:00' },
			/^Start: "2026-02-30T10:00" is not a valid date/,
		],
		[
			'impossible hour (25:00)',
			{ end: '2026-06-02T25:00' },
			/^End: "2026-06-02T25:00" is not a valid date/,
		],
		['empty start', { start: '' }, /^Start: is empty \[item 1\]/],
		['end before start', { end: '2026-06-02T08:00' }, /^End: .* is before Start/],
		['zero-length meeting', { end: '2026-06-02T09:00' }, /^End: .* is the same as Start/],
		[
			'time in the spring-forward gap',
			{ start: '2026-03-29T02:30', end: '2026-03-29T04:00' },
			/^Start: "2026-03-29T02:30" does not exist in Europe\/Berlin/,
		],
		[
			'epoch seconds instead of milliseconds',
			{ start: 1780390800 },
			/^Start: 1780390800 looks like epoch seconds/,
		],
		[
			'unknown timezone',
			{ zone: 'Europe/Atlantis' },
			/^Timezone: "Europe\/Atlantis" is not a known IANA timezone/,
		],
		[
			'non-numeric organizer',
			{ organizer: 'ada@example.com' },
			/^Organizer: "ada@example.com" is not a HubSpot user ID/,
		],
		['non-numeric owner', { owner: 'grace' }, /^Owner: "grace" is not a HubSpot owner ID/],
		[
			'non-numeric record id',
			{ assocIds: '501, abc' },
			/^Associations row 1: "abc" is not a HubSpot ID/,
		],
		['negative record id', { assocIds: [-5] }, /^Associations row 1: -5 is not a HubSpot ID/],
		['association row without ids', { assocIds: '' }, /^Associations row 1: no contact IDs given/],
		[
			'unknown association object type',
			{ assocType: 'spaceship' },
			/^Associations row 1: "spaceship" is not an object type/,
		],
		[
			'duplicate association',
			{ assocIds: '501, 502, 501' },
			/^Associations row 1: contact 501 is associated twice/,
		],
		[
			'negative reminder',
			{ reminderAmount: -10 },
			/^Reminders row 1: amount -10 is not a whole number of at least 1/,
		],
		['zero reminder', { reminderAmount: 0 }, /^Reminders row 1: amount 0 is not a whole number/],
		[
			'fractional reminder',
			{ reminderAmount: 1.5 },
			/^Reminders row 1: amount 1.5 is not a whole number/,
		],
		[
			'unknown reminder unit',
			{ reminderUnit: 'FORTNIGHTS' },
			/^Reminders row 1: unit "FORTNIGHTS" is not one of/,
		],
		['non-numeric attendee', { attendees: 'grace' }, /^Attendees: "grace" is not a HubSpot ID/],
		['oversized title', { title: 'x'.repeat(70_000) }, /^Title: is 70000 characters long/],
	];

	test.each(cases)(
		'%s (continue-on-fail: the other items are created)',
		async (_name, bad, message) => {
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
			const titles = calendarCreates(emulator).map(
				(r) => (createBody(r).properties as IDataObject).hs_meeting_title,
			);
			expect(titles.sort()).toEqual(['Meeting 0', 'Meeting 2']);
			// Besides them, only the account's portal (for the record URL), read once per credential.
			expect(emulator.requests.filter((r) => r.path !== ACCOUNT_DETAILS)).toHaveLength(2);
			expect(emulator.requests.filter((r) => r.path === ACCOUNT_DETAILS)).toHaveLength(1);
		},
	);

	test('without continue-on-fail the run fails with the first bad item', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: [goodItem(0), { ...goodItem(1), start: 'soon' }],
			parameters: PER_ITEM_PARAMETERS,
		});
		expect(result.error?.message).toMatch(/^Start: "soon" is not a valid date.*\[item 1\]$/);
		expect(result.error?.description).toMatch(/ISO date such as 2026-05-04T14:30/);
		expect(
			calendarCreates(emulator).every(
				(r) => (createBody(r).properties as IDataObject).hs_meeting_title === 'Meeting 0',
			),
		).toBe(true);
	});
});
