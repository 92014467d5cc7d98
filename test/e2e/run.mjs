#!/usr/bin/env node
/**
 * `npm run test:e2e`: the packed node inside a real n8n, against the HubSpot emulator.
 *
 *   N8N_VERSION=1.123.81 npm run test:e2e    another n8n line (installed into .cache/ on first use)
 *   E2E_ONLY=oauth npm run test:e2e          only tests whose name contains the text
 *   E2E_KEEP=1 npm run test:e2e              keep the temporary n8n user folder
 *
 * Prints "e2e: N passed, M failed" last; exits non-zero on any failure.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

import {
	N8nRest,
	NODE_TYPE,
	OAUTH2_CREDENTIAL_TYPE,
	TOKEN_CREDENTIAL_TYPE,
	TOOL_NODE_TYPE,
	buildAndPack,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	loadSandboxModule,
	n8nEnv,
	nodeError,
	nodeOutput,
	onShutdown,
	startN8n,
} from '../../scripts/lib/n8n.mjs';
import { CACHE, chooseVersion, ensureN8n } from '../../scripts/lib/n8n-install.mjs';
import { exampleWorkflows, prepareWorkflow } from '../../scripts/lib/workflows.mjs';
import * as wf from './workflows/index.mjs';
import { extraWorkflowTests } from './workflows/operations.mjs';

const PORT = Number(process.env.E2E_PORT || 5688);
const ONLY = process.env.E2E_ONLY;
const SUITE_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_S || 1500) * 1000;

const CREDS = {
	token: { id: 'e2eTokenCred0001', name: 'e2e service key' },
	oauth2: { id: 'e2eOAuth2Cred001', name: 'e2e OAuth2' },
};

const results = [];
const stoppers = [];
const shutdown = onShutdown(stoppers);
const suiteStart = Date.now();

function log(...args) {
	console.log('[e2e]', ...args);
}

async function test(name, fn, { setup = false } = {}) {
	if (ONLY && !setup && !name.toLowerCase().includes(ONLY.toLowerCase())) return;
	const t = Date.now();
	try {
		if (Date.now() - suiteStart > SUITE_TIMEOUT_MS) throw new Error('suite time limit reached');
		await fn();
		results.push({ name, ok: true });
		console.log(`  ✔ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
	} catch (e) {
		results.push({ name, ok: false, error: e });
		console.log(`  ✘ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)\n      ${String(e.stack || e).split('\n').slice(0, 12).join('\n      ')}`);
	}
}

/** Every request the emulator saw was valid against HubSpot's spec, and so was every answer. */
function expectSpecValid(emulator) {
	const problems = emulator.requests.flatMap((r) => r.validationErrors.map((v) => `${r.method} ${r.path}: ${v}`));
	assert.deepEqual([...problems, ...emulator.responseValidationErrors], [], 'emulator saw spec-invalid traffic');
}

function executeFailure(r) {
	return `n8n execute exited ${r.signal ?? r.code} after ${r.seconds.toFixed(1)} s\n--- stderr:\n${r.stderr.slice(-2500)}\n--- stdout (tail):\n${r.stdout.slice(-1500)}`;
}

function creates(emulator) {
	return emulator.requests.filter((r) => r.method === 'POST' && /\/meetings\/calendar$/.test(r.path));
}

