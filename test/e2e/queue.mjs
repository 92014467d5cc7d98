#!/usr/bin/env node
/**
 * `npm run test:queue`: n8n in queue mode — main + 2 workers, Redis and PostgreSQL from Debian's packages
 * on 127.0.0.1 — creating QUEUE_MEETINGS (default 300) meetings against one emulator account whose burst
 * limit is HubSpot's (QUEUE_RATE_MAX per 10 s, default 100). The meetings arrive as QUEUE_EXECUTIONS webhook
 * calls (default 30), which n8n's queue spreads over both workers.
 *
 * Checks: every execution succeeded, the emulator holds exactly QUEUE_MEETINGS meetings with distinct titles
 * (0 failed, 0 duplicated), both workers ran executions; reports the 429s the emulator answered and wall time.
 * Installs redis-server and postgresql with apt-get when missing (root). Prints "queue: N passed, M failed".
 */
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import {
	N8nRest,
	NODE_TYPE,
	TOKEN_CREDENTIAL_TYPE,
	buildAndPack,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	loadSandboxModule,
	n8nEnv,
	onShutdown,
	startN8n,
} from '../../scripts/lib/n8n.mjs';
import { CACHE, chooseVersion, ensureN8n } from '../../scripts/lib/n8n-install.mjs';
import { prepareWorkflow, stableId } from '../../scripts/lib/workflows.mjs';

const MEETINGS = Number(process.env.QUEUE_MEETINGS || 300);
const EXECUTIONS = Number(process.env.QUEUE_EXECUTIONS || 30);
const PARALLEL = Number(process.env.QUEUE_PARALLEL || 6);
const RATE_MAX = Number(process.env.QUEUE_RATE_MAX || 100);
const WORKER_CONCURRENCY = Number(process.env.QUEUE_WORKER_CONCURRENCY || 5);
const PORT = Number(process.env.QUEUE_PORT || 5700);
const REDIS_PORT = Number(process.env.QUEUE_REDIS_PORT || 6391);
const PG_PORT = Number(process.env.QUEUE_PG_PORT || 5441);
const TIME_LIMIT_MS = Number(process.env.QUEUE_TIMEOUT_S || 900) * 1000;
const WEBHOOK_PATH = 'hubspot-queue-e2e';
const CRED = { id: 'queueTokenCred01', name: 'queue service key' };

const stoppers = [];
const shutdown = onShutdown(stoppers);
const results = [];
const t0 = Date.now();

function log(...args) {
	console.log('[queue]', ...args);
}

function which(bin) {
	try {
		return execFileSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).trim();
	} catch {
		return '';
	}
}

function postgresBin() {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const v = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
	return v ? path.join(base, v, 'bin') : undefined;
}

