/**
 * The sandbox's stand-in for HubSpot's consent page: it lists the requested scopes and waits for a click;
 * only the submitted "Connect app" form issues a code (that the token endpoint then exchanges); "Cancel" comes
 * back with error=access_denied; scopes that are not the app's required ones are refused, on the page and on a
 * tampered form.
 */
import { SANDBOX_APP_SCOPES, SANDBOX_OAUTH_CLIENT, startSandbox, type Sandbox } from './sandbox';

const REDIRECT = 'http://localhost:5678/rest/oauth2-credential/callback';
const REQUIRED = ['oauth', ...SANDBOX_APP_SCOPES];

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	sandbox.authorizeRequests.length = 0;
	const client = sandbox.emulator.oauthClients.get(SANDBOX_OAUTH_CLIENT.clientId)!;
	client.authorizationCode = undefined;
	client.redirectUri = undefined;
});

const client = () => sandbox.emulator.oauthClients.get(SANDBOX_OAUTH_CLIENT.clientId)!;

function authorizeUrl(query: Record<string, string> = {}): URL {
	const url = new URL(sandbox.authorizeUrl);
	const params: Record<string, string> = {
		client_id: SANDBOX_OAUTH_CLIENT.clientId,
		redirect_uri: REDIRECT,
		scope: REQUIRED.join(' '),
		state: 'state-from-n8n',
		...query,
	};
	for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
	return url;
}

/** The hidden fields of the page's form, as a browser would submit them. */
function formFields(html: string): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [, name, value] of html.matchAll(
		/<input type="hidden" name="([^"]+)" value="([^"]*)">/g,
	)) {
		fields[name] = value
			.replace(/&quot;/g, '"')
			.replace(/&#39;/g, "'")
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&amp;/g, '&');
	}
	return fields;
}

async function submit(fields: Record<string, string>): Promise<Response> {
	const action = new URL('/oauth/authorize', sandbox.authorizeUrl);
	return fetch(action, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
		redirect: 'manual',
	});
}

test('the page lists every requested scope, readable, and issues no code before the click', async () => {
	const res = await fetch(authorizeUrl({ optional_scope: 'crm.objects.deals.write' }), {
		redirect: 'manual',
	});
	const html = await res.text();
	expect(res.status).toBe(200);
	expect(res.headers.get('location')).toBeNull();
	for (const scope of REQUIRED) expect(html).toContain(`<code>${scope}</code>`);
	expect(html).toContain(
		'<code>crm.objects.contacts.read</code> — View properties and other details about contacts',
	);
	expect(html).toContain(
		'<code>scheduler.meetings.meeting-link.read</code> — View your scheduling',
	);
	expect(html).toMatch(/optional[\s\S]*<code>crm\.objects\.deals\.write<\/code>/);
	expect(html).toMatch(/<form method="post" action="\/oauth\/authorize">/);
	expect(html).toContain('>Connect app</button>');
	expect(html).not.toMatch(/sandbox-code-/);
	expect(client().authorizationCode).toBeUndefined();
	expect(sandbox.authorizeRequests).toEqual([
		expect.objectContaining({ method: 'GET', status: 200, redirect: undefined }),
	]);
});

test('"Connect app" issues a code, redirects back with it and the state, and the code buys a token', async () => {
	const html = await (await fetch(authorizeUrl())).text();
	const res = await submit({ ...formFields(html), decision: 'grant' });
	expect(res.status).toBe(302);
	const back = new URL(res.headers.get('location')!);
	expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
	expect(back.searchParams.get('state')).toBe('state-from-n8n');
	const code = back.searchParams.get('code')!;
	expect(code).toMatch(/^sandbox-code-[0-9a-f]{16}$/);
	expect(client().authorizationCode).toBe(code);

	const token = await fetch(`${sandbox.tokenUrl}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT,
			client_id: SANDBOX_OAUTH_CLIENT.clientId,
			client_secret: SANDBOX_OAUTH_CLIENT.clientSecret,
		}).toString(),
	});
	expect(token.status).toBe(200);
	expect(await token.json()).toMatchObject({ access_token: expect.any(String) });
});

test('"Cancel" redirects back with error=access_denied and no code', async () => {
	const html = await (await fetch(authorizeUrl())).text();
	const res = await submit({ ...formFields(html), decision: 'deny' });
	expect(res.status).toBe(302);
	const back = new URL(res.headers.get('location')!);
	expect(back.searchParams.get('error')).toBe('access_denied');
	expect(back.searchParams.get('state')).toBe('state-from-n8n');
	expect(back.searchParams.has('code')).toBe(false);
	expect(client().authorizationCode).toBeUndefined();
});

test.each([
	['without `oauth`', SANDBOX_APP_SCOPES.join(' ')],
	['with a scope the app does not require', [...REQUIRED, 'tickets'].join(' ')],
	['with a required scope left out', REQUIRED.slice(0, -1).join(' ')],
])('scopes %s are refused on the page (400, no form)', async (_name, scope) => {
	const res = await fetch(authorizeUrl({ scope }), { redirect: 'manual' });
	const html = await res.text();
	expect(res.status).toBe(400);
	expect(html).toContain('do not match the app&#39;s required scopes');
	expect(html).not.toContain('<form');
});

test('a form submitted with other scopes than the page showed is refused; no code', async () => {
	const html = await (await fetch(authorizeUrl())).text();
	const fields = { ...formFields(html), decision: 'grant', scope: SANDBOX_APP_SCOPES.join(' ') };
	const res = await submit(fields);
	expect(res.status).toBe(400);
	expect(res.headers.get('location')).toBeNull();
	expect(client().authorizationCode).toBeUndefined();
});

test('an unknown client or a missing redirect_uri is refused', async () => {
	expect((await fetch(authorizeUrl({ client_id: 'someone-else' }))).status).toBe(400);
	const url = authorizeUrl();
	url.searchParams.delete('redirect_uri');
	expect((await fetch(url)).status).toBe(400);
});

test('what the query carries is shown escaped, and comes back unchanged', async () => {
	const state = '"><script>alert(1)</script>&x=1';
	const html = await (await fetch(authorizeUrl({ state }))).text();
	expect(html).not.toContain('<script>');
	const res = await submit({ ...formFields(html), decision: 'grant' });
	expect(new URL(res.headers.get('location')!).searchParams.get('state')).toBe(state);
});
