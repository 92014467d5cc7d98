/**
 * The sandbox's stand-in for HubSpot's OAuth consent page (app.hubspot.com/oauth/authorize). As HubSpot's,
 * it checks the client and the scopes (the requested scopes must be exactly the app's required scopes,
 * `oauth` included), shows what the app asks for, scope by scope, and waits: only the click on "Connect app"
 * (a form POST) issues a code and redirects back to redirect_uri; "Cancel" redirects back with
 * error=access_denied, as OAuth 2.0 (RFC 6749 §4.1.2.1) says.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';

import type { HubspotEmulator } from './emulator';

export interface AuthorizeRequest {
	method: string;
	/** the query (GET) or the submitted form (POST) */
	query: Record<string, string>;
	status: number;
	redirect?: string;
}

/** What HubSpot's consent page says each scope lets the app do; others are shown by name only. */
export const SCOPE_DESCRIPTIONS: Record<string, string> = {
	oauth: 'Basic OAuth access (every HubSpot app asks for it)',
	'crm.objects.contacts.read': 'View properties and other details about contacts',
	'crm.objects.contacts.write': 'View properties and create, delete, or make changes to contacts',
	'crm.objects.companies.read': 'View properties and other details about companies',
	'crm.objects.deals.write': 'View properties and create, delete, or make changes to deals',
	'crm.objects.owners.read': 'View details about users assigned to a CRM record',
	'scheduler.meetings.meeting-link.read': 'View your scheduling pages (meeting links)',
};

const APP_NAME = 'n8n (HubSpot sandbox app)';

function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
	);
}

function page(title: string, body: string): string {
	return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:40em;margin:4em auto"><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

const scopesOf = (value: string | undefined) => (value ?? '').split(/[\s+]+/).filter(Boolean);

function scopeList(scopes: string[]): string {
	const items = scopes.map((scope) => {
		const text = SCOPE_DESCRIPTIONS[scope];
		return `<li><code>${escapeHtml(scope)}</code>${text ? ` — ${escapeHtml(text)}` : ''}</li>`;
	});
	return `<ul class="scopes">${items.join('')}</ul>`;
}

/** The consent form: what was asked, carried in hidden fields and checked again when submitted. */
function consentForm(query: Record<string, string>, required: string[]): string {
	const optional = scopesOf(query.optional_scope);
	const hidden = ['client_id', 'redirect_uri', 'scope', 'optional_scope', 'state']
		.filter((name) => query[name] !== undefined)
		.map(
			(name) => `<input type="hidden" name="${name}" value="${escapeHtml(query[name] as string)}">`,
		)
		.join('');
	return page(
		`Connect ${APP_NAME} to your HubSpot account`,
		`<p>Account: <strong>HubSpot sandbox (demo account)</strong></p>` +
			`<p>This app is requesting access to:</p>${scopeList(required)}` +
			(optional.length ? `<p>And, if you allow it (optional):</p>${scopeList(optional)}` : '') +
			`<form method="post" action="/oauth/authorize">${hidden}` +
			`<button type="submit" name="decision" value="grant">Connect app</button> ` +
			`<button type="submit" name="decision" value="deny">Cancel</button></form>`,
	);
}

function readForm(req: IncomingMessage): Promise<Record<string, string>> {
	return new Promise((resolve, reject) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => {
			raw += chunk;
			if (raw.length > 64_000) req.destroy(new Error('form too large'));
		});
		req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(raw))));
		req.on('error', reject);
	});
}

export function consentServer(
	emulator: HubspotEmulator,
	appScopes: string[],
	log: AuthorizeRequest[],
): Server {
	// HubSpot adds `oauth` to every app's required scopes (it cannot be removed).
	const required = [...new Set(['oauth', ...appScopes])].sort();
	return createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = req.method ?? 'GET';
		const answer = (query: Record<string, string>) => {
			const entry: AuthorizeRequest = { method, query, status: 0 };
			log.push(entry);
			const send = (status: number, html: string, location?: string) => {
				entry.status = status;
				entry.redirect = location;
				res.writeHead(status, {
					'Content-Type': 'text/html; charset=utf-8',
					...(location ? { Location: location } : {}),
				});
				res.end(html);
			};
			const fail = (status: number, message: string) =>
				send(status, page('Authorization failed', `<p>${escapeHtml(message)}</p>`));
			if (url.pathname !== '/oauth/authorize') return fail(404, `No page at ${url.pathname}`);
			if (method !== 'GET' && method !== 'POST') return fail(405, `${method} is not allowed here`);
			const client = emulator.oauthClients.get(query.client_id ?? '');
			if (!client) return fail(400, `Unknown client_id ${query.client_id ?? '(missing)'}`);
			if (!query.redirect_uri) return fail(400, 'redirect_uri is missing');
			let target: URL;
			try {
				target = new URL(query.redirect_uri);
			} catch {
				return fail(400, `redirect_uri ${query.redirect_uri} is not a URL`);
			}
			const requested = scopesOf(query.scope).sort();
			if (requested.join(' ') !== required.join(' ')) {
				return fail(
					400,
					`The scopes requested (${requested.join(' ') || 'none'}) do not match the app's required scopes (${required.join(' ')}).`,
				);
			}
			if (method === 'GET') return send(200, consentForm(query, required));
			if (query.state !== undefined) target.searchParams.set('state', query.state);
			if (query.decision !== 'grant') {
				target.searchParams.set('error', 'access_denied');
				return send(302, page('Access denied', '<p>Returning to n8n.</p>'), target.toString());
			}
			const code = `sandbox-code-${randomBytes(8).toString('hex')}`;
			client.authorizationCode = code;
			client.redirectUri = query.redirect_uri;
			target.searchParams.set('code', code);
			send(302, page('Redirecting', '<p>Access granted; returning to n8n.</p>'), target.toString());
		};
		if (method === 'POST') {
			readForm(req).then(answer, () => {
				res.writeHead(400).end();
			});
		} else answer(Object.fromEntries(url.searchParams));
	});
}
