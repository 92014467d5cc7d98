#!/usr/bin/env node
/**
 * `npm start`: a real n8n with this node installed from its tarball, and an offline HubSpot sandbox.
 *
 *   npm start                      build, install n8n (first time), start sandbox + n8n on http://localhost:5678
 *   npm start -- --no-sandbox      n8n with the node only, for a real HubSpot account
 *   npm start -- --port 5679       another port for n8n
 *   npm start -- --fresh           forget the local n8n data (workflows, credentials, executions) first
 *   N8N_VERSION=1.123.81 npm start pick the n8n version (default: 2.8.4 on Node 20/22, 2.41.1 on Node 24)
 *
 * Ctrl-C stops n8n and the sandbox. The sandbox's demo data is dated around today (test/emulator/demoData.ts);
 * it adds a CRM meeting every 3 minutes (for the trigger).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';

import {
	N8nRest,
	OAUTH2_CREDENTIAL_TYPE,
	OWNER,
	TOKEN_CREDENTIAL_TYPE,
	buildAndPack,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	loadSandboxModule,
	n8nEnv,
	onShutdown,
	portIsFree,
	say,
	startN8n,
} from './lib/n8n.mjs';
import { CACHE, chooseVersion, ensureN8n } from './lib/n8n-install.mjs';
import { exampleWorkflows, prepareWorkflow } from './lib/workflows.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
	const i = argv.indexOf(name);
	return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
if (flag('--help') || flag('-h')) {
	console.log(
		'usage: npm start [-- --no-sandbox] [--port 5678] [--fresh] [--no-build]   (env: N8N_VERSION)',
	);
	process.exit(0);
}
const withSandbox = !flag('--no-sandbox');
const port = Number(option('--port', process.env.N8N_PORT || 5678));
/** How often the sandbox adds a CRM meeting (the HubSpot Scheduler Trigger's Meeting Created fires on it). */
const DEMO_MEETING_EVERY_MS = 3 * 60_000;

export const SANDBOX_CREDENTIALS = {
	token: { id: 'hsSandboxToken01', name: 'HubSpot sandbox (service key)' },
	oauth2: { id: 'hsSandboxOAuth201', name: 'HubSpot sandbox (OAuth2)' },
};

const stoppers = [];
const shutdown = onShutdown(stoppers);

