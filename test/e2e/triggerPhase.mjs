/**
 * The trigger phase of `npm run test:e2e`: an ACTIVE workflow with the HubSpot Scheduler Trigger (Meeting
 * Created, Poll Times "Every Minute", n8n's shortest) in the running n8n of the server phase. Meetings are
 * added to the sandbox's CRM one poll cycle apart; each must start exactly one execution (the workflow's
 * HTTP Request node reports every delivered meeting to a local recorder, and n8n's executions list is
 * counted too). Then n8n is restarted on the same user folder: a meeting added while it was down and one
 * added after it is up each fire once, and no earlier meeting fires again. Prints the detection latency
 * (meeting created → execution started).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { PACKAGE_NAME, TOKEN_CREDENTIAL_TYPE, startN8n } from '../../scripts/lib/n8n.mjs';
import { expectSpecValid } from './checks.mjs';

export const TRIGGER_NODE_TYPE = `${PACKAGE_NAME}.hubspotSchedulerTrigger`;
const SEARCH_PATH = '/crm/objects/2026-03/meetings/search';
/** HubSpot indexes a new record a few seconds after the write; the sandbox does the same here. */
const INDEX_LAG_MS = 2_000;
/** One poll cycle (60 s, at a second n8n picks) + index lag + the execution's own start, with slack. */
const DELIVERY_TIMEOUT_MS = 110_000;

