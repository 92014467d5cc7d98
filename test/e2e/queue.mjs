#!/usr/bin/env node
/**
 * `npm run test:queue`: n8n in queue mode — main + 2 workers, Redis and PostgreSQL from Debian's packages
 * on 127.0.0.1 — creating QUEUE_MEETINGS (default 300) meetings against one emulator account whose burst
 * limit is HubSpot's (QUEUE_RATE_MAX per 10 s, default 100). The meetings arrive as QUEUE_EXECUTIONS webhook
 * calls (default 30), which n8n's queue spreads over both workers.
 *
 * Two rounds: cold (the workers' first executions, with their own reads of the owner and the account details),
 * then warm (one window later, the same workers: only creates). Checks per round: every execution succeeded,
 * the emulator holds exactly QUEUE_MEETINGS meetings with distinct titles (0 failed, 0 duplicated), both
 * workers ran executions; reports the 429s the emulator answered, wall time and wall ÷ floor (of the creates,
 * and of every request HubSpot counted).
 * Installs redis-server and postgresql with apt-get when missing (root): queueServices.mjs; the load and
 * its figures: queueLoad.mjs; the workflow: workflows/queue.mjs. Prints "queue: N passed, M failed".
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	N8nRest,
	TOKEN_CREDENTIAL_TYPE,
	buildAndPack,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	loadSandboxModule,
	n8nEnv,
	startN8n,
} from '../../scripts/lib/n8n.mjs';
import { chooseVersion, ensureN8n } from '../../scripts/lib/n8n-install.mjs';
import { measure, meetingBatches, sendLoad } from './queueLoad.mjs';
import { ensureDebianPackages, startPostgres, startRedis } from './queueServices.mjs';
import { createSuite } from './suite.mjs';
import { queueWorkflow } from './workflows/queue.mjs';

const MEETINGS = Number(process.env.QUEUE_MEETINGS || 300);
const EXECUTIONS = Number(process.env.QUEUE_EXECUTIONS || 30);
const PARALLEL = Number(process.env.QUEUE_PARALLEL || 6);
const RATE_MAX = Number(process.env.QUEUE_RATE_MAX || 100);
const WORKER_CONCURRENCY = Number(process.env.QUEUE_WORKER_CONCURRENCY || 5);
const PORT = Number(process.env.QUEUE_PORT || 5700);
const REDIS_PORT = Number(process.env.QUEUE_REDIS_PORT || 6391);
const PG_PORT = Number(process.env.QUEUE_PG_PORT || 5441);
const TIME_LIMIT_MS = Number(process.env.QUEUE_TIMEOUT_S || 900) * 1000;
const WINDOW = { max: RATE_MAX, intervalMs: 10_000, latencyMs: 30 };
const WEBHOOK_PATH = 'hubspot-queue-e2e';
const CRED = { id: 'queueTokenCred01', name: 'queue service key' };

const stoppers = [];
const { check, finish } = createSuite({
	label: 'queue',
	stoppers,
	timeLimitMs: TIME_LIMIT_MS,
	guardMs: TIME_LIMIT_MS + 300_000,
	setupName: 'setup',
	timeLimitName: 'time limit',
	footer: (seconds) => `[queue] ${seconds} s in all`,
});

function log(...args) {
	console.log('[queue]', ...args);
}

async function main() {
	ensureDebianPackages(log);
	const install = await ensureN8n(chooseVersion());
	log(
		`n8n ${install.version} on Node ${install.nodeMajor}; ${MEETINGS} meetings in ${EXECUTIONS} executions, burst limit ${RATE_MAX}/10 s`,
	);
	const tarball = await buildAndPack({ build: !process.env.QUEUE_NO_BUILD });
	const { startSandbox } = await loadSandboxModule();
	const sandbox = await startSandbox({
		rateLimit: { max: WINDOW.max, intervalMs: WINDOW.intervalMs },
		latencyMs: WINDOW.latencyMs,
	});
	stoppers.push(() => sandbox.stop());
	const emulator = sandbox.emulator;

	// Under the system's temp folder, not the cache: PostgreSQL runs as user postgres, which may not enter
	// root's home (where the cache usually is).
	const work = mkdtempSync(path.join(os.tmpdir(), `n8n-queue-${install.version}-`));
	stoppers.unshift(() => rmSync(work, { recursive: true, force: true }));
	await startRedis(REDIS_PORT, stoppers);
	await startPostgres(work, PG_PORT, stoppers);
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
		{
			...CRED,
			type: TOKEN_CREDENTIAL_TYPE,
			data: { accessToken: sandbox.serviceKey, baseUrl: sandbox.apiUrl },
		},
	]);
	const workflow = queueWorkflow({ webhookPath: WEBHOOK_PATH, credential: CRED });
	await importWorkflows(install, env, [workflow]);

	const main = await startN8n(install, env, { name: 'n8n main' });
	stoppers.push(() => main.stop());
	const rest = new N8nRest(`http://127.0.0.1:${PORT}`);
	await rest.ensureOwnerAndLogin();
	const workers = [];
	for (let i = 1; i <= 2; i++) {
		const wEnv = n8nEnv(home, {
			port: PORT + i,
			extra: {
				...queueEnv,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(PORT + 10 + i),
			},
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

	// Two rounds of the same load. Cold: the workers have just started, so each first reads the organizer's
	// owner and the account details (cached per process) — requests HubSpot counts too. Warm: one window later,
	// the same workers again, as a busy n8n runs: only the creates, so the pacing alone is measured.
	for (const [round, label] of ['cold', 'warm'].entries()) {
		if (round > 0) await new Promise((resolve) => setTimeout(resolve, WINDOW.intervalMs + 1000));
		await runRound(label, MEETINGS * round, { emulator, workers, n8nVersion: install.version });
	}
}

/** One round: EXECUTIONS webhook calls, PARALLEL at a time, MEETINGS rows in all; its figures and checks. */
async function runRound(label, first, { emulator, workers, n8nVersion }) {
	const batches = meetingBatches(MEETINGS, EXECUTIONS, first);
	emulator.reset();
	for (const { finished } of workers) finished.clear();
	const loadStart = Date.now();
	const answers = await sendLoad({
		url: `http://127.0.0.1:${PORT}/webhook/${WEBHOOK_PATH}`,
		batches,
		parallel: PARALLEL,
		timeLimitMs: TIME_LIMIT_MS,
	});
	const wallSeconds = (Date.now() - loadStart) / 1000;

	const { figures, titles, distinct, failedCalls, itemErrors, perWorker } = measure({
		emulator,
		answers,
		batches,
		workers,
		n8nVersion,
		meetings: MEETINGS,
		wallSeconds,
		window: WINDOW,
	});
	log(`${label} figures: ${JSON.stringify(figures)}`);
	// QUEUE_TIMELINE=file: every request the emulator saw (ms from the first webhook call, status, path),
	// one file per round (file.cold, file.warm).
	if (process.env.QUEUE_TIMELINE)
		writeFileSync(
			`${process.env.QUEUE_TIMELINE}.${label}`,
			emulator.requests
				.map((r) => `${r.receivedAt - loadStart}\t${r.status}\t${r.method} ${r.path}`)
				.join('\n') + '\n',
		);
	if (failedCalls.length) log(`first failed call: ${JSON.stringify(failedCalls[0])}`);

	check(`${label}: every execution succeeded (${batches.length})`, () =>
		assert.equal(failedCalls.length, 0),
	);
	check(`${label}: ${MEETINGS} meetings created, 0 failed items`, () => {
		assert.equal(itemErrors, 0);
		assert.equal(distinct, MEETINGS);
	});
	check(`${label}: 0 duplicated`, () => assert.equal(titles.length, distinct));
	check(`${label}: both workers ran executions, each execution once`, () => {
		assert.ok(
			perWorker.every((n) => n > 0),
			JSON.stringify(perWorker),
		);
		assert.equal(perWorker[0] + perWorker[1], batches.length);
	});
	check(`${label}: all traffic spec-valid`, () => assert.equal(figures.specProblems, 0));
}

main().then(
	() => finish(),
	(e) => finish(e),
);
