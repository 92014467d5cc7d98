#!/usr/bin/env node
/**
 * `npm run test:ui`: the node in n8n's editor, in a real browser (Debian's chromium via playwright-core).
 * Logs in, adds "HubSpot Scheduler" from the nodes panel by search, checks the icon, opens Create, picks the
 * organizer by typing a name into its locator's search (n8n's list search must get the term and the list
 * shrink to the match), fills the rest, runs the node and reads the output; then pastes a meetings URL
 * into Meeting Link (By URL) for Get Booking Info and a meeting's record URL into Meeting (By URL) for Get,
 * and checks the sandbox was asked for that link and that meeting. Saves screenshots (light and dark
 * theme) to docs/screenshots/. Needs /usr/bin/chromium (`apt-get install chromium`) or CHROMIUM_PATH.
 *
 * Prints "ui: N passed, M failed" last.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

import {
	N8nRest,
	TOKEN_CREDENTIAL_TYPE,
	buildAndPack,
	importCredentials,
	installCommunityPackage,
	loadSandboxModule,
	n8nEnv,
	onShutdown,
	startN8n,
} from '../../scripts/lib/n8n.mjs';
import { CACHE, ROOT, chooseVersion, ensureN8n } from '../../scripts/lib/n8n-install.mjs';
import { STEP_TIMEOUT, useTheme } from './editor.mjs';
import { runEditorFlow } from './flow.mjs';

const PORT = Number(process.env.UI_PORT || 5698);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const DEBUG_SHOTS = path.join(CACHE, 'ui-debug');
const SUITE_TIMEOUT_MS = Number(process.env.UI_TIMEOUT_S || 600) * 1000;

const results = [];
const stoppers = [];
const shutdown = onShutdown(stoppers);
const started = Date.now();

function log(...args) {
	console.log('[ui]', ...args);
}

async function step(name, fn, page) {
	const t = Date.now();
	try {
		await fn();
		results.push({ name, ok: true });
		console.log(`  ✔ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
		return true;
	} catch (e) {
		results.push({ name, ok: false, error: e });
		console.log(
			`  ✘ ${name}\n      ${String(e.stack || e)
				.split('\n')
				.slice(0, 8)
				.join('\n      ')}`,
		);
		if (page) {
			mkdirSync(DEBUG_SHOTS, { recursive: true });
			const file = path.join(DEBUG_SHOTS, `${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
			await page.screenshot({ path: file }).catch(() => {});
			console.log(`      screenshot: ${path.relative(ROOT, file)}`);
		}
		return false;
	}
}

async function main() {
	if (!existsSync(CHROMIUM))
		throw new Error(
			`no browser at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
		);
	const { chromium } = await import('playwright-core');
	const install = await ensureN8n(chooseVersion());
	log(`n8n ${install.version} on Node ${install.nodeMajor}`);
	const tarball = await buildAndPack({ build: !process.env.UI_NO_BUILD });
	const { startSandbox } = await loadSandboxModule();
	const sandbox = await startSandbox();
	stoppers.push(() => sandbox.stop());

	mkdirSync(path.join(CACHE, 'ui'), { recursive: true });
	const home = mkdtempSync(path.join(CACHE, 'ui', `n8n-${install.version}-`));
	stoppers.unshift(() => rmSync(home, { recursive: true, force: true }));
	const env = n8nEnv(home, { port: PORT });
	await installCommunityPackage(home, tarball);
	await importCredentials(install, env, [
		{
			id: 'uiSandboxToken01',
			name: 'HubSpot sandbox (service key)',
			type: TOKEN_CREDENTIAL_TYPE,
			data: { accessToken: sandbox.serviceKey, baseUrl: sandbox.apiUrl },
		},
	]);
	const n8n = await startN8n(install, env, { name: 'n8n' });
	stoppers.push(() => n8n.stop());
	await new N8nRest(`http://127.0.0.1:${PORT}`).ensureOwnerAndLogin();
	log(`n8n ready on ${n8n.baseUrl} in ${n8n.startSeconds.toFixed(1)} s`);

	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		chromiumSandbox: false,
		args: [
			'--no-sandbox',
			'--disable-background-networking',
			'--disable-dev-shm-usage',
			'--disable-gpu',
		],
	});
	stoppers.push(() => browser.close());
	mkdirSync(SHOTS, { recursive: true });

	for (const theme of ['light', 'dark']) {
		const context = await browser.newContext({
			viewport: { width: 1440, height: 900 },
			colorScheme: theme,
		});
		await useTheme(context, theme);
		// The URL steps paste from the clipboard.
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
			origin: `http://localhost:${PORT}`,
		});
		const page = await context.newPage();
		page.setDefaultTimeout(STEP_TIMEOUT);
		await runEditorFlow(page, theme, {
			sandbox,
			base: `http://localhost:${PORT}`,
			shots: SHOTS,
			step,
		});
		await context.close();
	}
}

const guard = setTimeout(() => {
	results.push({ name: 'ui suite time limit', ok: false });
	void finish();
}, SUITE_TIMEOUT_MS);

async function finish(error) {
	clearTimeout(guard);
	if (error) {
		results.push({ name: 'setup', ok: false, error });
		console.log(`  ✘ setup: ${error.stack || error}`);
	}
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(
		`[ui] ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots in ${path.relative(ROOT, SHOTS)}/`,
	);
	console.log(`ui: ${passed} passed, ${failed} failed`);
	await shutdown(failed || !passed ? 1 : 0);
}

main().then(
	() => finish(),
	(e) => finish(e),
);
