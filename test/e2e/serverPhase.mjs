/**
 * The server phase of `npm run test:e2e`: `n8n start` (with CREDENTIALS_OVERWRITE_DATA pointing the
 * OAuth2 credential at the sandbox), then what only a running n8n does: its node and credential lists,
 * the OAuth2 connect flow and token refresh, webhooks, and the node as an AI tool over MCP.
 */
import assert from 'node:assert/strict';

import {
	N8nRest,
	NODE_TYPE,
	OAUTH2_CREDENTIAL_TYPE,
	TOKEN_CREDENTIAL_TYPE,
	TOOL_NODE_TYPE,
	startN8n,
} from '../../scripts/lib/n8n.mjs';
import { creates, expectSpecValid } from './checks.mjs';
import { McpClient } from './mcpClient.mjs';
import * as wf from './workflows/index.mjs';

/** Clicks "Connect app" on the sandbox's consent page: posts its form (hidden fields and the button's value). */
export async function submitConsent(html, pageUrl) {
	const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
	assert.ok(form, 'the consent page has a form');
	const unescape = (v) =>
		v
			.replace(/&quot;/g, '"')
			.replace(/&#39;/g, "'")
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&amp;/g, '&');
	const fields = new URLSearchParams();
	for (const [, name, value] of form[2].matchAll(
		/<input type="hidden" name="([^"]+)" value="([^"]*)">/g,
	))
		fields.set(name, unescape(value));
	const button = /<button type="submit" name="([^"]+)" value="([^"]+)">Connect app<\/button>/.exec(
		form[2],
	);
	assert.ok(button, 'the consent page has a "Connect app" button');
	fields.set(button[1], button[2]);
	return fetch(new URL(form[1], pageUrl), {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: fields.toString(),
		redirect: 'manual',
	});
}

/**
 * `own`: the workflows cliPhase imported ([2] the OAuth2 webhook, [3] the AI tool). Returns the running n8n,
 * its REST client and environment (the trigger phase restarts it), or undefined when n8n did not start.
 */
export async function serverPhase({
	test,
	log,
	install,
	env,
	port: PORT,
	sandbox,
	stoppers,
	credentials: CREDS,
	own,
}) {
	const emulator = sandbox.emulator;
	log('server phase: n8n start with CREDENTIALS_OVERWRITE_DATA');
	const serverEnv = {
		...env,
		CREDENTIALS_OVERWRITE_DATA: JSON.stringify({
			[OAUTH2_CREDENTIAL_TYPE]: { authUrl: sandbox.authorizeUrl, accessTokenUrl: sandbox.tokenUrl },
		}),
	};
	let n8n;
	const rest = new N8nRest(`http://localhost:${PORT}`);
	await test(
		'n8n starts and an owner logs in',
		async () => {
			n8n = await startN8n(install, serverEnv, { name: 'n8n main' });
			stoppers.push(() => n8n.stop());
			log(`n8n started in ${n8n.startSeconds.toFixed(1)} s`);
			await rest.ensureOwnerAndLogin();
		},
		{ setup: true },
	);
	if (!n8n) return;

	await test('n8n lists the node, its tool variant and both credentials', async () => {
		const nodes = await rest.request('GET', '/types/nodes.json');
		const names = nodes.map((n) => n.name);
		assert.ok(names.includes(NODE_TYPE), `${NODE_TYPE} missing`);
		assert.ok(names.includes(TOOL_NODE_TYPE), `${TOOL_NODE_TYPE} missing`);
		const node = nodes.find((n) => n.name === NODE_TYPE);
		assert.equal(node.displayName, 'HubSpot Scheduler');
		const creds = (await rest.request('GET', '/types/credentials.json')).map((c) => c.name);
		assert.ok(
			creds.includes(TOKEN_CREDENTIAL_TYPE) && creds.includes(OAUTH2_CREDENTIAL_TYPE),
			`credentials: ${creds.filter((c) => /hubspot/i.test(c))}`,
		);
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
		assert.equal(
			url.searchParams.get('redirect_uri'),
			`http://localhost:${PORT}/rest/oauth2-credential/callback`,
		);
		// HubSpot's consent page: the scopes listed, nothing issued until "Connect app" is clicked
		const page = await fetch(authUrl, { redirect: 'manual' });
		const pageHtml = await page.text();
		assert.equal(page.status, 200, pageHtml.slice(0, 500));
		for (const scope of url.searchParams.get('scope').split(/\s+/))
			assert.ok(pageHtml.includes(`<code>${scope}</code>`), `the page lists ${scope}`);
		assert.ok(!/[?&]code=/.test(pageHtml), 'no code before the click');
		const consent = await submitConsent(pageHtml, authUrl);
		assert.equal(consent.status, 302, '"Connect app" redirects back to n8n');
		const callback = consent.headers.get('location');
		assert.ok(
			callback.startsWith(`http://localhost:${PORT}/rest/oauth2-credential/callback?`),
			callback,
		);
		const done = await rest.request('GET', callback, undefined, { raw: true });
		const html = await done.text();
		assert.equal(done.status, 200, html.slice(0, 500));
		const tokenCalls = emulator.requests.filter(
			(r) => r.path.startsWith('/oauth/') && r.path.endsWith('/token'),
		);
		assert.equal(tokenCalls.length, 1, 'one token exchange');
		assert.equal(tokenCalls[0].status, 200, JSON.stringify(tokenCalls[0].responseBody));
		assert.equal(tokenCalls[0].body.grant_type, 'authorization_code');
		assert.equal(
			tokenCalls[0].body.client_id,
			sandbox.oauthClient.clientId,
			'client id in the body',
		);
		assert.equal(
			tokenCalls[0].body.client_secret,
			sandbox.oauthClient.clientSecret,
			'client secret in the body',
		);
		assert.equal(
			emulator.issuedTokens.filter((t) => t.grantType === 'authorization_code').length,
			1,
		);
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
			assert.equal(
				res.status,
				200,
				`${text.slice(0, 300)}\n--- n8n log tail:\n${n8n.output.slice(-2500)}`,
			);
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
		const creators = creates(emulator)
			.filter((r) => r.status === 200)
			.map((r) => r.headers.authorization);
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
		for (const p of ['organizerUserId', 'title', 'start', 'end', 'timezone', 'contactIds'])
			assert.ok(props.includes(p), `schema has ${p}: ${props}`);
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
	return { n8n, rest, serverEnv };
}
