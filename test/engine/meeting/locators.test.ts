/**
 * Resource locators through the engine against the emulator: every mode of Meeting (Get, Update, Delete),
 * Organizer and Owner (Create, Update) and Meeting Link reaches the request as the right id or slug; plain
 * values (older workflows, expressions, AI agents) still work; a bad ID or URL is an item error naming the
 * field, before any request.
 */

import type { HubspotEmulator } from '../../emulator';
import { meetingLinkState } from '../../emulator/followUpHandlers';
import {
	ADA,
	GRACE,
	LINKS_PATH,
	MEETINGS,
	calendarCreates,
	createBody,
	createMeeting,
	createParameters,
	expectSpecValid,
	followUp,
	linkParameters,
} from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
const run = useFileEmulator((started) => (emulator = started), {
	reset: () => {
		meetingLinkState(emulator).bookings.length = 0;
	},
});
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

describe('Meeting locator (Get, Update, Delete)', () => {
	test.each([
		['By ID', (id: string) => rl('id', id)],
		[
			'By URL',
			(id: string) => rl('url', `https://app.hubspot.com/contacts/123456/record/0-47/${id}`),
		],
		[
			'By URL, EU data centre, with a trailing view path and query',
			(id: string) =>
				rl('url', ` https://app-eu1.hubspot.com/contacts/123456/record/0-47/${id}/view/1?tab=all `),
		],
		[
			'a plain URL from an expression',
			(id: string) => `https://app.hubspot.com/contacts/123456/record/0-47/${id}`,
		],
		['a plain ID', (id: string) => id],
	])("Get %s reads the meeting's record", async (_mode, locate) => {
		const id = await createMeeting(emulator);
		const before = emulator.requests.length;
		const result = await run(followUp('get', { meetingId: locate(id) }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id });
		expect(emulator.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET ${MEETINGS}/${id}`,
		]);
		expectSpecValid(emulator);
	});

	test.each([
		[rl('id', 'abc'), 'Meeting ID: not a meeting ID (a whole number)'],
		[
			rl('url', 'https://app.hubspot.com/contacts/123456/record/0-1/501'),
			'Meeting URL: not the HubSpot URL of a meeting',
		],
	])(
		'a typed-in bad value %j is refused by n8n as a node issue naming the field',
		async (meetingId, issue) => {
			const result = await run(followUp('get', { meetingId }));
			expect(result.error?.message).toContain(issue);
			expect(emulator.requests).toHaveLength(0);
		},
	);

	test('Update By URL and Delete By URL reach the meeting the URL names', async () => {
		const id = await createMeeting(emulator);
		const url = `https://app.hubspot.com/contacts/123456/record/0-47/${id}`;
		const updated = await run(
			followUp('update', { meetingId: rl('url', url), updateFields: { outcome: 'COMPLETED' } }),
		);
		expect(updated.error).toBeUndefined();
		const deleted = await run(followUp('delete', { meetingId: rl('url', url) }));
		expect(deleted.items.map((i) => i.json)).toEqual([{ deleted: true, id }]);
		expect(
			emulator.requests
				.filter((r) => r.method === 'PATCH' || r.method === 'DELETE')
				.map((r) => `${r.method} ${r.path} ${r.status}`),
		).toEqual([`PATCH ${MEETINGS}/${id} 200`, `DELETE ${MEETINGS}/${id} 204`]);
	});

	test('Meeting By ID from an expression: the id of each item', async () => {
		const first = await createMeeting(emulator);
		const second = await createMeeting(emulator);
		const before = emulator.requests.length;
		const result = await run(followUp('get', { meetingId: rl('id', '={{ $json.meeting }}') }), {
			items: [{ meeting: first }, { meeting: Number(second) }],
		});
		expect(result.error).toBeUndefined();
		expect(emulator.requests.slice(before).map((r) => r.path)).toEqual([
			`${MEETINGS}/${first}`,
			`${MEETINGS}/${second}`,
		]);
	});

	// A value typed into the field is checked by n8n itself (a node issue); one from an expression or an AI agent by the node.
	const fromExpression = (mode: string, value: string) =>
		rl(mode, `={{ ${JSON.stringify(value)} }}`);

	test.each([
		[
			'get',
			fromExpression('id', 'abc'),
			/^Meeting ID: "abc" is not a HubSpot meeting ID .*\[item 0\]$/,
		],
		['get', fromExpression('id', ''), /^Meeting ID: is empty \[item 0\]$/],
		[
			'get',
			fromExpression('url', 'https://app.hubspot.com/contacts/123456/record/0-1/501'),
			/^Meeting URL: ".*record\/0-1\/501" is the URL of another kind of record \(object 0-1\), not of a meeting \(0-47\) \[item 0\]$/,
		],
		[
			'update',
			fromExpression('url', 'https://example.com/contacts/123456/record/0-47/1'),
			/^Meeting URL: "https:\/\/example.com\/.*" is not a HubSpot record URL \[item 0\]$/,
		],
		[
			'delete',
			fromExpression('url', 'https://app.hubspot.com/contacts/123456/record/0-47/'),
			/^Meeting URL: ".*" is not a HubSpot record URL \[item 0\]$/,
		],
		[
			'delete',
			'https://app.hubspot.com/contacts/123/objects/0-47/views/all/list',
			/^Meeting URL: ".*" is not a HubSpot record URL \[item 0\]$/,
		],
	])(
		'%s with a bad locator %j is an item error naming the field, before any request',
		async (operation, meetingId, message) => {
			const result = await run(
				followUp(operation, { meetingId, updateFields: { outcome: 'COMPLETED' } }),
			);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toMatch(/By ID|By URL/);
			expect(emulator.requests).toHaveLength(0);
		},
	);
});

describe('Organizer and Owner locators (Create, Update)', () => {
	test('Organizer from the list and Owner By ID reach the create as given', async () => {
		const result = await run(
			createParameters({
				organizerUserId: rl('list', GRACE.userId),
				ownerId: rl('id', ` ${ADA.ownerId} `),
			}),
		);
		expect(result.error).toBeUndefined();
		const [create] = calendarCreates(emulator);
		expect(create.query.organizerUserId).toBe(GRACE.userId);
		expect(createBody(create).properties).toMatchObject({ hubspot_owner_id: ADA.ownerId });
		expect(result.items[0].json.organizerUserId).toBe(GRACE.userId);
		expectSpecValid(emulator);
	});

	test("Organizer By ID and an empty Owner: the organizer's own owner record is looked up", async () => {
		const result = await run(
			createParameters({
				organizerUserId: rl('id', '={{ $json.organizer }}'),
				ownerId: rl('list', ''),
			}),
			{
				items: [{ organizer: Number(GRACE.userId) }],
			},
		);
		expect(result.error).toBeUndefined();
		const [create] = calendarCreates(emulator);
		expect(create.query.organizerUserId).toBe(GRACE.userId);
		expect(createBody(create).properties).toMatchObject({ hubspot_owner_id: GRACE.ownerId });
	});

	test.each([
		[
			{ organizerUserId: rl('id', '={{ "ada" }}') },
			/^Organizer: "ada" is not a HubSpot user ID .*\[item 0\]$/,
		],
		[{ organizerUserId: rl('list', '={{ $json.nothing }}') }, /^Organizer: is empty \[item 0\]$/],
		[
			{ ownerId: rl('id', '={{ 10.5 }}') },
			/^Owner: "10.5" is not a HubSpot owner ID .*\[item 0\]$/,
		],
		[{ organizerUserId: rl('id', 'ada') }, /Organizer: not a HubSpot user ID \(a whole number\)/],
		[{ ownerId: rl('id', '10.5') }, /Owner: not a HubSpot owner ID \(a whole number\)/],
	])(
		'Create with %j is an item error naming the field, before any request',
		async (overrides, message) => {
			const result = await run(createParameters(overrides));
			expect(result.error?.message).toMatch(message);
			expect(emulator.requests).toHaveLength(0);
		},
	);

	test('Update: Owner By ID and from the list become hubspot_owner_id; an empty one is refused', async () => {
		const id = await createMeeting(emulator);
		for (const ownerId of [rl('id', GRACE.ownerId), rl('list', ADA.ownerId)]) {
			const result = await run(
				followUp('update', { meetingId: rl('id', id), updateFields: { ownerId } }),
			);
			expect(result.error).toBeUndefined();
		}
		const patches = emulator.requests.filter((r) => r.method === 'PATCH');
		expect(patches.map((r) => (r.body as { properties: object }).properties)).toEqual([
			{ hubspot_owner_id: GRACE.ownerId },
			{ hubspot_owner_id: ADA.ownerId },
		]);
		const empty = await run(
			followUp('update', { meetingId: rl('id', id), updateFields: { ownerId: rl('list', '') } }),
		);
		expect(empty.error?.message).toMatch(/^Owner: is empty \[item 0\]$/);
	});
});

describe('Meeting Link locator', () => {
	test.each([
		['From list', rl('list', 'sales-team')],
		['By URL', rl('url', 'https://meetings.hubspot.com/sales-team')],
		[
			'By URL, EU region, trailing slash and query',
			rl('url', 'https://meetings-eu1.hubspot.com/sales-team/?uuid=1'),
		],
		['By slug', rl('slug', ' sales-team ')],
		['a plain URL', 'https://meetings.hubspot.com/sales-team'],
	])("Get Booking Info %s reads the link's slug", async (_mode, slug) => {
		const result = await run(linkParameters('getBookingInfo', { slug, timezone: 'Europe/Berlin' }));
		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((r) => r.path)).toEqual([`${LINKS_PATH}/book/sales-team`]);
	});

	test.each([
		[
			rl('url', '={{ "https://example.com/sales-team" }}'),
			/^Meeting Link: "https:\/\/example.com\/sales-team" is not a HubSpot meetings URL/,
		],
		[
			rl('url', '={{ "https://meetings.hubspot.com/" }}'),
			/^Meeting Link: ".*" is not a HubSpot meetings URL/,
		],
		[rl('slug', 'two words'), /^Meeting Link: "two words" is not a meeting link slug/],
		[rl('list', '={{ "" }}'), /^Meeting Link: is empty/],
		[rl('url', 'https://example.com/sales-team'), /Meeting Link: not a HubSpot meetings URL/],
	])(
		'a bad link %j is an item error naming the field, before any request',
		async (slug, message) => {
			const result = await run(
				linkParameters('getAvailability', { slug, timezone: 'Europe/Berlin' }),
			);
			expect(result.error?.message).toMatch(message);
			expect(emulator.requests).toHaveLength(0);
		},
	);
});
