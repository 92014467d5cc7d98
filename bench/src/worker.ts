/**
 * One measured run in its own process (so its peak RSS is its own, and a hung run can be killed):
 * load the engine with both node types, warm up with 2 items, wait for "go", run N items, report.
 * Protocol (IPC): parent -> {type:'init', config}; worker -> {type:'ready'}; parent -> {type:'go'};
 * worker -> {type:'result', result}; or worker -> {type:'crash', message}.
 */
import { performance } from 'node:perf_hooks';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	HTTP_REQUEST_TYPE,
	loadBenchEngine,
	runEngine,
	type BenchEngine,
	type EngineRunOptions,
} from './engineRun';
import { memoryTrace, trimToCreate } from './memoryProbe';
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

async function main(): Promise<void> {
	const config = await new Promise<WorkerConfig>((resolve) =>
		process.once('message', (m: { type: string; config: WorkerConfig }) => resolve(m.config)),
	);
	const engine = await loadBenchEngine(config.repoRoot, config.depsDir);
	if (process.env.BENCH_TRIM_PROPERTIES && config.variant === 'ours') trimToCreate(engine);
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
