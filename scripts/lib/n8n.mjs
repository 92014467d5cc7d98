/**
 * Running a real n8n for `npm start`, the e2e suite, the UI test and the queue-mode run:
 * build + pack the node, install the tarball as a community package, the n8n environment. Processes
 * (`n8n execute`, `n8n start`, clean stops) are in n8n-process.mjs, the REST client in n8n-rest.mjs;
 * this module re-exports both, so callers import from one place.
 */
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { CACHE, ROOT, run } from './n8n-install.mjs';

export * from './n8n-process.mjs';
export { N8nRest, OWNER } from './n8n-rest.mjs';

export const PACKAGE_NAME = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).name;
export const NODE_TYPE = `${PACKAGE_NAME}.hubspotScheduler`;
export const TOOL_NODE_TYPE = `${PACKAGE_NAME}.hubspotSchedulerTool`;
export const TOKEN_CREDENTIAL_TYPE = 'hubspotSchedulerTokenApi';
export const OAUTH2_CREDENTIAL_TYPE = 'hubspotSchedulerOAuth2Api';
export const ENCRYPTION_KEY = 'hubspot-scheduler-local-n8n-key';
/** The emulator's contract (HubSpot's specs, cut down) inside the repository; HUBSPOT_OPENAPI_DIR may override it. */
export const SPEC_DIR =
	process.env.HUBSPOT_OPENAPI_DIR || path.join(ROOT, 'test', 'emulator', 'contract');

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
		await run(
			process.execPath,
			[tsc, '-p', path.join(ROOT, 'scripts', 'tsconfig.sandbox.json'), '--outDir', outDir],
			{ cwd: ROOT },
		);
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
		writeFileSync(
			nodesPkgJson,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	await run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1'], { cwd: nodesDir });
	const pkgJsonPath = path.join(pkgDir, 'package.json');
	// eslint-disable-next-line no-unused-vars
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
		readFileSync(pkgJsonPath, 'utf8'),
	);
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
