/**
 * e2e cases for HubSpot's CRM search in a real n8n: Meeting → Get Many (a contact's meetings in a start-time
 * range, Simplify on) and Create Calendar Event's "If a Matching Meeting Exists" = Return Existing. The
 * sandbox's search index lags 2 s behind a write (as HubSpot's does, by seconds), so each workflow waits
 * 3 s (n8n's Wait node) between writing and searching; the lag is set back when the check runs.
 */
import { ADA, hubspot, manualTrigger, rows, workflow } from './index.mjs';

const SEARCH_PATH = '/crm/objects/2026-03/meetings/search';
const INDEX_LAG_MS = 2000;

/** n8n's Wait node, 3 s (under 65 s n8n waits in the running execution). */
function wait(name, position) {
	return {
		parameters: { resume: 'timeInterval', amount: 3, unit: 'seconds' },
		id: `e2e-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
		name,
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		position,
		webhookId: '5b1f2a43-8f0e-4c6e-9a57-2b9d3c1e7f01',
	};
}

const createParameters = (extra) => ({
	authentication: 'accessToken',
	resource: 'meeting',
	operation: 'createCalendarEvent',
	organizerUserId: { __rl: true, mode: 'id', value: ADA.userId },
	timezone: 'Europe/Berlin',
	...extra,
});

function ok(assert, r) {
	assert.ok(
		r.ok,
		`n8n execute exited ${r.code}:\n${r.stderr.slice(-2000)}\n${r.stdout.slice(-1500)}`,
	);
}

const searches = (emulator) =>
	emulator.requests.filter((q) => q.method === 'POST' && q.path === SEARCH_PATH);
const calendarCreates = (emulator) =>
	emulator.requests.filter((q) => q.method === 'POST' && /\/meetings\/calendar$/.test(q.path));

/** Meetings Get Many should find (contact 501, March 2027) and some it should not. */
const MEETINGS = [
	{
		title: 'Search e2e: Jane, 3 March',
		start: '2027-03-03T10:00',
		end: '2027-03-03T10:30',
		contact: '501',
	},
	{
		title: 'Search e2e: John, 10 March',
		start: '2027-03-10T10:00',
		end: '2027-03-10T10:30',
		contact: '502',
	},
	{
		title: 'Search e2e: Jane, 20 March',
		start: '2027-03-20T15:00',
		end: '2027-03-20T16:00',
		contact: '501',
	},
	{
		title: 'Search e2e: Jane, 5 April',
		start: '2027-04-05T10:00',
		end: '2027-04-05T10:30',
		contact: '501',
	},
];

let lagBefore;
function lagLikeHubSpot(sandbox) {
	lagBefore = sandbox.search.indexLagMs;
	sandbox.search.indexLagMs = INDEX_LAG_MS;
	return sandbox.search;
}

export function searchWorkflowTests() {
	let search;
	return [
		{
			name: "meeting: get many — a contact's meetings in a start-time range, Simplify on",
			workflow: workflow('meeting get many by contact and range', [
				manualTrigger(),
				...rows(MEETINGS),
				hubspot(
					'Create',
					createParameters({
						title: '={{ $json.title }}',
						startTime: '={{ $json.start }}',
						endTime: '={{ $json.end }}',
						associations: {
							association: [
								{ objectType: 'contact', recordIds: '={{ $json.contact }}', label: 'default' },
							],
						},
					}),
				),
				wait('Wait for the index', [800, 0]),
				{
					...hubspot(
						'Get Many',
						{
							authentication: 'accessToken',
							resource: 'meeting',
							operation: 'getMany',
							returnAll: true,
							searchFilters: {
								contactId: '501',
								startAfter: '2027-03-01T00:00:00',
								startBefore: '2027-03-31T23:59:59',
							},
							timezone: 'Europe/Berlin',
						},
						{ position: [1000, 0] },
					),
					executeOnce: true,
				},
			]),
			before(emulator, sandbox) {
				search = lagLikeHubSpot(sandbox);
			},
			check({ r, emulator, nodeOutput, assert }) {
				search.indexLagMs = lagBefore;
				ok(assert, r);
				const created = nodeOutput('Create');
				assert.equal(created?.length, MEETINGS.length);
				const found = nodeOutput('Get Many');
				assert.deepEqual(
					found.map((m) => m.title),
					['Search e2e: Jane, 3 March', 'Search e2e: Jane, 20 March'],
					JSON.stringify(found).slice(0, 800),
				);
				const idOf = (title) => String(created.find((m) => m.title === title).id);
				assert.deepEqual(
					found.map((m) => String(m.id)),
					[idOf('Search e2e: Jane, 3 March'), idOf('Search e2e: Jane, 20 March')],
				);
				// Simplify: Create's flat shape, times in UTC and in the node's timezone
				assert.equal(found[0].start, '2027-03-03T09:00:00.000Z');
				assert.equal(found[0].startLocal, '2027-03-03T10:00:00+01:00');
				assert.equal(found[0].timezone, 'Europe/Berlin');
				assert.equal(String(found[0].ownerId), ADA.ownerId);
				assert.equal(found[0].properties, undefined, 'simplified, not the CRM record');
				const sent = searches(emulator);
				assert.equal(sent.length, 1, 'one search page');
				assert.equal(sent[0].status, 200);
				assert.deepEqual(sent[0].body.filterGroups, [
					{
						filters: [
							{ propertyName: 'associations.contact', operator: 'EQ', value: '501' },
							{
								propertyName: 'hs_meeting_start_time',
								operator: 'GTE',
								value: String(Date.parse('2027-02-28T23:00:00Z')),
							},
							{
								propertyName: 'hs_meeting_start_time',
								operator: 'LTE',
								value: String(Date.parse('2027-03-31T21:59:59Z')),
							},
						],
					},
				]);
			},
		},
		{
			name: 'create: If a Matching Meeting Exists = Return Existing — the second create returns the first meeting',
			workflow: workflow('create return existing', [
				manualTrigger(),
				hubspot(
					'Create',
					createParameters({
						title: 'Find-or-create e2e',
						startTime: '2027-05-04T14:00:00',
						endTime: '2027-05-04T14:30:00',
						ifMatchingMeetingExists: 'returnExisting',
					}),
					{ position: [200, 0] },
				),
				wait('Wait for the index', [400, 0]),
				hubspot(
					'Create Again',
					createParameters({
						title: 'Find-or-create e2e',
						startTime: '2027-05-04T14:00:00',
						endTime: '2027-05-04T14:30:00',
						ifMatchingMeetingExists: 'returnExisting',
					}),
					{ position: [600, 0] },
				),
			]),
			before(emulator, sandbox) {
				search = lagLikeHubSpot(sandbox);
			},
			check({ r, emulator, nodeOutput, assert }) {
				search.indexLagMs = lagBefore;
				ok(assert, r);
				const [first] = nodeOutput('Create');
				const [again] = nodeOutput('Create Again');
				assert.equal(first.alreadyExisted, undefined, 'the first create made the meeting');
				assert.match(String(first.id), /^\d+$/);
				assert.equal(String(again.id), String(first.id), 'the second returns that meeting');
				assert.equal(again.alreadyExisted, true);
				assert.equal(again.title, 'Find-or-create e2e');
				assert.equal(again.startLocal, '2027-05-04T14:00:00+02:00');
				assert.equal(calendarCreates(emulator).length, 1, 'one meeting created');
				assert.equal(emulator.createdMeetingCount(), 1);
				const sent = searches(emulator);
				assert.equal(sent.length, 2, 'one search per create');
				for (const q of sent) {
					assert.equal(q.status, 200);
					assert.deepEqual(
						q.body.filterGroups[0].filters.map((f) => f.propertyName),
						['hubspot_owner_id', 'hs_meeting_start_time', 'hs_meeting_title'],
					);
				}
				// the second search came after the first create had been indexed
				assert.ok(sent[1].receivedAt - calendarCreates(emulator)[0].receivedAt >= INDEX_LAG_MS);
			},
		},
	];
}
