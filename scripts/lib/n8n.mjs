/**
 * Running a real n8n for `npm start`, the e2e suite, the UI test and the queue-mode run:
 * build + pack the node, install the tarball as a community package, import credentials and workflows,
 * `n8n execute`, `n8n start` (with a ready check and a clean stop), owner set-up and REST login.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { CACHE, ROOT, cleanEnv, run } from './n8n-install.mjs';

export const PACKAGE_NAME = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).name;
export const NODE_TYPE = `${PACKAGE_NAME}.hubspotScheduler`;
export const TOOL_NODE_TYPE = `${PACKAGE_NAME}.hubspotSchedulerTool`;
export const TOKEN_CREDENTIAL_TYPE = 'hubspotSchedulerTokenApi';
export const OAUTH2_CREDENTIAL_TYPE = 'hubspotSchedulerOAuth2Api';
export const ENCRYPTION_KEY = 'hubspot-scheduler-local-n8n-key';
export const OWNER = {
	email: 'owner@example.com',
	password: 'Sandbox-Pass-1',
	firstName: 'Sandbox',
	lastName: 'Owner',
};
export const SPEC_DIR = process.env.HUBSPOT_OPENAPI_DIR || path.resolve(ROOT, '..', 'shared', 'hubspot-openapi');

const PROJECT_NPM_FLAGS = ['--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];

export function say(...args) {
	console.log('[n8n]', ...args);
}

/** `npm run build`, then `npm pack` into .cache/pack; returns the tarball's path. */
export async function buildAndPack({ build = true } = {}) {
	if (build) {
		const t = Date.now();
		await run('npm', ['run', 'build'], { cwd: ROOT, label: 'npm run build' });
		say(`built the node in ${((Date.now() - t) / 1000).toFixed(1)} s`);
	}
	const dest = path.join(CACHE, 'pack');
	rmSync(dest, { recursive: true, force: true });
	mkdirSync(dest, { recursive: true });
	await run('npm', ['pack', '--pack-destination', dest, '--loglevel=error'], { cwd: ROOT });
	const tgz = readdirSync(dest).find((f) => f.endsWith('.tgz'));
	if (!tgz) throw new Error('npm pack produced no tarball');
	return path.join(dest, tgz);
}

/**
 * Compiles the emulator + sandbox (TypeScript) into a fresh folder under .cache/build (so parallel runs never
 * share half-written files) and loads the sandbox module.
 */
export async function loadSandboxModule() {
	process.env.HUBSPOT_OPENAPI_DIR = SPEC_DIR;
	const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	// Inside the project (not N8N_CACHE_DIR), so the compiled files resolve the project's node_modules (ajv).
	const buildRoot = path.join(ROOT, '.cache', 'build');
	mkdirSync(buildRoot, { recursive: true });
	const outDir = mkdtempSync(path.join(buildRoot, 'sandbox-'));
	try {
		await run(process.execPath, [tsc, '-p', path.join(ROOT, 'scripts', 'tsconfig.sandbox.json'), '--outDir', outDir], { cwd: ROOT });
		const require = createRequire(import.meta.url);
		return require(path.join(outDir, 'test', 'emulator', 'sandbox.js'));
	} finally {
		rmSync(outDir, { recursive: true, force: true });
	}
}

/**
 * Installs the tarball into <home>/.n8n/nodes the way n8n's Community Nodes page does (n8n 2.x
 * CommunityPackagesService.downloadPackage): unpack into nodes/node_modules/<name>, drop dev/peer/optional
 * dependencies from its package.json, `npm install` its own dependencies there, and record it in
 * nodes/package.json. Replaces an earlier install of the package.
 */
