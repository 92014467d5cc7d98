/**
 * Meeting Link → Get Many: GET /scheduler/{version}/meetings/meeting-links, cursor-paged (`after`,
 * `limit` of at most 100); Return All reads every page, Limit asks for no more than needed; the type,
 * organizer and name filters are sent only when set.
 */

import type { HubspotEmulator } from '../../emulator';
import { extraLink, meetingLinkState } from '../../emulator/followUpHandlers';
import { LINKS_PATH, expectSpecValid, linkParameters } from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
const run = useFileEmulator((started) => (emulator = started), {
	reset: () => {
		meetingLinkState(emulator).bookings.length = 0;
	},
});
const sent = () => emulator.requests;

describe('Get Many', () => {
	const seeded = 7;
	beforeAll(() => {
		for (let n = 1; n <= 130; n++) meetingLinkState(emulator).links.push(extraLink(n));
	});
	afterAll(() => {
		meetingLinkState(emulator).links.splice(seeded);
	});

	test('Return All reads every page by cursor', async () => {
		const result = await run(linkParameters('getMany', { returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(seeded + 130);
		expect(result.items[0].json).toMatchObject({
			slug: 'ada-lovelace',
			type: 'PERSONAL_LINK',
			organizerUserId: '9000001',
		});
		expect(sent().map((r) => [r.path, r.query.after, r.query.limit])).toEqual([
			[LINKS_PATH, undefined, '100'],
			[LINKS_PATH, '100', '100'],
		]);
		expectSpecValid(emulator);
	});

	test('Limit asks for no more than needed', async () => {
		const result = await run(linkParameters('getMany', { returnAll: false, limit: 5 }));
		expect(result.items.map((i) => i.json.slug)).toEqual([
			'ada-lovelace',
			'ada-lovelace-demo',
			'grace-hopper',
			'sales-team',
			'support-round-robin',
		]);
		expect(sent()).toHaveLength(1);
		expect(sent()[0].query.limit).toBe('5');
		expectSpecValid(emulator);
	});

	test('Limit across pages stops at the limit', async () => {
		const result = await run(linkParameters('getMany', { returnAll: false, limit: 120 }));
		expect(result.items).toHaveLength(120);
		expect(sent().map((r) => r.query.limit)).toEqual(['100', '20']);
		expectSpecValid(emulator);
	});

	test('default Limit is 50', async () => {
		const result = await run(linkParameters('getMany'));
		expect(result.items).toHaveLength(50);
	});

	test('filters: type, organizer (picked user id) and name are sent; empty ones are not', async () => {
		const result = await run(
			linkParameters('getMany', {
				returnAll: true,
				filters: { type: 'GROUP_CALENDAR', organizerUserId: '9000001', name: '' },
			}),
		);
		expect(result.items.map((i) => i.json.slug)).toEqual(['sales-team']);
		expect(sent()[0].query).toMatchObject({ type: 'GROUP_CALENDAR', organizerUserId: '9000001' });
		expect(sent()[0].query.name).toBeUndefined();
		expectSpecValid(emulator);
	});

	test('name filter', async () => {
		const result = await run(
			linkParameters('getMany', { returnAll: true, filters: { name: 'Support' } }),
		);
		expect(result.items.map((i) => i.json.slug)).toEqual(['support-round-robin']);
	});

	test('an organizer that is not a user id is an item error before any request', async () => {
		const result = await run(
			linkParameters('getMany', { filters: { organizerUserId: 'ada@example.com' } }),
		);
		expect(result.error?.message).toMatch(/^Organizer: "ada@example.com" is not a HubSpot user ID/);
		expect(sent()).toHaveLength(0);
	});
});
