/** n8n's internal REST API (/rest/...) as the owner: set-up, login, activation, webhook readiness. */
import { setTimeout as sleep } from 'node:timers/promises';

export const OWNER = {
	email: 'owner@example.com',
	password: 'Sandbox-Pass-1',
	firstName: 'Sandbox',
	lastName: 'Owner',
};

/** A tiny cookie-keeping REST client for n8n's internal API (/rest/...). */
export class N8nRest {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookie = '';
	}

	async request(method, urlPath, body, { redirect = 'manual', raw = false } = {}) {
		const res = await fetch(urlPath.startsWith('http') ? urlPath : `${this.baseUrl}${urlPath}`, {
			method,
			redirect,
			headers: {
				...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
				...(this.cookie ? { Cookie: this.cookie } : {}),
				'browser-id': 'hubspot-scheduler-e2e',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) {
			const [pair] = c.split(';');
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		if (raw) return res;
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		if (!res.ok) {
			const err = new Error(`${method} ${urlPath} -> ${res.status}: ${text.slice(0, 500)}`);
			err.status = res.status;
			throw err;
		}
		return json?.data !== undefined ? json.data : (json ?? text);
	}

	async settings() {
		return this.request('GET', '/rest/settings');
	}

	/** Creates the owner on a fresh instance (no-op when an owner exists), then logs in. */
	async ensureOwnerAndLogin(owner = OWNER) {
		const settings = await this.settings();
		if (settings?.userManagement?.showSetupOnFirstLoad) {
			await this.request('POST', '/rest/owner/setup', owner);
		}
		await this.login(owner);
	}

	/** Activates (n8n 2.x: publishes) a workflow so its webhooks and MCP endpoints listen. */
	async activateWorkflow(id) {
		const workflow = await this.request('GET', `/rest/workflows/${id}`);
		let activated;
		try {
			activated = await this.request('POST', `/rest/workflows/${id}/activate`, {
				versionId: workflow.versionId,
			});
		} catch (e) {
			if (e.status !== 404) throw e;
			// n8n 1.x
			activated = await this.request('PATCH', `/rest/workflows/${id}`, {
				active: true,
				versionId: workflow.versionId,
			});
		}
		if (!activated?.active)
			throw new Error(
				`workflow ${id} is not active after activation: ${JSON.stringify(activated).slice(0, 400)}`,
			);
		return activated;
	}

	/**
	 * Waits until a production webhook path answers (n8n 2.41 publishes workflows through an outbox that is
	 * polled, so activation returns before the webhook listens). Probes with GET, which never runs a
	 * POST-only webhook: "not registered for GET" means the path exists.
	 */
	async waitForWebhook(webhookPath, { prefix = 'webhook', timeoutMs = 45_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			const res = await fetch(`${this.baseUrl}/${prefix}/${webhookPath}`, {
				method: 'GET',
				signal: AbortSignal.timeout(10_000),
			}).catch(() => null);
			if (res && res.status !== 404) {
				await res.body?.cancel().catch(() => {}); // an MCP path may answer GET with an endless event stream
				return;
			}
			last = res ? await res.text().catch(() => '') : 'no answer';
			if (/not registered for|did you mean/i.test(last)) return;
			await sleep(500);
		}
		throw new Error(
			`webhook ${prefix}/${webhookPath} did not register within ${timeoutMs / 1000} s: ${last.slice(0, 300)}`,
		);
	}

	async login(owner = OWNER) {
		await this.request('POST', '/rest/login', {
			email: owner.email,
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
	}
}