async function main() {
	const t0 = Date.now();
	const version = chooseVersion();
	if (!(await portIsFree(port)))
		throw new Error(`port ${port} is in use; stop what listens there or use --port`);

	// 1. build the node and pack it, as npm publish would
	const tarball = await buildAndPack({ build: !flag('--no-build') });
	say(`packed ${path.basename(tarball)}`);

	// 2. n8n, cached under .cache/
	const install = await ensureN8n(version);
	say(
		`n8n ${install.version} on Node ${install.nodeMajor}` +
			(install.fresh ? ` (installed in ${install.installSeconds} s)` : ' (cached)'),
	);

	// 3. the sandbox
	let sandbox;
	if (withSandbox) {
		const { startSandbox } = await loadSandboxModule();
		const apiPort = (await portIsFree(8470)) ? 8470 : 0;
		const consentPort = (await portIsFree(8471)) ? 8471 : 0;
		// a new CRM meeting every few minutes, so an active HubSpot Scheduler Trigger has something to fire on
		sandbox = await startSandbox({
			port: apiPort,
			consentPort,
			// demo data dated around today: free slots on the coming weekdays, meetings last and next week
			now: new Date(),
			demoMeetingEveryMs: DEMO_MEETING_EVERY_MS,
			onDemoMeeting: (m) =>
				say(`sandbox: new CRM meeting ${m.id} "${m.title}" (source ${m.source})`),
		});
		stoppers.push(() => sandbox.stop());
		say(`HubSpot sandbox on ${sandbox.apiUrl}`);
	}

	// 4. user folder, community package, credentials, examples
	const home = path.join(CACHE, 'home', `n8n-${install.version}`);
	if (flag('--fresh')) rmSync(home, { recursive: true, force: true });
	const extra = {};
	if (sandbox) {
		// Point the OAuth2 credential's hidden URLs at the sandbox (read by `n8n start` only).
		extra.CREDENTIALS_OVERWRITE_DATA = JSON.stringify({
			[OAUTH2_CREDENTIAL_TYPE]: { authUrl: sandbox.authorizeUrl, accessTokenUrl: sandbox.tokenUrl },
		});
	}
	const env = n8nEnv(home, { port, extra });
	const pkgVersion = await installCommunityPackage(home, tarball);
	say(
		`installed the community package (version ${pkgVersion}) into ${path.relative(process.cwd(), home)}/.n8n/nodes`,
	);

	const examples = exampleWorkflows();
	if (sandbox) {
		await importCredentials(install, env, [
			{
				...SANDBOX_CREDENTIALS.token,
				type: TOKEN_CREDENTIAL_TYPE,
				data: { accessToken: sandbox.serviceKey, baseUrl: sandbox.apiUrl },
			},
			{
				...SANDBOX_CREDENTIALS.oauth2,
				type: OAUTH2_CREDENTIAL_TYPE,
				data: {
					clientId: sandbox.oauthClient.clientId,
					clientSecret: sandbox.oauthClient.clientSecret,
					authUrl: sandbox.authorizeUrl,
					accessTokenUrl: sandbox.tokenUrl,
					grantType: 'authorizationCode',
					authentication: 'body',
					requiredScopes:
						'oauth crm.objects.contacts.read crm.objects.contacts.write crm.objects.owners.read scheduler.meetings.meeting-link.read',
					baseUrl: sandbox.apiUrl,
				},
			},
		]);
	}
	if (examples.length) {
		const prepared = examples.map((e) =>
			prepareWorkflow(e.workflow, {
				key: e.key,
				credentials: sandbox ? SANDBOX_CREDENTIALS : undefined,
			}),
		);
		await importWorkflows(install, env, prepared);
		say(`imported ${prepared.length} example workflow(s) from examples/`);
	}

	// 5. n8n
	say('starting n8n …');
	const n8n = await startN8n(install, env, {
		log: process.env.N8N_START_VERBOSE ? (s) => process.stdout.write(s) : undefined,
	});
	stoppers.push(() => n8n.stop());
	const rest = new N8nRest(`http://127.0.0.1:${port}`);
	await rest.ensureOwnerAndLogin();
	n8n.child.on('close', (code) => {
		console.error(`n8n exited (${code}); last output:\n${n8n.output.slice(-3000)}`);
		void shutdown(1);
	});

	const lines = [
		'',
		`  n8n ${install.version} with ${'n8n-nodes-hubspot-scheduler'} is running: http://localhost:${port}`,
		`  Login:     ${OWNER.email} / ${OWNER.password}`,
		`  Ready in ${((Date.now() - t0) / 1000).toFixed(0)} s (n8n itself started in ${n8n.startSeconds.toFixed(0)} s)`,
	];
	if (sandbox) {
		lines.push(
			'',
			`  HubSpot sandbox (offline emulator): ${sandbox.apiUrl}`,
			`    credential "${SANDBOX_CREDENTIALS.token.name}" is ready to use;`,
			`    "${SANDBOX_CREDENTIALS.oauth2.name}" connects through the sandbox's consent page: click "Connect my account",`,
			'    read the scopes it asks for, then "Connect app".',
			`    Demo data: owners Ada Lovelace (owner 100001, user 9000001), Grace Hopper (100002 / 9000002), …;`,
			`    contacts 501–503; meeting links ${sandbox.meetingLinkSlugs.join(', ')},`,
			"    with free slots on the weekdays of the next three weeks (working hours in each organizer's timezone);",
			'    CRM meetings on the weekdays of the last and the next seven days, and at each of the next three hours.',
			`    A new CRM meeting appears every ${DEMO_MEETING_EVERY_MS / 60_000} minutes (and with every booking through a`,
			'    meeting link): activate a workflow with the HubSpot Scheduler Trigger (Meeting Created) to see it fire.',
			`    ${examples.length} example workflow(s) imported from examples/.`,
			'',
			'  To use a real HubSpot account: create a "HubSpot Scheduler Access Token API" credential with a',
			"  service key (or an OAuth2 credential with your app's client id/secret) and keep Base URL",
			'  https://api.hubapi.com; or run `npm start -- --no-sandbox` for n8n without the sandbox.',
		);
	} else {
		lines.push(
			'',
			'  No sandbox: create a "HubSpot Scheduler" credential for your HubSpot account (service key, or OAuth2',
			`  with redirect URL http://localhost:${port}/rest/oauth2-credential/callback).`,
		);
	}
	lines.push('', '  Press Ctrl-C to stop.', '');
	console.log(lines.join('\n'));
}

main().catch(async (e) => {
	console.error(`npm start failed: ${e.message}`);
	await shutdown(1);
});