export async function installCommunityPackage(home, tarball) {
	const nodesDir = path.join(home, '.n8n', 'nodes');
	const pkgDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(pkgDir, { recursive: true, force: true });
	mkdirSync(pkgDir, { recursive: true });
	const nodesPkgJson = path.join(nodesDir, 'package.json');
	if (!existsSync(nodesPkgJson)) {
		writeFileSync(nodesPkgJson, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	await run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1'], { cwd: nodesDir });
	const pkgJsonPath = path.join(pkgDir, 'package.json');
	// eslint-disable-next-line no-unused-vars
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(readFileSync(pkgJsonPath, 'utf8'));
	writeFileSync(pkgJsonPath, JSON.stringify(pkg, null, 2));
	await run('npm', ['install', ...PROJECT_NPM_FLAGS], { cwd: pkgDir });
	const nodesPkg = JSON.parse(readFileSync(nodesPkgJson, 'utf8'));
	nodesPkg.dependencies = { ...(nodesPkg.dependencies ?? {}), [PACKAGE_NAME]: pkg.version };
	writeFileSync(nodesPkgJson, JSON.stringify(nodesPkg, null, 2));
	return pkg.version;
}

/** The environment of a headless n8n using `home` as its user folder. */
export function n8nEnv(home, { port = 5678, extra = {} } = {}) {
	return {
		N8N_USER_FOLDER: home,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
		WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_ENABLED: 'true',
		// every n8n process runs a task broker (default port 5679): one port per instance lets several run at once
		N8N_RUNNERS_BROKER_PORT: String(port + 10000),
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
		DB_SQLITE_POOL_SIZE: '2',
		NODE_OPTIONS: '--max-old-space-size=4096',
		...extra,
	};
}

/** Runs the n8n CLI once; resolves { code, stdout, stderr, seconds }. Never throws on a non-zero exit. */
export function n8nCli(install, args, { env, timeoutMs = 180_000 } = {}) {
	return new Promise((resolve) => {
		const started = Date.now();
		const child = spawn(install.nodeBin, [install.n8nBin, ...args], {
			env: { ...cleanEnv(), ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		killOnExit(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			killGroup(child, 'SIGKILL'); // task runners or other children left behind
			resolve({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr, seconds: (Date.now() - started) / 1000 });
		});
	});
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		/* already gone */
	}
}

/**
 * n8n runs in its own process group (so its task runners can be stopped with it). If this script exits
 * for any reason before a stopper ran — Ctrl-C during start-up, a crash — the group is killed on the way out.
 */
function killOnExit(child) {
	const kill = () => killGroup(child, 'SIGKILL');
	process.once('exit', kill);
	child.once('close', () => process.removeListener('exit', kill));
}

export async function importCredentials(install, env, credentials) {
	const file = path.join(env.N8N_USER_FOLDER, `import-credentials-${Date.now()}.json`);
	writeFileSync(file, JSON.stringify(credentials, null, 2));
	const r = await n8nCli(install, ['import:credentials', `--input=${file}`], { env });
	if (r.code !== 0) throw new Error(`n8n import:credentials failed:\n${r.stdout}\n${r.stderr}`);
	return r;
}

export async function importWorkflows(install, env, workflows) {
	const file = path.join(env.N8N_USER_FOLDER, `import-workflows-${Date.now()}.json`);
	writeFileSync(file, JSON.stringify(workflows, null, 2));
	const r = await n8nCli(install, ['import:workflow', `--input=${file}`], { env });
	if (r.code !== 0) throw new Error(`n8n import:workflow failed:\n${r.stdout}\n${r.stderr}`);
	return r;
}

/** `n8n execute --id=… --rawOutput`; returns { ok, data (run data JSON or undefined), stdout, stderr, seconds }. */
export async function executeWorkflow(install, env, id, { timeoutMs = 180_000 } = {}) {
	const r = await n8nCli(install, ['execute', `--id=${id}`, '--rawOutput'], { env, timeoutMs });
	return { ...r, ok: r.code === 0, data: parseJsonTail(r.stdout) };
}

/** stdout of `n8n execute --rawOutput` has log lines before the JSON: take the first parsable JSON value. */
export function parseJsonTail(stdout) {
	for (let i = stdout.indexOf('{'); i >= 0; i = stdout.indexOf('{', i + 1)) {
		const lineStart = i === 0 || stdout[i - 1] === '\n';
		if (!lineStart) continue;
		try {
			return JSON.parse(stdout.slice(i));
		} catch {
			/* not here */
		}
	}
	return undefined;
}

/** The output items (json) of one node in an execution's run data. */
export function nodeOutput(data, nodeName, runIndex = 0) {
	const runs = data?.resultData?.runData?.[nodeName] ?? data?.data?.resultData?.runData?.[nodeName];
	const main = runs?.[runIndex]?.data?.main?.[0];
	return main ? main.map((i) => i.json) : undefined;
}

export function nodeError(data, nodeName, runIndex = 0) {
	const runs = data?.resultData?.runData?.[nodeName] ?? data?.data?.resultData?.runData?.[nodeName];
	return runs?.[runIndex]?.error;
}

export function portIsFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const s = net.createServer();
		s.once('error', () => resolve(false));
		s.listen(port, host, () => s.close(() => resolve(true)));
	});
}

