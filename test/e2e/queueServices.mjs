/**
 * The services n8n's queue mode needs for `npm run test:queue`: Redis and PostgreSQL from Debian's
 * packages, started as children on 127.0.0.1 and stopped with the suite.
 */
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function which(bin) {
	try {
		return execFileSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).trim();
	} catch {
		return '';
	}
}

function postgresBin() {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const v = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
	return v ? path.join(base, v, 'bin') : undefined;
}

/** Installs redis-server and postgresql with apt-get when missing (root). */
export function ensureDebianPackages(log) {
	const missing = [];
	if (!which('redis-server')) missing.push('redis-server');
	if (!postgresBin()) missing.push('postgresql');
	if (!missing.length) return;
	log(`installing ${missing.join(', ')} from Debian`);
	execFileSync(
		'sh',
		[
			'-c',
			`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`,
		],
		{
			stdio: 'inherit',
			timeout: 600_000,
		},
	);
}

/** A long-running child we started; stop() ends it (SIGTERM, then SIGKILL). */
function daemon(stoppers, name, cmd, args, opts = {}) {
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
	let output = '';
	child.stdout.on('data', (d) => (output = (output + d).slice(-20000)));
	child.stderr.on('data', (d) => (output = (output + d).slice(-20000)));
	const exited = new Promise((resolve) => child.on('close', resolve));
	const handle = {
		name,
		get output() {
			return output;
		},
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			if ((await Promise.race([exited.then(() => 'ok'), sleep(15_000)])) !== 'ok')
				child.kill('SIGKILL');
		},
	};
	stoppers.push(() => handle.stop());
	return handle;
}

async function waitFor(what, fn, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await fn().catch(() => false)) return;
		await sleep(300);
	}
	throw new Error(`${what} not ready within ${timeoutMs / 1000} s`);
}

/** redis-server on 127.0.0.1:port, without persistence. */
export async function startRedis(port, stoppers) {
	const redis = daemon(stoppers, 'redis', which('redis-server'), [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
	]);
	await waitFor('redis', async () => /Ready to accept connections/i.test(redis.output));
	return redis;
}

/** A fresh PostgreSQL cluster in workDir/pgdata on 127.0.0.1:port (run as user postgres when root), with database n8n. */
export async function startPostgres(workDir, port, stoppers) {
	const bin = postgresBin();
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	const isRoot = process.getuid?.() === 0;
	const dataDir = path.join(workDir, 'pgdata');
	mkdirSync(dataDir, { recursive: true });
	if (isRoot) {
		chmodSync(workDir, 0o755);
		execFileSync('chown', ['-R', `${uid}:${gid}`, dataDir]);
	}
	const asPg = isRoot ? { uid, gid } : {};
	execFileSync(
		path.join(bin, 'initdb'),
		['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
		{
			...asPg,
			stdio: 'ignore',
			env: { ...process.env, HOME: dataDir },
		},
	);
	const pg = daemon(
		stoppers,
		'postgres',
		path.join(bin, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-h',
			'127.0.0.1',
			'-k',
			dataDir,
			'-c',
			'fsync=off',
			'-c',
			'max_connections=100',
		],
		{ ...asPg, env: { ...process.env, HOME: dataDir } },
	);
	await waitFor('postgres', async () => /ready to accept connections/i.test(pg.output));
	execFileSync(
		path.join(bin, 'createdb'),
		['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'n8n'],
		{ stdio: 'ignore' },
	);
	return pg;
}
