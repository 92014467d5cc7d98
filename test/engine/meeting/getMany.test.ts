/**
 * Meeting → Get Many: HubSpot's CRM search (POST /crm/objects/2026-03/meetings/search) — filters on an
 * associated record, owner, outcome and start-time range; Return All / Limit over 200-result pages, each
 * page spaced under the account's search limit; Simplify's flat shape (Create's); bad filters refused
 * before any request.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { addMeeting, searchState, type HubspotEmulator } from '../../emulator';
import { runNode } from '../../harness/engine';
import { ADA, GRACE, expectSpecValid, followUp, serviceKeyCredential } from '../fixtures';
import { useFileEmulator } from '../suite';

const SEARCH = '/crm/objects/2026-03/meetings/search';

let emulator: HubspotEmulator;
// One credential for the suite: one account's search budget, as the emulator (per token) counts it.
const run = useFileEmulator((started) => (emulator = started), { credentialId: 'get-many-suite' });
const getMany = (overrides: INodeParameters = {}) =>
	followUp('getMany', { timezone: 'Europe/Berlin', ...overrides });
const searches = () => emulator.requests.filter((request) => request.path === SEARCH);

/** A meeting in HubSpot (in 2031, after every seeded one) with associations of any type. */
function meeting(
	title: string,
	start: string,
	{
		owner = ADA.ownerId,
		outcome = 'SCHEDULED',
		associations = [],
	}: { owner?: string; outcome?: string; associations?: Array<[number, string]> } = {},
): string {
	const id = addMeeting(emulator, {
		hs_meeting_title: title,
		hs_meeting_start_time: start,
		hs_meeting_end_time: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
		hs_meeting_outcome: outcome,
		hubspot_owner_id: owner,
	});
	emulator.meetings.get(id).requestBody.associations = associations.map(([typeId, recordId]) => ({
		to: { id: recordId },
		types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }],
	}));
	return id;
}

const IN_2031 = { startAfter: '2031-01-01T00:00:00', startBefore: '2031-12-31T23:59:59' };
const titles = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.title);