/**
 * `n8n start` (or another long-running command, e.g. `worker`); resolves once /healthz answers
 * (and, for `start`, the editor is reachable). `stop()` ends the process group it started.
 */
export async function startN8n(install, env, { command = ['start'], readyTimeoutMs = 180_000, log, name = 'n8n' } = {}) {
	const port = Number(env.N8N_PORT || 5678);
	const isMain = command[0] === 'start';
	if (isMain && !(await portIsFree(port))) throw new Error(`port ${port} is already in use: stop what listens there or set N8N_PORT`);
	const started = Date.now();
	const child = spawn(install.nodeBin, [install.n8nBin, ...command], {
		env: { ...cleanEnv(), ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	killOnExit(child);
	let output = '';
	const onData = (d) => {
		output = (output + d.toString()).slice(-200_000);
		if (log) log(d.toString());
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	let exited = null;
	const exitPromise = new Promise((resolve) => child.on('close', (code, signal) => resolve((exited = { code, signal }))));
	const handle = {
		child,
		name,
		get output() {
			return output;
		},
		baseUrl: `http://localhost:${port}`,
		startSeconds: 0,
		async stop(timeoutMs = 20_000) {
			if (exited) return exited;
			killGroup(child, 'SIGTERM');
			const done = await Promise.race([exitPromise, sleep(timeoutMs).then(() => null)]);
			killGroup(child, 'SIGKILL');
			return done ?? (await exitPromise);
		},
	};
	const healthPort = isMain ? port : Number(env.QUEUE_HEALTH_CHECK_PORT || 0);
	const deadline = Date.now() + readyTimeoutMs;
	while (Date.now() < deadline) {
		if (exited) throw new Error(`${name} exited (${exited.signal ?? exited.code}) before it was ready:\n${output.slice(-4000)}`);
		if (healthPort) {
			try {
				const res = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
				if (res.ok && (!isMain || /Editor is now accessible/i.test(output))) break;
			} catch {
				/* not yet */
			}
		} else if (/n8n worker is now ready|Worker started/i.test(output)) break;
		await sleep(500);
	}
	if (Date.now() >= deadline) {
		await handle.stop();
		throw new Error(`${name} was not ready within ${readyTimeoutMs / 1000} s:\n${output.slice(-4000)}`);
	}
	handle.startSeconds = (Date.now() - started) / 1000;
	return handle;
}

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
		return json?.data !== undefined ? json.data : json ?? text;
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
			activated = await this.request('POST', `/rest/workflows/${id}/activate`, { versionId: workflow.versionId });
		} catch (e) {
			if (e.status !== 404) throw e;
			// n8n 1.x
			activated = await this.request('PATCH', `/rest/workflows/${id}`, { active: true, versionId: workflow.versionId });
		}
		if (!activated?.active) throw new Error(`workflow ${id} is not active after activation: ${JSON.stringify(activated).slice(0, 400)}`);
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
		throw new Error(`webhook ${prefix}/${webhookPath} did not register within ${timeoutMs / 1000} s: ${last.slice(0, 300)}`);
	}

	async login(owner = OWNER) {
		await this.request('POST', '/rest/login', {
			email: owner.email,
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
	}
}

/** Cleans up on Ctrl-C / SIGTERM / exit: runs every registered stopper once, in reverse order. */
export function onShutdown(stoppers) {
	let stopping = false;
	const stopAll = async (code) => {
		if (stopping) return;
		stopping = true;
		for (const stop of [...stoppers].reverse()) {
			try {
				await stop();
			} catch (e) {
				console.error('cleanup:', e.message);
			}
		}
		process.exit(code);
	};
	process.on('SIGINT', () => void stopAll(130));
	process.on('SIGTERM', () => void stopAll(143));
	return stopAll;
}