/** A local HTTP server the workflow posts each delivered meeting to: { executionId, meetingId, at }. */
async function startRecorder() {
	const deliveries = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			try {
				deliveries.push({ ...JSON.parse(body), at: Date.now() });
				res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
			} catch {
				res.writeHead(400).end();
			}
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		deliveries,
		url: `http://127.0.0.1:${server.address().port}/deliveries`,
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

function triggerWorkflow(recorderUrl, credential) {
	return {
		name: 'e2e: HubSpot Scheduler Trigger, every minute',
		nodes: [
			{
				id: 'e2e-meeting-trigger',
				name: 'Meeting Created',
				type: TRIGGER_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					authentication: 'accessToken',
					event: 'meetingCreated',
					pollTimes: { item: [{ mode: 'everyMinute' }] },
				},
				credentials: { [TOKEN_CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
			},
			{
				id: 'e2e-record-delivery',
				name: 'Record Delivery',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [250, 0],
				parameters: {
					method: 'POST',
					url: recorderUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody:
						'={{ JSON.stringify({ executionId: $execution.id, meetingId: $json.id, title: $json.title }) }}',
					options: {},
				},
			},
		],
		connections: {
			'Meeting Created': { main: [[{ node: 'Record Delivery', type: 'main', index: 0 }]] },
		},
		settings: {
			executionOrder: 'v1',
			saveDataSuccessExecution: 'all',
			saveDataErrorExecution: 'all',
		},
		active: false,
	};
}

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** `server`: what serverPhase returns ({ n8n, rest, serverEnv }); the n8n there is restarted here. */
export async function triggerPhase({
	test,
	log,
	install,
	sandbox,
	stoppers,
	credentials: CREDS,
	server,
}) {
	const emulator = sandbox.emulator;
	const { rest, serverEnv } = server;
	let n8n = server.n8n;
	const phaseStarted = Date.now();

	await test('n8n lists the HubSpot Scheduler Trigger as a polling trigger', async () => {
		const nodes = await rest.request('GET', '/types/nodes.json');
		const trigger = nodes.find((n) => n.name === TRIGGER_NODE_TYPE);
		assert.ok(
			trigger,
			`${TRIGGER_NODE_TYPE} missing from ${nodes.filter((n) => /hubspot/i.test(n.name)).map((n) => n.name)}`,
		);
		assert.equal(trigger.displayName, 'HubSpot Scheduler Trigger');
		assert.ok(trigger.group.includes('trigger'), `group ${trigger.group}`);
		assert.equal(trigger.polling, true);
		assert.ok(
			trigger.properties.some((p) => p.name === 'pollTimes'),
			'n8n added its Poll Times setting',
		);
		assert.deepEqual(trigger.inputs, []);
	});

	const recorder = await startRecorder();
	stoppers.push(() => recorder.stop());
	const search = sandbox.search;
	const lagBefore = search.indexLagMs;
	search.indexLagMs = INDEX_LAG_MS;
	const meetings = []; // { id, title, createdAt, whileDown }
	let workflowId;

	const searches = () =>
		emulator.requests.filter((r) => r.method === 'POST' && r.path === SEARCH_PATH).length;
	const waitFor = async (what, condition, timeoutMs = DELIVERY_TIMEOUT_MS) => {
		const deadline = Date.now() + timeoutMs;
		while (!condition()) {
			if (Date.now() > deadline)
				throw new Error(`${what}: not within ${timeoutMs / 1000} s\n${await diagnosis()}`);
			await sleep(250);
		}
	};
	/** What the polls asked and got, and the workflow's executions: for a failure message. */
	const diagnosis = async () => {
		const polls = emulator.requests
			.filter((r) => r.path === SEARCH_PATH)
			.map(
				(r) =>
					`${new Date(r.receivedAt).toISOString()} ${r.status} ${JSON.stringify(r.body?.filterGroups)} -> ${JSON.stringify(r.responseBody).slice(0, 200)}`,
			);
		const executions = workflowId
			? await rest
					.request(
						'GET',
						`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
					)
					.catch((e) => e.message)
			: 'no workflow';
		return `--- polls:\n${polls.join('\n')}\n--- executions: ${JSON.stringify(executions).slice(0, 1500)}\n--- recorded: ${JSON.stringify(recorder.deliveries)}\n--- n8n log tail:\n${n8n.output.slice(-2500)}`;
	};
	const addMeeting = (label, whileDown = false) => {
		const m = sandbox.createDemoMeeting({ title: `e2e trigger ${label}` });
		meetings.push({ ...m, whileDown });
		log(`trigger: meeting ${m.id} "${m.title}" created${whileDown ? ' (n8n is down)' : ''}`);
		return m;
	};
	const delivered = (id) => recorder.deliveries.some((d) => String(d.meetingId) === id);
	const waitForDelivery = (m) => waitFor(`meeting ${m.id} delivered`, () => delivered(m.id));

	await test('trigger: every new meeting starts exactly one execution (polls every minute)', async () => {
		emulator.reset();
		const created = await rest.request(
			'POST',
			'/rest/workflows',
			triggerWorkflow(recorder.url, CREDS.token),
		);
		workflowId = created.id;
		const before = searches();
		await rest.activateWorkflow(workflowId);
		// n8n polls once on activation: that poll sets the trigger's starting point, nothing fires from the past
		await waitFor('the activation poll', () => searches() > before, 60_000);
		await waitForDelivery(addMeeting('one'));
		// at a random moment of the next poll cycle, so its latency is not tied to the poll that delivered "one"
		await sleep(Math.round(Math.random() * 40_000));
		await waitForDelivery(addMeeting('two'));
		assert.deepEqual(
			recorder.deliveries.map((d) => String(d.meetingId)),
			meetings.map((m) => m.id),
		);
	});

	await test('trigger: after an n8n restart new meetings fire once, earlier ones never again', async () => {
		assert.ok(workflowId, 'the first trigger test created the workflow');
		await n8n.stop();
		log('trigger: n8n stopped');
		const m3 = addMeeting('three', true);
		n8n = await startN8n(install, serverEnv, { name: 'n8n main (restarted)' });
		stoppers.push(() => n8n.stop());
		log(`trigger: n8n restarted in ${n8n.startSeconds.toFixed(1)} s`);
		await rest.login();
		await waitForDelivery(m3);
		const m4 = addMeeting('four');
		await waitForDelivery(m4);
		// a poll after the last delivery: its window overlaps all four meetings, it must deliver none again
		const after = searches();
		await waitFor('one more poll', () => searches() > after);
		await sleep(3_000);

		const perMeeting = meetings.map(
			(m) => recorder.deliveries.filter((d) => String(d.meetingId) === m.id).length,
		);
		log(`trigger: executions per meeting ${JSON.stringify(perMeeting)}`);
		assert.deepEqual(
			perMeeting,
			meetings.map(() => 1),
			'each meeting delivered exactly once',
		);
		assert.equal(recorder.deliveries.length, meetings.length, 'nothing else delivered');
		const executionIds = new Set(recorder.deliveries.map((d) => String(d.executionId)));
		assert.equal(executionIds.size, meetings.length, 'one execution per meeting');

		const listed = await rest.request(
			'GET',
			`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`,
		);
		const executions = listed.results ?? listed;
		assert.equal(
			executions.length,
			meetings.length,
			`n8n lists ${executions.length} executions: ${JSON.stringify(executions).slice(0, 600)}`,
		);
		assert.deepEqual(
			new Set(executions.map((e) => String(e.id))),
			executionIds,
			'n8n lists the executions that recorded the meetings',
		);
		for (const e of executions) assert.equal(e.status, 'success', `execution ${e.id}: ${e.status}`);

		// detection latency: meeting created → its execution started (n8n's startedAt)
		const startedAt = new Map(
			executions.map((e) => [String(e.id), Date.parse(e.startedAt ?? e.createdAt)]),
		);
		const latency = meetings.map((m) => {
			const d = recorder.deliveries.find((x) => String(x.meetingId) === m.id);
			return {
				...m,
				seconds: (startedAt.get(String(d.executionId)) - m.createdAt.getTime()) / 1000,
			};
		});
		const live = latency.filter((m) => !m.whileDown).map((m) => m.seconds);
		log(
			`trigger: detection latency (created → execution started) while n8n runs: min ${Math.min(...live).toFixed(1)} s, ` +
				`median ${median(live).toFixed(1)} s, max ${Math.max(...live).toFixed(1)} s over ${live.length} meetings; ` +
				`created while n8n was down: ${latency
					.filter((m) => m.whileDown)
					.map((m) => `${m.seconds.toFixed(1)} s`)
					.join(', ')} ` +
				`(each: ${latency.map((m) => m.seconds.toFixed(1)).join(', ')} s)`,
		);
		const polls = searches();
		const other = emulator.requests.length - polls;
		log(
			`trigger: ${polls} polls in this phase, ${other} other HubSpot requests (Meeting Created: 1 search per poll)`,
		);
		for (const s of live) assert.ok(s >= 0 && s < DELIVERY_TIMEOUT_MS / 1000, `latency ${s} s`);
		expectSpecValid(emulator);
	});

	search.indexLagMs = lagBefore;
	log(`trigger phase: ${((Date.now() - phaseStarted) / 1000).toFixed(0)} s`);
}
