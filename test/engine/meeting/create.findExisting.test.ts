/**
 * Create Calendar Event → If a Matching Meeting Exists: Create Anyway (default: no search), Return
 * Existing (one search for the same owner, start and title; the match is the item's output and nothing is
 * created), Fail (the item's error names the meeting). HubSpot's search index lag is simulated: a meeting
 * created moments ago is not found yet (the documented limit), and is once the index caught up.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { searchState, type HubspotEmulator, type RecordedRequest } from '../../emulator';
import { runNode } from '../../harness/engine';
import {
	ADA,
	GRACE,
	calendarCreates,
	createParameters,
	emulatorForSuite,
	expectSpecValid,
	serviceKeyCredential,
} from '../fixtures';

const SEARCH = '/crm/objects/2026-03/meetings/search';

let emulator: HubspotEmulator;
// One credential for the suite, as one account in one n8n process: its search budget and owner cache are shared.
let credential: ReturnType<typeof serviceKeyCredential>;
const run = (overrides: INodeParameters = {}) =>
	runNode({ parameters: createParameters(overrides), credentials: credential });
const searches = (): RecordedRequest[] =>
	emulator.requests.filter((request) => request.path === SEARCH);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
	emulator = await emulatorForSuite();
	credential = serviceKeyCredential(emulator, { id: 'find-existing-suite' });
});
afterAll(async () => await emulator.stop());
beforeEach(() => {
	emulator.reset();
	searchState(emulator).indexLagMs = 0;
});
afterEach(() => expectSpecValid(emulator));

describe('If a Matching Meeting Exists', () => {
	test('Create Anyway (the default): no search, a second run creates a second meeting', async () => {
		expect((await run()).error).toBeUndefined();
		expect((await run()).error).toBeUndefined();
		expect(calendarCreates(emulator)).toHaveLength(2);
		expect(searches()).toHaveLength(0);
	});

	test('Return Existing: the first run creates (one search, one create); a re-run returns that meeting and creates nothing', async () => {
		const first = await run({ ifMatchingMeetingExists: 'returnExisting' });
		expect(first.error).toBeUndefined();
		expect(first.items[0].json.alreadyExisted).toBeUndefined();
		const createdId = first.items[0].json.id;
		expect(searches()).toHaveLength(1);
		expect(searches()[0].body).toEqual({
			filterGroups: [
				{
					filters: [
						{ propertyName: 'hubspot_owner_id', operator: 'EQ', value: ADA.ownerId },
						{
							propertyName: 'hs_meeting_start_time',
							operator: 'EQ',
							value: String(Date.parse('2026-06-01T08:00:00Z')),
						},
						{ propertyName: 'hs_meeting_title', operator: 'EQ', value: 'Intro call' },
					],
				},
			],
			sorts: ['hs_createdate'],
			properties: expect.arrayContaining(['hs_meeting_title', 'hs_meeting_start_time']),
			limit: 10,
			after: '0',
		});

		const before = emulator.requests.length;
		const again = await run({ ifMatchingMeetingExists: 'returnExisting' });
		expect(again.error).toBeUndefined();
		expect(calendarCreates(emulator)).toHaveLength(1);
		// The re-run: one search (the owner look-up is cached), no create.
		expect(
			emulator.requests.slice(before).map((request) => `${request.method} ${request.path}`),
		).toEqual([`POST ${SEARCH}`]);
		expect(again.items).toHaveLength(1);
		expect(again.items[0].json).toMatchObject({
			id: createdId,
			title: 'Intro call',
			start: '2026-06-01T08:00:00.000Z',
			startLocal: '2026-06-01T10:00:00+02:00',
			timezone: 'Europe/Berlin',
			organizerUserId: ADA.userId,
			ownerId: ADA.ownerId,
			alreadyExisted: true,
		});
	});

	test('Return Existing with Simplify off: the CRM record as search returned it', async () => {
		await run();
		const again = await run({ ifMatchingMeetingExists: 'returnExisting', simplify: false });
		expect(again.items[0].json).toMatchObject({
			properties: { hs_meeting_title: 'Intro call', hubspot_owner_id: ADA.ownerId },
			alreadyExisted: true,
		});
		expect(calendarCreates(emulator)).toHaveLength(1);
	});

	test('Fail: the item fails naming the meeting; nothing is created', async () => {
		const first = await run();
		const again = await run({ ifMatchingMeetingExists: 'fail' });
		expect(again.error?.message).toBe(
			`If a Matching Meeting Exists: meeting ${String(first.items[0].json.id)} already has this owner, start and title ("Intro call"); nothing was created [item 0]`,
		);
		expect(calendarCreates(emulator)).toHaveLength(1);
	});

	test.each([
		['another title', { title: 'Intro call (2)' }],
		['the title in another letter case', { title: 'intro call' }],
		['another start', { startTime: '2026-06-01T11:00:00', endTime: '2026-06-01T11:30:00' }],
		['another owner', { ownerId: GRACE.ownerId }],
	])('%s is not a match: created', async (_name, change) => {
		await run();
		const other = await run({ ifMatchingMeetingExists: 'fail', ...(change as INodeParameters) });
		expect(other.error).toBeUndefined();
		expect(other.items[0].json.alreadyExisted).toBeUndefined();
		expect(calendarCreates(emulator)).toHaveLength(2);
	});

	test('index lag: a meeting created moments ago is not found yet (a duplicate, as documented); once indexed it is', async () => {
		searchState(emulator).indexLagMs = 1500;
		const first = await run({ ifMatchingMeetingExists: 'returnExisting' });
		const rightAfter = await run({ ifMatchingMeetingExists: 'returnExisting' });
		expect(rightAfter.items[0].json.alreadyExisted).toBeUndefined();
		expect(calendarCreates(emulator)).toHaveLength(2);
		await sleep(1600);
		const later = await run({ ifMatchingMeetingExists: 'returnExisting' });
		expect(later.items[0].json).toMatchObject({ id: first.items[0].json.id, alreadyExisted: true });
		expect(calendarCreates(emulator)).toHaveLength(2);
	});

	test('several items: each looks for its own match; searches stay under the search limit', async () => {
		await run({ title: 'A' });
		const result = await runNode({
			parameters: createParameters({
				title: '={{ $json.title }}',
				ifMatchingMeetingExists: 'returnExisting',
			}),
			credentials: credential,
			items: [
				{ title: 'A' },
				{ title: 'B' },
				{ title: 'C' },
				{ title: 'A' },
				{ title: 'D' },
				{ title: 'E' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(
			result.items.map((item) => [item.json.title, item.json.alreadyExisted ?? false]),
		).toEqual([
			['A', true],
			['B', false],
			['C', false],
			['A', true],
			['D', false],
			['E', false],
		]);
		expect(
			calendarCreates(emulator).map(
				(request) => ((request.body as IDataObject).properties as IDataObject).hs_meeting_title,
			),
		).toEqual(expect.arrayContaining(['A', 'B', 'C', 'D', 'E']));
		expect(calendarCreates(emulator)).toHaveLength(5);
		expect(searchState(emulator).searchRateLimited).toBe(0);
	});
});