async function main() {
	const version = chooseVersion();
	log(`n8n ${version}`);
	const install = await ensureN8n(version);
	log(`n8n ${install.version} on Node ${install.nodeMajor}: ${install.fresh ? `installed in ${install.installSeconds} s` : 'cached'}`);
	const tarball = await buildAndPack({ build: !process.env.E2E_NO_BUILD });
	const { startSandbox } = await loadSandboxModule();
	const sandbox = await startSandbox();
	stoppers.push(() => sandbox.stop());
	const emulator = sandbox.emulator;
	log(`emulator on ${sandbox.apiUrl}`);

	mkdirSync(path.join(CACHE, 'e2e'), { recursive: true });
	const home = mkdtempSync(path.join(CACHE, 'e2e', `n8n-${install.version}-`));
	if (!process.env.E2E_KEEP) stoppers.unshift(() => rmSync(home, { recursive: true, force: true }));
	const env = n8nEnv(home, { port: PORT });

	// ---------------------------------------------------------------------------------------------
	log('CLI phase: install, import, n8n execute');
	await test('the tarball installs as a community package', async () => {
		const v = await installCommunityPackage(home, tarball);
		assert.match(v, /^\d+\.\d+\.\d+/);
	}, { setup: true });

	const examples = exampleWorkflows().map((e) => ({ ...e, workflow: prepareWorkflow(e.workflow, { key: e.key, credentials: CREDS }) }));
	const own = [wf.createAllFields(), wf.continueOnFail(), wf.oauthWebhook(), wf.aiTool()].map((w) =>
		prepareWorkflow(w, { key: w.name, credentials: CREDS }),
	);
	const extra = extraWorkflowTests({ credentials: CREDS });
	const extraWorkflows = extra.map((t) => prepareWorkflow(t.workflow, { key: t.workflow.name, credentials: CREDS }));

	await test('credentials and workflows import', async () => {
		await importCredentials(install, env, [
			{ ...CREDS.token, type: TOKEN_CREDENTIAL_TYPE, data: { accessToken: sandbox.serviceKey, baseUrl: sandbox.apiUrl } },
			{
				...CREDS.oauth2,
				type: OAUTH2_CREDENTIAL_TYPE,
				data: {
					clientId: sandbox.oauthClient.clientId,
					clientSecret: sandbox.oauthClient.clientSecret,
					requiredScopes: 'oauth crm.objects.contacts.read crm.objects.contacts.write crm.objects.owners.read scheduler.meetings.meeting-link.read',
					baseUrl: sandbox.apiUrl,
				},
			},
		]);
		await importWorkflows(install, env, [...examples.map((e) => e.workflow), ...own, ...extraWorkflows]);
	}, { setup: true });

	for (const example of examples) {
		await test(`example ${example.file} runs`, async () => {
			emulator.reset();
			const r = await executeWorkflow(install, env, example.workflow.id);
			assert.ok(r.ok, executeFailure(r));
			const hubspotNodes = example.workflow.nodes.filter((n) => n.type === NODE_TYPE);
			assert.ok(hubspotNodes.length > 0, 'the example has no HubSpot Scheduler node');
			for (const n of hubspotNodes) {
				const out = nodeOutput(r.data, n.name);
				assert.ok(out && out.length > 0, `node "${n.name}" produced no items`);
				for (const item of out) assert.ok(!item.error, `node "${n.name}" item failed: ${JSON.stringify(item.error)}`);
			}
			assert.ok(emulator.requests.length > 0, 'the emulator saw no request');
			expectSpecValid(emulator);
		});
	}

	await test('create: all fields, several items, expressions', async () => {
		emulator.reset();
		const w = own[0];
		const r = await executeWorkflow(install, env, w.id);
		assert.ok(r.ok, executeFailure(r));
		const out = nodeOutput(r.data, 'Create Meeting');
		assert.equal(out?.length, wf.CREATE_ROWS.length);
		const sent = creates(emulator);
		assert.equal(sent.length, wf.CREATE_ROWS.length);
		assert.equal(emulator.createdMeetingCount(), wf.CREATE_ROWS.length);
		wf.CREATE_ROWS.forEach((row, i) => {
			const item = out[i];
			assert.equal(item.title, row.title);
			assert.equal(item.timezone, row.tz);
			assert.match(String(item.id), /^\d+$/);
			assert.match(String(item.calendarEventUrl), /^https:\/\//);
			const body = sent.find((s) => s.body.properties.hs_meeting_title === row.title)?.body;
			assert.ok(body, `no create request for ${row.title}`);
			assert.equal(body.timezone, row.tz);
			assert.equal(body.properties.hubspot_owner_id, wf.ADA.ownerId);
			assert.equal(body.properties.hs_meeting_body, `Agenda for ${row.title}`);
			assert.equal(body.properties.hs_meeting_location, 'Room 4.02');
			assert.equal(body.properties.hs_activity_type, 'DEMO');
			assert.equal(body.properties.hs_timestamp, body.properties.hs_meeting_start_time);
			assert.match(body.properties.hs_meeting_start_time, /Z$/);
			const localStart = new Date(body.properties.hs_meeting_start_time).toLocaleString('sv-SE', { timeZone: row.tz }).replace(' ', 'T');
			assert.equal(localStart, row.start, 'start is wall-clock time in the row timezone');
			assert.deepEqual((body.properties.hs_attendee_owner_ids ?? []).map(String), row.attendees);
			const contactIds = body.associations.filter((a) => a.types[0].associationTypeId === 200).map((a) => String(a.to.id));
			assert.deepEqual(contactIds.sort(), row.contacts.split(',').sort());
			assert.ok(body.associations.some((a) => String(a.to.id) === '9001' && a.types[0].associationTypeId === 212));
			assert.deepEqual(body.emailReminderSchedule.reminders, [
				{ numberOfTimeUnits: 1, timeUnit: 'DAYS' },
				{ numberOfTimeUnits: 30, timeUnit: 'MINUTES' },
			]);
			assert.equal(body.emailReminderSchedule.shouldIncludeInviteDescription, true);
			assert.equal(sent.find((s) => s.body === body).query.organizerUserId, wf.ADA.userId);
		});
		expectSpecValid(emulator);
	});

	await test('continue on fail: a bad item fails alone', async () => {
		emulator.reset();
		const r = await executeWorkflow(install, env, own[1].id);
		assert.ok(r.ok, executeFailure(r));
		const out = nodeOutput(r.data, 'Create Meeting');
		assert.equal(out?.length, 3);
		assert.ok(out[0].id && !out[0].error, 'first item created');
		assert.ok(out[1].error, `second item carries the error: ${JSON.stringify(out[1])}`);
		assert.match(JSON.stringify(out[1].error), /end|after|start/i);
		assert.ok(out[2].id && !out[2].error, 'third item created');
		assert.equal(emulator.createdMeetingCount(), 2);
		expectSpecValid(emulator);
	});

	for (const t of extra) {
		await test(t.name, async () => {
			emulator.reset();
			if (t.before) await t.before(emulator);
			const w = extraWorkflows[extra.indexOf(t)];
			const r = await executeWorkflow(install, env, w.id);
			await t.check({ r, emulator, nodeOutput: (name) => nodeOutput(r.data, name), nodeError: (name) => nodeError(r.data, name), assert });
			expectSpecValid(emulator);
		});
	}

	// ---------------------------------------------------------------------------------------------
	log('server phase: n8n start with CREDENTIALS_OVERWRITE_DATA');
	const serverEnv = {
		...env,
		CREDENTIALS_OVERWRITE_DATA: JSON.stringify({
			[OAUTH2_CREDENTIAL_TYPE]: { authUrl: sandbox.authorizeUrl, accessTokenUrl: sandbox.tokenUrl },
		}),
	};
	let n8n;
	const rest = new N8nRest(`http://localhost:${PORT}`);
	await test('n8n starts and an owner logs in', async () => {
		n8n = await startN8n(install, serverEnv, { name: 'n8n main' });
		stoppers.push(() => n8n.stop());
		log(`n8n started in ${n8n.startSeconds.toFixed(1)} s`);
		await rest.ensureOwnerAndLogin();
	}, { setup: true });
	if (!n8n) return;

	await test('n8n lists the node, its tool variant and both credentials', async () => {
		const nodes = await rest.request('GET', '/types/nodes.json');
		const names = nodes.map((n) => n.name);
		assert.ok(names.includes(NODE_TYPE), `${NODE_TYPE} missing`);
		assert.ok(names.includes(TOOL_NODE_TYPE), `${TOOL_NODE_TYPE} missing`);
		const node = nodes.find((n) => n.name === NODE_TYPE);
		assert.equal(node.displayName, 'HubSpot Scheduler');
		const creds = (await rest.request('GET', '/types/credentials.json')).map((c) => c.name);
		assert.ok(creds.includes(TOKEN_CREDENTIAL_TYPE) && creds.includes(OAUTH2_CREDENTIAL_TYPE), `credentials: ${creds.filter((c) => /hubspot/i.test(c))}`);
	});

	await test('OAuth2: connect flow end to end (scopes, consent, callback, token exchange)', async () => {
		emulator.reset();
		const authUrl = await rest.request('GET', `/rest/oauth2-credential/auth?id=${CREDS.oauth2.id}`);
		const url = new URL(authUrl);
		assert.equal(`${url.origin}${url.pathname}`, sandbox.authorizeUrl);
		assert.equal(url.searchParams.get('client_id'), sandbox.oauthClient.clientId);
		assert.deepEqual(url.searchParams.get('scope').split(/\s+/).sort(), [
			'crm.objects.contacts.read',
			'crm.objects.contacts.write',
			'crm.objects.owners.read',
			'oauth',
			'scheduler.meetings.meeting-link.read',
		]);
		assert.equal(url.searchParams.get('redirect_uri'), `http://localhost:${PORT}/rest/oauth2-credential/callback`);
		const consent = await fetch(authUrl, { redirect: 'manual' });
		assert.equal(consent.status, 302, 'the consent page redirects back to n8n');
		const callback = consent.headers.get('location');
		assert.ok(callback.startsWith(`http://localhost:${PORT}/rest/oauth2-credential/callback?`), callback);
		const done = await rest.request('GET', callback, undefined, { raw: true });
		const html = await done.text();
		assert.equal(done.status, 200, html.slice(0, 500));
		const tokenCalls = emulator.requests.filter((r) => r.path.startsWith('/oauth/') && r.path.endsWith('/token'));
		assert.equal(tokenCalls.length, 1, 'one token exchange');
		assert.equal(tokenCalls[0].status, 200, JSON.stringify(tokenCalls[0].responseBody));
		assert.equal(tokenCalls[0].body.grant_type, 'authorization_code');
		assert.equal(tokenCalls[0].body.client_id, sandbox.oauthClient.clientId, 'client id in the body');
		assert.equal(tokenCalls[0].body.client_secret, sandbox.oauthClient.clientSecret, 'client secret in the body');
		assert.equal(emulator.issuedTokens.filter((t) => t.grantType === 'authorization_code').length, 1);
		expectSpecValid(emulator);
	});

	await test('OAuth2: a create succeeds, then an expired token is refreshed once and the run continues', async () => {
		emulator.reset();
		await rest.activateWorkflow(own[2].id);
		await rest.waitForWebhook(wf.OAUTH_WEBHOOK_PATH);
		const call = async (title) => {
			const res = await fetch(`http://localhost:${PORT}/webhook/${wf.OAUTH_WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ title, start: '2026-09-01T10:00:00', end: '2026-09-01T10:30:00' }),
			});
			const text = await res.text();
			assert.equal(res.status, 200, `${text.slice(0, 300)}\n--- n8n log tail:\n${n8n.output.slice(-2500)}`);
			return JSON.parse(text);
		};
		const first = await call('OAuth2 meeting 1');
		const firstItem = Array.isArray(first) ? first[0] : first;
		assert.equal(firstItem.title, 'OAuth2 meeting 1');
		const issued = emulator.issuedTokens.at(-1);
		assert.ok(issued, 'a token was issued');
		emulator.expireAccessToken(issued.accessToken);
		const second = await call('OAuth2 meeting 2');
		const secondItem = Array.isArray(second) ? second[0] : second;
		assert.equal(secondItem.title, 'OAuth2 meeting 2');
		const refreshes = emulator.issuedTokens.filter((t) => t.grantType === 'refresh_token');
		assert.equal(refreshes.length, 1, 'exactly one refresh');
		const unauthorized = emulator.requests.filter((r) => r.status === 401);
		assert.equal(unauthorized.length, 1, 'one 401 before the refresh');
		const refreshCall = emulator.requests.find((r) => r.body?.grant_type === 'refresh_token');
		assert.equal(refreshCall.body.client_secret, sandbox.oauthClient.clientSecret);
		assert.equal(emulator.createdMeetingCount(), 2);
		const creators = creates(emulator).filter((r) => r.status === 200).map((r) => r.headers.authorization);
		assert.notEqual(creators[0], creators[1], 'the second create used the refreshed token');
		expectSpecValid(emulator);
	});

	await test('AI tool: the generated tool variant runs with agent-style arguments (via MCP)', async () => {
		emulator.reset();
		await rest.activateWorkflow(own[3].id);
		await rest.waitForWebhook(wf.MCP_PATH, { prefix: 'mcp' });
		const mcp = new McpClient(`http://localhost:${PORT}/mcp/${wf.MCP_PATH}`);
		await mcp.initialize();
		const tools = await mcp.call('tools/list', {});
		const tool = tools.tools.find((t) => /hubspot/i.test(t.name));
		assert.ok(tool, `tool listed: ${JSON.stringify(tools.tools.map((t) => t.name))}`);
		const props = Object.keys(tool.inputSchema?.properties ?? {});
		for (const p of ['organizerUserId', 'title', 'start', 'end', 'timezone', 'contactIds']) assert.ok(props.includes(p), `schema has ${p}: ${props}`);
		const result = await mcp.call('tools/call', {
			name: tool.name,
			arguments: {
				organizerUserId: wf.ADA.userId,
				title: 'Booked by an agent',
				start: '2026-10-05T09:00:00Z',
				end: '2026-10-05T09:30:00Z',
				timezone: 'Europe/Berlin',
				contactIds: '501',
			},
		});
		assert.ok(!result.isError, JSON.stringify(result).slice(0, 800));
		const sent = creates(emulator);
		assert.equal(sent.length, 1, 'one create');
		assert.equal(sent[0].body.properties.hs_meeting_title, 'Booked by an agent');
		assert.equal(sent[0].body.properties.hs_meeting_start_time, '2026-10-05T09:00:00.000Z');
		assert.equal(sent[0].query.organizerUserId, wf.ADA.userId);
		assert.match(JSON.stringify(result.content), /Booked by an agent/);
		expectSpecValid(emulator);
	});
}

/** A minimal MCP client (streamable HTTP transport): JSON-RPC over POST, answers as JSON or SSE. */
class McpClient {
	constructor(url) {
		this.url = url;
		this.session = undefined;
		this.seq = 0;
	}

	async post(message) {
		const res = await fetch(this.url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				Accept: 'application/json, text/event-stream',
				...(this.session ? { 'mcp-session-id': this.session } : {}),
			},
			body: JSON.stringify(message),
			signal: AbortSignal.timeout(60_000),
		});
		this.session = res.headers.get('mcp-session-id') ?? this.session;
		if (!res.ok && res.status !== 202) throw new Error(`MCP ${message.method} -> ${res.status}: ${(await res.text()).slice(0, 500)}`);
		if (message.id === undefined) {
			await res.body?.cancel().catch(() => {});
			return undefined;
		}
		// JSON, or an event stream that may stay open after the answer: read until the reply with our id.
		const isStream = (res.headers.get('content-type') ?? '').includes('event-stream');
		const reader = res.body.getReader();
		const decoder = new TextDecoder();
		let text = '';
		let reply;
		while (!reply) {
			const { value, done } = await reader.read();
			if (value) text += decoder.decode(value, { stream: true });
			if (isStream) {
				for (const line of text.split('\n')) {
					if (!line.startsWith('data:')) continue;
					const payload = JSON.parse(line.slice(5));
					if (payload.id === message.id) reply = payload;
				}
			} else if (done) {
				reply = text.trim() ? JSON.parse(text) : undefined;
			}
			if (done) break;
		}
		await reader.cancel().catch(() => {});
		if (reply?.error) throw new Error(`MCP ${message.method}: ${JSON.stringify(reply.error)}`);
		return reply?.result;
	}

	call(method, params) {
		return this.post({ jsonrpc: '2.0', id: ++this.seq, method, params });
	}

	async initialize() {
		await this.call('initialize', {
			protocolVersion: '2025-03-26',
			capabilities: {},
			clientInfo: { name: 'hubspot-scheduler-e2e', version: '1.0.0' },
		});
		await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
	}
}

const timer = setTimeout(() => {
	console.log(`[e2e] suite time limit (${SUITE_TIMEOUT_MS / 1000} s) reached`);
	results.push({ name: 'suite time limit', ok: false });
	void finish();
}, SUITE_TIMEOUT_MS + 120_000);

async function finish(error) {
	clearTimeout(timer);
	if (error) {
		results.push({ name: 'suite setup', ok: false, error });
		console.log(`  ✘ suite setup: ${error.stack || error}`);
	}
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(`[e2e] n8n ${process.env.N8N_VERSION || chooseVersion()}: ${((Date.now() - suiteStart) / 1000).toFixed(0)} s`);
	console.log(`e2e: ${passed} passed, ${failed} failed`);
	await shutdown(failed || results.length === 0 ? 1 : 0);
}

main().then(() => finish(), (e) => finish(e));
