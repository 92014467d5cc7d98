/**
 * One measured run in its own process (so its peak RSS is its own, and a hung run can be killed):
 * load the engine with both node types, warm up with 2 items, wait for "go", run N items, report.
 * Protocol (IPC): parent -> {type:'init', config}; worker -> {type:'ready'}; parent -> {type:'go'};
 * worker -> {type:'result', result}; or worker -> {type:'crash', message}.
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';

import { RoutingNode } from 'n8n-core';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	HTTP_REQUEST_TYPE,
	loadBenchEngine,
	runEngine,
	type BenchEngine,
	type EngineRunOptions,
} from './engineRun';
import {
	httpParameters,
	makeItems,
	ourParameters,
	SERVICE_KEY,
	type VariantName,
} from './workload';

export interface WorkerConfig {
	variant: VariantName;
	baseUrl: string;
	n: number;
	/** Multi-process runs: this worker runs items offset … offset + n − 1 of the scenario. */
	offset?: number;
	batching?: { batchSize: number; batchInterval: number };
	repoRoot: string;
	depsDir: string;
}

export interface ItemOutcome {
	/** input index -> 'ok' | 'failed'; inputs without an output are 'missing' */
	failed: number[];
	ok: number[];
	outputs: number;
}

export interface WorkerResult {
	variant: VariantName;
	wallMs: number;
	outcome: ItemOutcome;
	errorSamples: { message: string; count: number }[];
	runError?: string;
	peakRssMB: number;
	baselineRssMB: number;
	peakHeapMB: number;
	nodeTypeVersion: string;
	packageLoadMs: number;
}

function send(message: unknown): Promise<void> {
	return new Promise((resolve, reject) =>
		process.send!(message, (e: Error | null) => (e ? reject(e) : resolve())),
	);
}