function ensureDebianPackages() {
	const missing = [];
	if (!which('redis-server')) missing.push('redis-server');
	if (!postgresBin()) missing.push('postgresql');
	if (!missing.length) return;
	log(`installing ${missing.join(', ')} from Debian`);
	execFileSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`], {
		stdio: 'inherit',
		timeout: 600_000,
	});
}

/** A long-running child we started; stop() ends it (SIGTERM, then SIGKILL). */
function daemon(name, cmd, args, opts = {}) {
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
	let output = '';
	child.stdout.on('data', (d) => (output = (output + d).slice(-20000)));
	child.stderr.on('data', (d) => (output = (output + d).slice(-20000)));
	const exited = new Promise((resolve) => child.on('close', resolve));
	const handle = {
		name,
		get output() {
			return output;
		},
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			if ((await Promise.race([exited.then(() => 'ok'), sleep(15_000)])) !== 'ok') child.kill('SIGKILL');
		},
	};
	stoppers.push(() => handle.stop());
	return handle;
}

async function waitFor(what, fn, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await fn().catch(() => false)) return;
		await sleep(300);
	}
	throw new Error(`${what} not ready within ${timeoutMs / 1000} s`);
}

async function startRedis() {
	const redis = daemon('redis', which('redis-server'), ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
	await waitFor('redis', async () => /Ready to accept connections/i.test(redis.output));
	return redis;
}

async function startPostgres(workDir) {
	const bin = postgresBin();
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	const isRoot = process.getuid?.() === 0;
	const dataDir = path.join(workDir, 'pgdata');
	mkdirSync(dataDir, { recursive: true });
	if (isRoot) {
		chmodSync(workDir, 0o755);
		execFileSync('chown', ['-R', `${uid}:${gid}`, dataDir]);
	}
	const asPg = isRoot ? { uid, gid } : {};
	execFileSync(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], {
		...asPg,
		stdio: 'ignore',
		env: { ...process.env, HOME: dataDir },
	});
	const pg = daemon(
		'postgres',
		path.join(bin, 'postgres'),
		['-D', dataDir, '-p', String(PG_PORT), '-h', '127.0.0.1', '-k', dataDir, '-c', 'fsync=off', '-c', 'max_connections=100'],
		{ ...asPg, env: { ...process.env, HOME: dataDir } },
	);
	await waitFor('postgres', async () => /ready to accept connections/i.test(pg.output));
	execFileSync(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(PG_PORT), '-U', 'postgres', 'n8n'], { stdio: 'ignore' });
	return pg;
}

function queueWorkflow() {
	return prepareWorkflow(
		{
			id: stableId('queue:create'),
			name: 'queue: create meetings from a webhook',
			nodes: [
				{
					parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
					id: 'q-webhook',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'c9f6e3a4-7d8b-4a5c-9e0f-2a3b4c5d6e7f',
				},
				{
					parameters: { fieldToSplitOut: 'body.rows', options: {} },
					id: 'q-split',
					name: 'Split Rows',
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					position: [200, 0],
				},
				{
					parameters: {
						authentication: 'accessToken',
						resource: 'meeting',
						operation: 'createCalendarEvent',
						organizerUserId: '9000001',
						title: '={{ $json.title }}',
						startTime: '={{ $json.start }}',
						endTime: '={{ $json.end }}',
						timezone: 'Europe/Berlin',
					},
					id: 'q-create',
					name: 'Create Meeting',
					type: NODE_TYPE,
					typeVersion: 1,
					position: [400, 0],
					credentials: { [TOKEN_CREDENTIAL_TYPE]: CRED },
				},
			],
			connections: {
				Webhook: { main: [[{ node: 'Split Rows', type: 'main', index: 0 }]] },
				'Split Rows': { main: [[{ node: 'Create Meeting', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		},
		{ key: 'queue', credentials: { token: CRED } },
	);
}

async function main() {
	ensureDebianPackages();
	const install = await ensureN8n(chooseVersion());
	log(`n8n ${install.version} on Node ${install.nodeMajor}; ${MEETINGS} meetings in ${EXECUTIONS} executions, burst limit ${RATE_MAX}/10 s`);
	const tarball = await buildAndPack({ build: !process.env.QUEUE_NO_BUILD });
	const { startSandbox } = await loadSandboxModule();
	const sandbox = await startSandbox({ rateLimit: { max: RATE_MAX, intervalMs: 10_000 }, latencyMs: 30 });
	stoppers.push(() => sandbox.stop());
	const emulator = sandbox.emulator;

	mkdirSync(path.join(CACHE, 'queue'), { recursive: true });
	const work = mkdtempSync(path.join(CACHE, 'queue', `n8n-${install.version}-`));
	stoppers.unshift(() => rmSync(work, { recursive: true, force: true }));
	await startRedis();
	await startPostgres(work);
	log('redis and postgres are up');

	const home = path.join(work, 'home');
	mkdirSync(home, { recursive: true });
	const queueEnv = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(REDIS_PORT),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(PG_PORT),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_LOG_LEVEL: 'info',
	};
	const env = n8nEnv(home, { port: PORT, extra: queueEnv });
	await installCommunityPackage(home, tarball);
	await importCredentials(install, env, [
		{ ...CRED, type: TOKEN_CREDENTIAL_TYPE, data: { accessToken: sandbox.serviceKey, baseUrl: sandbox.apiUrl } },
	]);
	const workflow = queueWorkflow();
	await importWorkflows(install, env, [workflow]);

	const main = await startN8n(install, env, { name: 'n8n main' });
	stoppers.push(() => main.stop());
	const rest = new N8nRest(`http://127.0.0.1:${PORT}`);
	await rest.ensureOwnerAndLogin();
	const workers = [];
	for (let i = 1; i <= 2; i++) {
		const wEnv = n8nEnv(home, {
			port: PORT + i,
			extra: { ...queueEnv, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(PORT + 10 + i) },
		});
		const finished = new Set();
		const worker = await startN8n(install, wEnv, {
			command: ['worker', `--concurrency=${WORKER_CONCURRENCY}`],
			name: `worker ${i}`,
			log: (text) => {
				for (const m of text.matchAll(/Worker finished execution (\d+)/g)) finished.add(m[1]);
			},
		});
		stoppers.push(() => worker.stop());
		workers.push({ worker, finished });
	}
	log(`main + 2 workers up (main ${main.startSeconds.toFixed(0)} s)`);
	await rest.activateWorkflow(workflow.id);
	await rest.waitForWebhook(WEBHOOK_PATH);

	// The load: EXECUTIONS webhook calls, PARALLEL at a time, MEETINGS rows in all.
	const per = Math.ceil(MEETINGS / EXECUTIONS);
	const batches = [];
	for (let e = 0; e < EXECUTIONS; e++) {
		const rows = [];
		for (let i = e * per; i < Math.min(MEETINGS, (e + 1) * per); i++) {
			const day = String(1 + (i % 28)).padStart(2, '0');
			const hour = String(8 + (i % 9)).padStart(2, '0');
			rows.push({ title: `Queue meeting ${String(i + 1).padStart(4, '0')}`, start: `2026-11-${day}T${hour}:00:00`, end: `2026-11-${day}T${hour}:30:00` });
		}
		if (rows.length) batches.push(rows);
	}
	emulator.reset();
	const loadStart = Date.now();
	const answers = [];
	let next = 0;
	const deadline = Date.now() + TIME_LIMIT_MS;
	await Promise.all(
		Array.from({ length: PARALLEL }, async () => {
			while (next < batches.length && Date.now() < deadline) {
				const rows = batches[next++];
				const res = await fetch(`http://127.0.0.1:${PORT}/webhook/${WEBHOOK_PATH}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ rows }),
					signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())),
				}).catch((e) => ({ ok: false, status: 0, text: async () => String(e) }));
				const text = await res.text();
				let items;
				try {
					items = JSON.parse(text);
				} catch {
					items = undefined;
				}
				answers.push({ ok: res.ok, status: res.status, rows: rows.length, items, text: res.ok ? '' : text.slice(0, 300) });
			}
		}),
	);
	const wallSeconds = (Date.now() - loadStart) / 1000;

	const creates = emulator.requests.filter((r) => r.method === 'POST' && /\/meetings\/calendar$/.test(r.path));
	const status429 = creates.filter((r) => r.status === 429).length;
	const all429 = emulator.requests.filter((r) => r.status === 429).length;
	const titles = [...emulator.meetings.values()].map((m) => m.properties.hs_meeting_title);
	const distinct = new Set(titles).size;
	const failedCalls = answers.filter((a) => !a.ok);
	const itemErrors = answers.flatMap((a) => (Array.isArray(a.items) ? a.items : [])).filter((i) => i && i.error).length;
	const perWorker = workers.map((w) => w.finished.size);
	const figures = {
		n8n: install.version,
		meetingsRequested: MEETINGS,
		executions: batches.length,
		meetingsCreated: emulator.meetings.size,
		duplicated: titles.length - distinct,
		missing: MEETINGS - distinct,
		failedExecutions: failedCalls.length,
		failedItems: itemErrors,
		createRequests: creates.length,
		responses429: all429,
		create429: status429,
		specProblems: emulator.requests.reduce((n, r) => n + r.validationErrors.length, 0) + emulator.responseValidationErrors.length,
		executionsPerWorker: perWorker,
		wallSeconds: Number(wallSeconds.toFixed(1)),
	};
	log(`figures: ${JSON.stringify(figures)}`);
	if (failedCalls.length) log(`first failed call: ${JSON.stringify(failedCalls[0])}`);

	const check = (name, fn) => {
		try {
			fn();
			results.push({ name, ok: true });
			console.log(`  ✔ ${name}`);
		} catch (e) {
			results.push({ name, ok: false });
			console.log(`  ✘ ${name}: ${e.message}`);
		}
	};
	check(`every execution succeeded (${batches.length})`, () => assert.equal(failedCalls.length, 0));
	check(`${MEETINGS} meetings created, 0 failed items`, () => {
		assert.equal(itemErrors, 0);
		assert.equal(distinct, MEETINGS);
	});
	check('0 duplicated', () => assert.equal(titles.length, distinct));
	check('both workers ran executions, each execution once', () => {
		assert.ok(perWorker.every((n) => n > 0), JSON.stringify(perWorker));
		assert.equal(perWorker[0] + perWorker[1], batches.length);
	});
	check('all traffic spec-valid', () => assert.equal(figures.specProblems, 0));
}

const guard = setTimeout(() => {
	results.push({ name: 'time limit', ok: false });
	void finish();
}, TIME_LIMIT_MS + 300_000);

async function finish(error) {
	clearTimeout(guard);
	if (error) {
		results.push({ name: 'setup', ok: false });
		console.log(`  ✘ setup: ${error.stack || error}`);
	}
	const passed = results.filter((r) => r.ok).length;
	console.log(`[queue] ${((Date.now() - t0) / 1000).toFixed(0)} s in all`);
	console.log(`queue: ${passed} passed, ${results.length - passed} failed`);
	await shutdown(results.length - passed || !passed ? 1 : 0);
}

main().then(() => finish(), (e) => finish(e));
