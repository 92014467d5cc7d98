/**
 * One measured run: a scenario's emulator (with the fault interceptor installed), and one variant run in
 * its own worker process (bench/src/worker.ts): init, a 2-item warm-up checked for request parity, then
 * the N items under the scenario's faults, with a time limit; the outcome is tallied into a Row.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startEmulator, type HubspotEmulator } from '../../test/emulator';
import { CreateInterceptor, type FaultModel } from './faultModel';
import type { BenchOptions } from './options';
import { parityProblems, tally, tallyEmulatorOnly } from './tally';
import type { WorkerConfig, WorkerResult } from './worker';
import { SERVICE_KEY, type VariantName } from './workload';

export interface Scenario {
	id: 'P1' | 'P2' | 'Faults' | 'Real' | 'Multi';
	emulator: HubspotEmulator;
	interceptor: CreateInterceptor;
	n: number;
	faults?: FaultModel;
	floorMs?: number;
	timeoutS: number;
	batching?: { batchSize: number; batchInterval: number };
}

export async function scenarioEmulator(
	rateLimit: { max: number; intervalMs: number },
	latencyMs: number,
) {
	const emulator = await startEmulator({ rateLimit, latencyMs });
	emulator.addAccessToken(SERVICE_KEY);
	return { emulator, interceptor: CreateInterceptor.install(emulator) };
}

export interface Row {
	scenario: string;
	variant: VariantName;
	items: number;
	created?: number;
	failed?: number;
	duplicated?: number;
	extraCreates?: number;
	lost?: number;
	createdAndFailed?: number;
	seen429?: number;
	seen5xx?: number;
	requests?: number;
	wallS?: number;
	floorS?: number;
	peakRssMB?: number;
	peakHeapMB?: number;
	verdict: string;
	notes: string[];
}

function waitFor<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			cleanup();
			reject(
				new TimeoutError(`no "${type}" from the worker within ${Math.round(timeoutMs / 1000)} s`),
			);
		}, timeoutMs);
		const onMessage = (m: { type: string; message?: string }) => {
			if (m.type === type) {
				cleanup();
				resolve(m as T);
			} else if (m.type === 'crash') {
				cleanup();
				reject(new Error(`worker crashed: ${m.message}`));
			}
		};
		const onExit = (code: number | null, signal: string | null) => {
			cleanup();
			reject(new Error(`worker exited (${signal ?? code}) before "${type}"`));
		};
		const cleanup = () => {
			clearTimeout(timer);
			child.off('message', onMessage);
			child.off('exit', onExit);
		};
		child.on('message', onMessage);
		child.on('exit', onExit);
	});
}

class TimeoutError extends Error {}

/**
 * Several worker processes of the engine (as n8n's queue mode: no shared memory), one emulator account:
 * each runs its share of the N items; all start at the same moment; wall = from "go" to the last result.
 */
export async function runProcesses(
	options: BenchOptions,
	scenario: Scenario,
	processes: number,
): Promise<Row> {
	const { emulator, interceptor } = scenario;
	emulator.reset();
	interceptor.reset(undefined);
	const row: Row = {
		scenario: scenario.id,
		variant: 'ours',
		items: scenario.n,
		verdict: '',
		notes: [],
	};
	const per = Math.ceil(scenario.n / processes);
	const children = Array.from({ length: processes }, (_, k) => {
		const config: WorkerConfig = {
			variant: 'ours',
			baseUrl: emulator.baseUrl,
			n: Math.min(per, scenario.n - k * per),
			offset: k * per,
			repoRoot: options.repoRoot,
			depsDir: options.depsDir,
		};
		const child = forkWorker(options);
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		return { child, config, exited };
	});
	try {
		for (const { child, config } of children) child.send({ type: 'init', config });
		await Promise.all(children.map(({ child }) => waitFor(child, 'ready', 120_000)));
		// The warm-ups' requests must leave every process's window before the emulator forgets them: a
		// process still counting them would read the others' first requests as its own.
		await new Promise((resolve) => setTimeout(resolve, options.multi.intervalMs + 500));
		emulator.reset();
		interceptor.reset(undefined);
		const started = Date.now();
		const results = children.map(({ child }) =>
			waitFor<{ result: WorkerResult }>(child, 'result', scenario.timeoutS * 1000),
		);
		for (const { child } of children) child.send({ type: 'go' });
		const all = (await Promise.all(results)).map((r) => r.result);
		const merged: WorkerResult = {
			...all[0],
			wallMs: Date.now() - started,
			outcome: {
				failed: all.flatMap((r) => r.outcome.failed),
				ok: all.flatMap((r) => r.outcome.ok),
				outputs: all.reduce((sum, r) => sum + r.outcome.outputs, 0),
			},
			errorSamples: all.flatMap((r) => r.errorSamples),
			runError: all.map((r) => r.runError).find(Boolean),
			peakRssMB: Math.max(...all.map((r) => r.peakRssMB)),
			peakHeapMB: Math.max(...all.map((r) => r.peakHeapMB)),
		};
		tally(row, scenario, merged);
		if (process.env.BENCH_TIMELINE)
			writeTimeline(process.env.BENCH_TIMELINE, scenario, started, per);
		row.notes.unshift(
			`${processes} processes × ${per} items; per process wall ${all.map((r) => (r.wallMs / 1000).toFixed(1)).join(' / ')} s`,
		);
	} catch (error) {
		row.verdict = error instanceof TimeoutError ? 'TIMEOUT' : 'CRASH';
		row.notes.push((error as Error).message.split('\n').slice(0, 6).join(' | '));
		for (const { child } of children) child.kill('SIGKILL');
		tallyEmulatorOnly(row, scenario);
	}
	await Promise.all(children.map(({ exited }) => exited));
	return row;
}