function runOptions(
	engine: BenchEngine,
	config: WorkerConfig,
	items: INodeExecutionData[],
): EngineRunOptions {
	if (config.variant === 'ours') {
		return {
			nodeType: engine.ourNodeType,
			parameters: ourParameters(),
			credentials: {
				type: 'hubspotSchedulerTokenApi',
				data: { accessToken: SERVICE_KEY, baseUrl: config.baseUrl },
			},
			items,
			continueOnFail: true,
		};
	}
	return {
		nodeType: HTTP_REQUEST_TYPE,
		parameters: httpParameters(
			config.baseUrl,
			config.variant === 'http-tuned' ? config.batching : undefined,
		),
		credentials: {
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${SERVICE_KEY}` },
		},
		items,
		continueOnFail: true,
	};
}

function errorOf(item: INodeExecutionData): unknown {
	if (item.error) return item.error;
	const json = item.json as IDataObject | undefined;
	if (json && json.error !== undefined && json.id === undefined) return json.error;
	return undefined;
}

function describe(error: unknown): string {
	if (error && typeof error === 'object') {
		const e = error as {
			httpCode?: unknown;
			status?: unknown;
			message?: unknown;
			description?: unknown;
		};
		const code = e.httpCode ?? e.status;
		const text = String(e.message ?? JSON.stringify(error)).slice(0, 120);
		return code !== undefined ? `[${String(code)}] ${text}` : text;
	}
	return String(error).slice(0, 120);
}

function toItems(n: number, prefix?: string): INodeExecutionData[] {
	return makeItems(n, prefix).map((json) => ({ json }));
}

/**
 * BENCH_MEMORY_TRACE=dir: writes `<variant>-<pid>.tsv` (ms from go, RSS, heap used/total, external, array
 * buffers, in MB, every 25 ms). BENCH_HEAP_SNAPSHOT_AT=list also writes heap snapshots there, for each entry
 * `go` (before the run), `<ms>` (that long after go, once the event loop lets the timer run), `heap:<MB>` (the
 * first sample with that much heap used), `answer:<k>` (once RoutingNode has processed the k-th answer) or
 * `done` (the run's output still held). A snapshot stops the process while it is written: wall and RSS are not comparable.
 */
function memoryTrace(variant: string, t0: number) {
	const dir = process.env.BENCH_MEMORY_TRACE;
	if (!dir) return undefined;
	fs.mkdirSync(dir, { recursive: true });
	const base = path.join(dir, `${variant}-${process.pid}`);
	const lines = ['ms\trss\theapUsed\theapTotal\texternal\tarrayBuffers\tnote'];
	const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
	const snapshot = (label: string) => {
		const file = v8.writeHeapSnapshot(`${base}-${label}.heapsnapshot`);
		lines.push(`${Math.round(performance.now() - t0)}\t\t\t\t\t\tsnapshot ${file}`);
	};
	const plan = (process.env.BENCH_HEAP_SNAPSHOT_AT ?? '').split(',').filter(Boolean);
	const heapMarks = plan.filter((p) => p.startsWith('heap:')).map((p) => Number(p.slice(5)));
	const timers = plan
		.filter((p) => /^\d+$/.test(p))
		.map((p) => setTimeout(() => snapshot(`${p}ms`), Number(p)));
	if (plan.includes('go')) snapshot('go');
	const sample = (usage: NodeJS.MemoryUsage, note = '') => {
		lines.push(
			[
				Math.round(performance.now() - t0),
				mb(usage.rss),
				mb(usage.heapUsed),
				mb(usage.heapTotal),
				mb(usage.external),
				mb(usage.arrayBuffers),
				note,
			].join('\t'),
		);
		const due = heapMarks.findIndex((m) => usage.heapUsed / 1024 / 1024 >= m);
		if (due >= 0) snapshot(`heap${heapMarks.splice(due, 1)[0]}`);
	};
	// BENCH_HEAP_SAMPLING=1: V8's sampling heap profile of what the run allocated and a scavenge did not free
	// (still live, or left for a mark-compact: what fills the old space), written as <base>.heapprofile.
	const sampling = process.env.BENCH_HEAP_SAMPLING ? new inspector.Session() : undefined;
	sampling?.connect();
	sampling?.post('HeapProfiler.startSampling', {
		samplingInterval: 16384,
		includeObjectsCollectedByMajorGC: true,
		includeObjectsCollectedByMinorGC: false,
	});
	// BENCH_LOOP_PROBE=k: inside RoutingNode's synchronous item loop (declarative nodes only), every k items,
	// the heap used, and what is still live after a full GC (which pauses the run: wall not comparable).
	const every = Number(process.env.BENCH_LOOP_PROBE ?? 0);
	if (every > 0) {
		const proto = RoutingNode.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
		const makeRequest = proto.makeRequest;
		let started = 0;
		proto.makeRequest = function (this: unknown, ...a: unknown[]) {
			if (++started % every === 0) {
				const before = process.memoryUsage();
				global.gc?.();
				const live = process.memoryUsage().heapUsed;
				sample(before, `loop item ${started}: live after gc ${mb(live)}`);
			}
			return makeRequest.apply(this, a);
		};
	}
	// `answer:<k>`: once RoutingNode has processed the k-th answer (declarative nodes only).
	const answerMarks = plan.filter((p) => p.startsWith('answer:')).map((p) => Number(p.slice(7)));
	if (answerMarks.length) {
		const proto = RoutingNode.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
		const postProcess = proto.postProcessResponseData;
		let answered = 0;
		proto.postProcessResponseData = async function (this: unknown, ...a: unknown[]) {
			const items = await postProcess.apply(this, a);
			if (answerMarks.includes(++answered)) snapshot(`answer${answered}`);
			return items;
		};
	}
	sample(process.memoryUsage(), 'go');
	return {
		sample,
		close() {
			sampling?.post('HeapProfiler.stopSampling', (error, result) => {
				if (error) throw error;
				fs.writeFileSync(`${base}.heapprofile`, JSON.stringify(result.profile));
			});
			if (plan.includes('done')) snapshot('done');
			timers.forEach(clearTimeout);
			fs.writeFileSync(`${base}.tsv`, lines.join('\n') + '\n');
		},
	};
}

async function main(): Promise<void> {
	const config = await new Promise<WorkerConfig>((resolve) =>
		process.once('message', (m: { type: string; config: WorkerConfig }) => resolve(m.config)),
	);
	const engine = await loadBenchEngine(config.repoRoot, config.depsDir);
	// BENCH_TRIM_PROPERTIES=1, an experiment: our node runs with only Create's properties (RoutingNode walks every
	// top-level property of the description for every item; this shows what that costs).
	if (process.env.BENCH_TRIM_PROPERTIES && config.variant === 'ours') {
		const type = engine.nodeTypes.getByName(engine.ourNodeType) as unknown as {
			description: { properties: Array<{ displayOptions?: { show?: Record<string, unknown[]> } }> };
		};
		const before = type.description.properties.length;
		type.description.properties = type.description.properties.filter(({ displayOptions }) => {
			const show = displayOptions?.show;
			return (
				(!show?.resource || show.resource.includes('meeting')) &&
				(!show?.operation || show.operation.includes('createCalendarEvent'))
			);
		});
		console.log(`[trim] properties ${before} -> ${type.description.properties.length}`);
	}
	const nodeType = config.variant === 'ours' ? engine.ourNodeType : HTTP_REQUEST_TYPE;

	// Warm-up: first-use costs (expression engine, axios, credentials) are not part of the measurement.
	const warm = await runEngine(engine, runOptions(engine, config, toItems(2, 'Warm-up meeting')));
	if (warm.error) throw new Error(`warm-up run failed: ${warm.error.message}`);
	const warmErrors = warm.items.map(errorOf).filter((e) => e !== undefined);
	const offset = config.offset ?? 0;
	const items = toItems(offset + config.n).slice(offset);
	if (global.gc) global.gc();
	const baselineRss = process.memoryUsage.rss();
	await send({ type: 'ready', warmupErrors: warmErrors.map(describe) });
	await new Promise<void>((resolve) => process.once('message', () => resolve()));

	let peakHeap = 0;
	const t0 = performance.now();
	const trace = memoryTrace(config.variant, t0);
	const sampler = setInterval(() => {
		const usage = process.memoryUsage();
		if (usage.heapUsed > peakHeap) peakHeap = usage.heapUsed;
		trace?.sample(usage);
	}, 25);
	const result = await runEngine(engine, runOptions(engine, config, items));
	const wallMs = performance.now() - t0;
	clearInterval(sampler);
	peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
	trace?.sample(process.memoryUsage(), 'run done');
	trace?.close();

	const failed: number[] = [];
	const ok: number[] = [];
	const samples = new Map<string, number>();
	result.items.forEach((item, index) => {
		const paired = item.pairedItem;
		const input =
			typeof paired === 'number'
				? paired
				: Array.isArray(paired)
					? (paired[0]?.item ?? index)
					: (paired?.item ?? index);
		const error = errorOf(item);
		if (error !== undefined) {
			failed.push(input + offset);
			const text = describe(error).replace(/\[item \d+\]/g, '[item …]');
			samples.set(text, (samples.get(text) ?? 0) + 1);
		} else ok.push(input + offset);
	});
	const out: WorkerResult = {
		variant: config.variant,
		wallMs,
		outcome: { failed, ok, outputs: result.items.length },
		errorSamples: [...samples.entries()]
			.sort((a, b) => b[1] - a[1])
			.map(([message, count]) => ({ message, count })),
		runError: result.error ? describe(result.error) : undefined,
		peakRssMB: process.resourceUsage().maxRSS / 1024,
		baselineRssMB: baselineRss / 1024 / 1024,
		peakHeapMB: peakHeap / 1024 / 1024,
		nodeTypeVersion: `${nodeType}@${engine.latestVersion(nodeType)}`,
		packageLoadMs: engine.packageLoadMs,
	};
	await send({ type: 'result', result: out });
	process.exit(0);
}

main().catch(async (error: Error) => {
	try {
		await send({ type: 'crash', message: error?.stack ?? String(error) });
	} finally {
		process.exit(2);
	}
});
