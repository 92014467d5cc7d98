/**
 * n8n processes: one-shot CLI calls (import, `n8n execute`), long-running `n8n start` / `worker` with a
 * ready check, process-group clean-up on exit, and reading an execution's run data.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { cleanEnv } from './n8n-install.mjs';

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
			resolve({
				code: code ?? (signal ? 128 : 1),
				signal,
				stdout,
				stderr,
				seconds: (Date.now() - started) / 1000,
			});
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
export async function startN8n(
	install,
	env,
	{ command = ['start'], readyTimeoutMs = 180_000, log, name = 'n8n' } = {},
) {
	const port = Number(env.N8N_PORT || 5678);
	const isMain = command[0] === 'start';
	if (isMain && !(await portIsFree(port)))
		throw new Error(`port ${port} is already in use: stop what listens there or set N8N_PORT`);
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
	const exitPromise = new Promise((resolve) =>
		child.on('close', (code, signal) => resolve((exited = { code, signal }))),
	);
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
		if (exited)
			throw new Error(
				`${name} exited (${exited.signal ?? exited.code}) before it was ready:\n${output.slice(-4000)}`,
			);
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
		throw new Error(
			`${name} was not ready within ${readyTimeoutMs / 1000} s:\n${output.slice(-4000)}`,
		);
	}
	handle.startSeconds = (Date.now() - started) / 1000;
	return handle;
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
