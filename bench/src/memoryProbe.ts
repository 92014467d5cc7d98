/**
 * What a bench worker's memory is made of (bench/README.md, Memory): a trace of RSS and heap every 25 ms, heap
 * snapshots at chosen moments, V8's sampling heap profile, probes inside RoutingNode's item loop, and the
 * property-trim experiment. All off unless their environment variable is set; they pause the run while they
 * write, so a traced run's wall and RSS are not comparable with an untraced one.
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';

import { RoutingNode } from 'n8n-core';

import type { BenchEngine } from './engineRun';

/**
 * BENCH_MEMORY_TRACE=dir: writes `<variant>-<pid>.tsv` (ms from go, RSS, heap used/total, external, array
 * buffers, in MB, every 25 ms). BENCH_HEAP_SNAPSHOT_AT=list also writes heap snapshots there, for each entry
 * `go` (before the run), `<ms>` (that long after go, once the event loop lets the timer run), `heap:<MB>` (the
 * first sample with that much heap used), `answer:<k>` (once RoutingNode has processed the k-th answer) or
 * `done` (the run's output still held). A snapshot stops the process while it is written: wall and RSS are not comparable.
 */
export function memoryTrace(variant: string, t0: number) {
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
	const routingNode = RoutingNode.prototype as unknown as Record<
		string,
		(...a: unknown[]) => unknown
	>;
	// BENCH_LOOP_PROBE=k: inside RoutingNode's synchronous item loop (declarative nodes only), every k items,
	// the heap used, and what is still live after a full GC (which pauses the run: wall not comparable).
	const every = Number(process.env.BENCH_LOOP_PROBE ?? 0);
	if (every > 0) {
		const makeRequest = routingNode.makeRequest;
		let started = 0;
		routingNode.makeRequest = function (this: unknown, ...a: unknown[]) {
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
		const postProcess = routingNode.postProcessResponseData;
		let answered = 0;
		routingNode.postProcessResponseData = async function (this: unknown, ...a: unknown[]) {
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

/**
 * BENCH_TRIM_PROPERTIES=1, an experiment: our node runs with only Create's properties (RoutingNode walks every
 * top-level property of the description for every item, twice; this shows what that costs per item).
 */
export function trimToCreate(engine: BenchEngine): void {
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
