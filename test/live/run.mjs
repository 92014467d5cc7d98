#!/usr/bin/env node
/**
 * `npm run test:live`: the e2e workflows against the real HubSpot, opt-in. With a developer test account's
 * service key in HUBSPOT_TEST_ACCOUNT_TOKEN it builds the node, runs the scenarios of test/live/scenarios.ts
 * in-process through n8n-core's engine (test/harness; no n8n install), deletes what it created, and writes
 * the answers HubSpot gave (redacted) to test/live/fixtures/, which test/live/live.test.ts compares the
 * emulator's answers with. Without a token it says how to get one and exits 0 ("skipped").
 *
 * HUBSPOT_BASE_URL switches the target (npm test points it at the emulator to test this plumbing);
 * answers from anywhere but https://api.hubapi.com go to .cache/live-fixtures unless
 * HUBSPOT_LIVE_FIXTURES_DIR says otherwise. HUBSPOT_LIVE_BOOK=1 also books through a meeting link;
 * HUBSPOT_LIVE_BURST (default 8, at most 20) sets the burst size; HUBSPOT_LIVE_ORGANIZER_USER_ID and
 * HUBSPOT_LIVE_MEETING_LINK replace the pickers' first organizer and link (e.g. a user whose calendar is
 * connected); LIVE_NO_BUILD=1 skips `npm run build`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { ROOT, run } from '../../scripts/lib/n8n-install.mjs';
import { transpileFolders } from '../../scripts/lib/transpile.mjs';

const HUBSPOT_API = 'https://api.hubapi.com';
const TOKEN_ENV = 'HUBSPOT_TEST_ACCOUNT_TOKEN';
const SCOPES = [
	'crm.objects.contacts.write',
	'crm.objects.contacts.read',
	'crm.objects.owners.read',
	'scheduler.meetings.meeting-link.read',
];
const log = (line) => console.log(`[live] ${line}`);

const HOW_TO = `npm run test:live runs the e2e workflows against the real HubSpot (api.hubapi.com). It needs a
service key of a HubSpot developer test account in ${TOKEN_ENV}:
  1. Create a free developer account: https://app.hubspot.com/signup-hubspot/developers
  2. In it, create a developer test account (Test accounts -> Create test account) and open it.
  3. In the test account: Development -> Keys -> Service keys -> Create service key, with the scopes
     ${SCOPES.join(', ')}
     (the README's Credentials section). Copy the key.
  4. ${TOKEN_ENV}=<the key> npm run test:live
It creates meetings in that account and deletes them again, reads its meeting links, and records
HubSpot's answers (ids, names and links redacted) in test/live/fixtures/.`;

async function main() {
	const token = process.env[TOKEN_ENV]?.trim();
	if (!token) {
		console.log(HOW_TO);
		console.log(`test:live: skipped (${TOKEN_ENV} is not set)`);
		return 0;
	}
	const baseUrl = (process.env.HUBSPOT_BASE_URL || HUBSPOT_API).replace(/\/+$/, '');
	const live = baseUrl === HUBSPOT_API;
	const fixturesDir = path.resolve(
		process.env.HUBSPOT_LIVE_FIXTURES_DIR ||
			(live
				? path.join(ROOT, 'test', 'live', 'fixtures')
				: path.join(ROOT, '.cache', 'live-fixtures')),
	);
	const burst = Math.min(
		20,
		Math.max(1, Number.parseInt(process.env.HUBSPOT_LIVE_BURST ?? '8', 10) || 8),
	);
	const deadline = setTimeout(
		() => {
			console.error('test:live: gave up after HUBSPOT_LIVE_TIMEOUT_S seconds');
			process.exit(1);
		},
		1000 * Number(process.env.HUBSPOT_LIVE_TIMEOUT_S || 600),
	);
	deadline.unref();

	log(`target ${live ? HUBSPOT_API : `${baseUrl} (not HubSpot: fixtures are not live ones)`}`);
	if (process.env.LIVE_NO_BUILD !== '1')
		await run('npm', ['run', 'build'], { cwd: ROOT, label: 'npm run build' });

	// n8n-core writes an instance file into its user folder; the emulator's spec loader needs the contract.
	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'n8n-hubspot-scheduler-live-'));
	process.env.N8N_USER_FOLDER = userFolder;
	process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
	process.env.N8N_LOG_LEVEL ??= 'silent';
	process.env.HUBSPOT_OPENAPI_DIR ??= path.join(ROOT, 'test', 'emulator', 'contract');
	const build = transpileFolders(['test/live', 'test/harness', 'test/emulator'], {
		prefix: 'live-',
	});
	try {
		const require = createRequire(import.meta.url);
		const { Recorder } = require(path.join(build, 'test/live/recorder.js'));
		const { runLiveCheck } = require(path.join(build, 'test/live/scenarios.js'));
		const { fixturesFrom, writeFixtures } = require(path.join(build, 'test/live/fixtures.js'));
		const { getSpecRegistry } = require(path.join(build, 'test/emulator/spec.js'));
		const { extraWorkflowTests } = await import('../e2e/workflows/operations.mjs');
		const { continueOnFail } = await import('../e2e/workflows/index.mjs');
		const workflows = { 'continue on fail': continueOnFail() };
		for (const t of extraWorkflowTests()) workflows[t.name] = t.workflow;

		const recorder = new Recorder(baseUrl);
		const proxyUrl = await recorder.start();
		let report;
		try {
			report = await runLiveCheck({
				repoRoot: ROOT,
				proxyUrl,
				recorder,
				token,
				workflows,
				book: process.env.HUBSPOT_LIVE_BOOK === '1',
				burst,
				organizerUserId: process.env.HUBSPOT_LIVE_ORGANIZER_USER_ID || undefined,
				slug: process.env.HUBSPOT_LIVE_MEETING_LINK || undefined,
				log,
			});
		} finally {
			await recorder.stop();
		}

		const registry = getSpecRegistry();
		const operationOf = (method, urlPath) => {
			const match = registry.match(method, urlPath);
			return match ? `${method} ${match.template}` : undefined;
		};
		const files = writeFixtures(
			fixturesDir,
			fixturesFrom(recorder.exchanges, baseUrl, operationOf),
		);
		const shown = fixturesDir.startsWith(ROOT + path.sep)
			? path.relative(ROOT, fixturesDir)
			: fixturesDir;
		log(`${recorder.exchanges.length} answers seen; ${files.length} fixture(s) in ${shown}`);
		for (const left of report.leftovers) log(`left behind: ${left}`);

		const count = (status) => report.results.filter((r) => r.status === status).length;
		const lostMeetings = report.leftovers.filter((l) => l.startsWith('meeting ')).length;
		console.log(
			`test:live: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`,
		);
		return count('failed') === 0 && lostMeetings === 0 ? 0 : 1;
	} finally {
		rmSync(build, { recursive: true, force: true });
		rmSync(userFolder, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error('test:live crashed:', error?.stack ?? error);
		process.exit(1);
	},
);
