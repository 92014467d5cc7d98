#!/usr/bin/env node
/**
 * `npm run test:e2e`: the packed node inside a real n8n, against the HubSpot emulator.
 *
 *   N8N_VERSION=1.123.81 npm run test:e2e    another n8n line (installed into .cache/ on first use)
 *   E2E_ONLY=oauth npm run test:e2e          only tests whose name contains the text
 *   E2E_KEEP=1 npm run test:e2e              keep the temporary n8n user folder
 *
 * Three phases: cliPhase.mjs (install, import, `n8n execute`), serverPhase.mjs (`n8n start`: node
 * lists, OAuth2 connect and refresh, webhooks, the AI tool over MCP), then triggerPhase.mjs (an active
 * HubSpot Scheduler Trigger polling every minute, across an n8n restart: about 4 minutes).
 *
 * Prints "e2e: N passed, M failed" last; exits non-zero on any failure.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

import { buildAndPack, loadSandboxModule, n8nEnv } from '../../scripts/lib/n8n.mjs';
import { CACHE, chooseVersion, ensureN8n } from '../../scripts/lib/n8n-install.mjs';
import { cliPhase } from './cliPhase.mjs';
import { serverPhase } from './serverPhase.mjs';
import { triggerPhase } from './triggerPhase.mjs';
import { createSuite } from './suite.mjs';

const PORT = Number(process.env.E2E_PORT || 5688);
const SUITE_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_S || 1500) * 1000;

const CREDS = {
	token: { id: 'e2eTokenCred0001', name: 'e2e service key' },
	oauth2: { id: 'e2eOAuth2Cred001', name: 'e2e OAuth2' },
};

const stoppers = [];
const { test, finish } = createSuite({
	label: 'e2e',
	stoppers,
	timeLimitMs: SUITE_TIMEOUT_MS,
	guardMs: SUITE_TIMEOUT_MS + 120_000,
	only: process.env.E2E_ONLY,
	setupName: 'suite setup',
	timeLimitName: 'suite time limit',
	onTimeLimit: () => console.log(`[e2e] suite time limit (${SUITE_TIMEOUT_MS / 1000} s) reached`),
	footer: (seconds) => `[e2e] n8n ${process.env.N8N_VERSION || chooseVersion()}: ${seconds} s`,
});

function log(...args) {
	console.log('[e2e]', ...args);
}

async function main() {
	const version = chooseVersion();
	log(`n8n ${version}`);
	const install = await ensureN8n(version);
	log(
		`n8n ${install.version} on Node ${install.nodeMajor}: ${install.fresh ? `installed in ${install.installSeconds} s` : 'cached'}`,
	);
	const tarball = await buildAndPack({ build: !process.env.E2E_NO_BUILD });
	const { startSandbox } = await loadSandboxModule();
	const sandbox = await startSandbox();
	stoppers.push(() => sandbox.stop());
	log(`emulator on ${sandbox.apiUrl}`);

	mkdirSync(path.join(CACHE, 'e2e'), { recursive: true });
	const home = mkdtempSync(path.join(CACHE, 'e2e', `n8n-${install.version}-`));
	if (!process.env.E2E_KEEP) stoppers.unshift(() => rmSync(home, { recursive: true, force: true }));
	const env = n8nEnv(home, { port: PORT });

	log('CLI phase: install, import, n8n execute');
	const own = await cliPhase({ test, install, env, home, tarball, sandbox, credentials: CREDS });
	const server = await serverPhase({
		test,
		log,
		install,
		env,
		port: PORT,
		sandbox,
		stoppers,
		credentials: CREDS,
		own,
	});
	if (server)
		await triggerPhase({ test, log, install, sandbox, stoppers, credentials: CREDS, server });
}

main().then(
	() => finish(),
	(e) => finish(e),
);