describe('Get Many: filters', () => {
	beforeEach(() => {
		meeting('Contact 501, Ada', '2031-01-10T09:00:00.000Z', {
			associations: [
				[200, '501'],
				[188, '9001'],
			],
		});
		meeting('Contact 502, Grace, completed', '2031-01-11T09:00:00.000Z', {
			owner: GRACE.ownerId,
			outcome: 'COMPLETED',
			associations: [
				[200, '502'],
				[212, '7001'],
			],
		});
		meeting('Ticket 3001, Ada, completed', '2031-02-01T09:00:00.000Z', {
			outcome: 'COMPLETED',
			associations: [[226, '3001']],
		});
		meeting('Outside the range', '2032-03-01T09:00:00.000Z', { associations: [[200, '501']] });
	});

	test('a start-time range: the search body HubSpot takes, oldest first, Simplify shape', async () => {
		const result = await run(getMany({ returnAll: true, searchFilters: IN_2031 }));
		expect(result.error).toBeUndefined();
		expect(titles(result.items)).toEqual([
			'Contact 501, Ada',
			'Contact 502, Grace, completed',
			'Ticket 3001, Ada, completed',
		]);
		const [request] = searches();
		expect(request.body).toEqual({
			filterGroups: [
				{
					filters: [
						// 2031-01-01T00:00 in Berlin is 2030-12-31T23:00Z
						{
							propertyName: 'hs_meeting_start_time',
							operator: 'GTE',
							value: String(Date.parse('2030-12-31T23:00:00Z')),
						},
						{
							propertyName: 'hs_meeting_start_time',
							operator: 'LTE',
							value: String(Date.parse('2031-12-31T22:59:59Z')),
						},
					],
				},
			],
			sorts: ['hs_meeting_start_time'],
			properties: expect.arrayContaining([
				'hs_meeting_title',
				'hs_meeting_start_time',
				'hubspot_owner_id',
			]),
			limit: 200,
			after: '0',
		});
		expect(result.items[0].json).toEqual({
			id: expect.any(String),
			title: 'Contact 501, Ada',
			start: '2031-01-10T09:00:00.000Z',
			end: '2031-01-10T09:30:00.000Z',
			startLocal: '2031-01-10T10:00:00+01:00',
			endLocal: '2031-01-10T10:30:00+01:00',
			timezone: 'Europe/Berlin',
			outcome: 'SCHEDULED',
			ownerId: ADA.ownerId,
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
		});
		expectSpecValid(emulator);
	});

	test.each([
		['contactId', '501', ['Contact 501, Ada', 'Outside the range']],
		['companyId', '9001', ['Contact 501, Ada']],
		['dealId', '7001', ['Contact 502, Grace, completed']],
		['ticketId', '3001', ['Ticket 3001, Ada, completed']],
	])('meetings of a record: %s %s (associations.<type> EQ id)', async (filter, id, expected) => {
		// From 2031 on: the seeded meetings are associated with contact 501 too.
		const result = await run(
			getMany({
				returnAll: true,
				searchFilters: { [filter]: id, startAfter: '2031-01-01T00:00:00' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(titles(result.items)).toEqual(expected);
		const type = { contactId: 'contact', companyId: 'company', dealId: 'deal', ticketId: 'ticket' }[
			filter
		];
		const [group] = (searches()[0].body as { filterGroups: Array<{ filters: IDataObject[] }> })
			.filterGroups;
		expect(group.filters[0]).toEqual({
			propertyName: `associations.${type}`,
			operator: 'EQ',
			value: id,
		});
		expectSpecValid(emulator);
	});

	test('owner and outcome together (AND), in a range', async () => {
		const result = await run(
			getMany({
				returnAll: true,
				searchFilters: { ...IN_2031, ownerId: ADA.ownerId, outcome: 'COMPLETED' },
			}),
		);
		expect(titles(result.items)).toEqual(['Ticket 3001, Ada, completed']);
		expectSpecValid(emulator);
	});

	test("Simplify off: HubSpot's records as they are", async () => {
		const result = await run(
			getMany({ returnAll: true, simplify: false, searchFilters: { ticketId: '3001' } }),
		);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			archived: false,
			properties: {
				hs_meeting_title: 'Ticket 3001, Ada, completed',
				hs_meeting_outcome: 'COMPLETED',
			},
		});
	});

	test('no match: no items, no error', async () => {
		const result = await run(getMany({ returnAll: true, searchFilters: { contactId: '999999' } }));
		expect(searches()).toHaveLength(1);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});
});

describe('Get Many: paging under the search limit', () => {
	beforeEach(() => {
		for (let i = 0; i < 450; i++)
			meeting(`M${i}`, new Date(Date.parse('2031-01-01T00:00:00Z') + i * 3_600_000).toISOString());
	});

	test('Return All reads every page (200, 200, 50), searches spaced (250 ms when they leave; arrival jitter allowed)', async () => {
		const result = await run(getMany({ returnAll: true, searchFilters: IN_2031 }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(450);
		expect(titles(result.items).slice(0, 3)).toEqual(['M0', 'M1', 'M2']);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(450);
		const pages = searches();
		expect(
			pages.map((page) => [(page.body as IDataObject).limit, (page.body as IDataObject).after]),
		).toEqual([
			[200, '0'],
			[200, '200'],
			[200, '400'],
		]);
		for (let i = 1; i < pages.length; i++)
			expect(pages[i].receivedAt - pages[i - 1].receivedAt).toBeGreaterThanOrEqual(150);
		expect(searchState(emulator).searchRateLimited).toBe(0);
		expectSpecValid(emulator);
	});

	test('Limit 250: two pages, the second asking only for the rest', async () => {
		const result = await run(getMany({ returnAll: false, limit: 250, searchFilters: IN_2031 }));
		expect(result.items).toHaveLength(250);
		expect(
			searches().map((page) => [
				(page.body as IDataObject).limit,
				(page.body as IDataObject).after,
			]),
		).toEqual([
			[200, '0'],
			[50, '200'],
		]);
	});

	test('seven items searching at once stay under 5 searches a second: no 429', async () => {
		const result = await run(getMany({ returnAll: false, limit: 10, searchFilters: IN_2031 }), {
			items: [{}, {}, {}, {}, {}, {}, {}],
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(70);
		expect(searchState(emulator).searchRateLimited).toBe(0);
	});
});

describe('Get Many: bad filters fail before any request', () => {
	test.each([
		[
			{ contactId: 'jane@acme.example' },
			/^Contact ID: "jane@acme.example" is not a HubSpot record ID \[item 0\]/,
		],
		[{ ownerId: 'ada' }, /^Owner: "ada" is not a HubSpot owner ID/],
		[
			{ startAfter: '2031-02-01T00:00:00', startBefore: '2031-01-01T00:00:00' },
			/^Start Before: is earlier than Start After/,
		],
		[{ startAfter: 'next week' }, /^Start After:/],
	])('%j', async (searchFilters, message) => {
		const result = await run(getMany({ returnAll: true, searchFilters }));
		expect(result.error?.message).toMatch(message);
		expect(searches()).toHaveLength(0);
	});
});

describe('Get Many: Stop', () => {
	test('Stop ends the wait for a search slot: the node returns within a second and searches no more', async () => {
		for (let i = 0; i < 20; i++)
			meeting(`S${i}`, new Date(Date.parse('2031-03-01T00:00:00Z') + i * 3_600_000).toISOString());
		const stop = new AbortController();
		// 40 items, one search each, 250 ms apart: about 10 s of waiting for slots.
		const running = runNode({
			parameters: getMany({ returnAll: false, limit: 5, searchFilters: IN_2031 }),
			credentials: serviceKeyCredential(emulator, { id: 'get-many-suite' }),
			items: Array.from({ length: 40 }, () => ({})),
			cancelSignal: stop.signal,
		});
		const deadline = Date.now() + 10_000;
		while (searches().length < 3 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 10));
		const stoppedAt = Date.now();
		const searchesAtStop = searches().length;
		stop.abort();
		await running;
		expect(Date.now() - stoppedAt).toBeLessThan(1000);
		// At most one search already on its way when Stop was pressed.
		expect(searches().length - searchesAtStop).toBeLessThanOrEqual(1);
		expect(searches().length).toBeLessThan(10);
	});
});