function forkWorker(options: BenchOptions): ChildProcess {
	return fork(options.workerJs, [], {
		execArgv: [
			'--expose-gc',
			'--max-old-space-size=8192',
			...(process.env.BENCH_WORKER_ARGS ?? '').split(' ').filter(Boolean),
		],
		env: {
			...process.env,
			N8N_USER_FOLDER: path.join(os.tmpdir(), 'n8n-hubspot-scheduler-bench'),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'silent',
		},
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
}

export async function runVariant(
	options: BenchOptions,
	scenario: Scenario,
	variant: VariantName,
	parity: string[],
): Promise<Row> {
	const { emulator, interceptor } = scenario;
	emulator.reset();
	interceptor.reset(undefined);
	const row: Row = { scenario: scenario.id, variant, items: scenario.n, verdict: '', notes: [] };
	const config: WorkerConfig = {
		variant,
		baseUrl: emulator.baseUrl,
		n: scenario.n,
		batching: scenario.batching,
		repoRoot: options.repoRoot,
		depsDir: options.depsDir,
	};
	// BENCH_WORKER_ARGS: extra Node flags for the workers, e.g. "--cpu-prof --cpu-prof-dir=.cache/prof".
	const child = forkWorker(options);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	try {
		child.send({ type: 'init', config });
		const ready = await waitFor<{ warmupErrors: string[] }>(child, 'ready', 120_000);
		if (ready.warmupErrors.length) row.notes.push(`warm-up item errors: ${ready.warmupErrors[0]}`);
		parity.push(...parityProblems(emulator, variant));

		emulator.reset();
		interceptor.reset(scenario.faults);
		const started = Date.now();
		child.send({ type: 'go' });
		const { result } = await waitFor<{ result: WorkerResult }>(
			child,
			'result',
			scenario.timeoutS * 1000,
		);
		tally(row, scenario, result);
		if (process.env.BENCH_TIMELINE)
			writeTimeline(process.env.BENCH_TIMELINE, scenario, started, scenario.n);
	} catch (error) {
		if (error instanceof TimeoutError) {
			row.verdict = 'TIMEOUT';
			row.notes.push(`stopped after ${scenario.timeoutS} s (${(error as Error).message})`);
		} else {
			row.verdict = 'CRASH';
			row.notes.push((error as Error).message.split('\n').slice(0, 6).join(' | '));
		}
		child.kill('SIGKILL');
		// count what reached the emulator anyway
		tallyEmulatorOnly(row, scenario);
	}
	await exited;
	return row;
}

/** BENCH_TIMELINE=file: every request the emulator saw (ms from go, process, status), to study pacing. */
function writeTimeline(file: string, scenario: Scenario, started: number, per: number): void {
	const lines = scenario.emulator.requests.map((request) => {
		const item = /#(\d+)/.exec(JSON.stringify(request.body ?? ''))?.[1];
		const worker = item === undefined ? '-' : String(Math.floor(Number(item) / per));
		return `${request.receivedAt - started}\t${worker}\t${request.status}\t${request.path}`;
	});
	fs.writeFileSync(file, lines.join('\n') + '\n');
}
