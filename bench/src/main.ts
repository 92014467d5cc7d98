/**
 * `npm run bench` (issue 4): our node vs n8n's HTTP Request node, in-process through n8n's real engine
 * (each run in its own worker process), against the HubSpot emulator (in this process).
 *
 * Scenarios
 *   P1      N creates under a scaled burst window (default 1,000 under 50 per 1,000 ms, 50 ms latency)
 *   P2      N creates, no effective limit, zero latency (default 10,000): wall time and peak RSS
 *   Faults  N creates (default 1,000), 10 % of create requests answered 429, 2 % 5xx (see FaultModel)
 *
 * Duplicates are counted, not assumed: every meeting the emulator actually created is keyed by
 * organizer + title + start time (each input item has a unique title), and counted per key.
 *
 * This file runs the scenarios (the entry bench/run.mjs calls: USAGE, parseOptions, main). The parts:
 *   options.ts     the command line and the P1 floor
 *   faultModel.ts  the emulator's create handler wrapped with seeded faults, counting what it created
 *   runner.ts      one variant's run in a worker process (worker.ts), warm-up and time limit
 *   tally.ts       what a run did: created, failed, duplicated, lost, request parity
 *   results.ts     verdicts, the table and the written report
 */
import type { FaultModel } from './faultModel';
import { floorMs, type BenchOptions } from './options';
import { fmt, writeReport } from './results';
import { runProcesses, runVariant, scenarioEmulator, type Row, type Scenario } from './runner';
import { VARIANT_LABEL, type VariantName } from './workload';

export { USAGE, floorMs, parseOptions, type BenchOptions } from './options';
export { renderTable } from './results';
export type { Row } from './runner';

export async function main(options: BenchOptions, environment: string[]): Promise<void> {
	const log = (...a: unknown[]) => console.log('[bench]', ...a);
	const rows: Row[] = [];
	const parity: string[] = [];
	const started = Date.now();
	const { p1, p2, faults } = options;
	const scenarioLines: string[] = [];

	if (options.only.has('p1')) {
		const { emulator, interceptor } = await scenarioEmulator(
			{ max: p1.max, intervalMs: p1.intervalMs },
			p1.latencyMs,
		);
		const scenario: Scenario = {
			id: 'P1',
			emulator,
			interceptor,
			n: p1.n,
			floorMs: floorMs(p1.n, p1.max, p1.intervalMs, p1.latencyMs),
			timeoutS: p1.timeoutS,
			batching: { batchSize: p1.max, batchInterval: p1.intervalMs },
		};
		scenarioLines.push(
			`P1: ${p1.n} creates, window ${p1.max} per ${p1.intervalMs} ms (rolling, per token), latency ${p1.latencyMs} ms; ` +
				`floor = (ceil(${p1.n}/${p1.max}) − 1) × ${p1.intervalMs} ms + ${p1.latencyMs} ms = ${(scenario.floorMs! / 1000).toFixed(2)} s; ` +
				`HTTP Request tuned = batch size ${p1.max}, batch interval ${p1.intervalMs} ms; timeout ${p1.timeoutS} s per run`,
		);
		try {
			for (const variant of (['ours', 'http-default', 'http-tuned'] as VariantName[]).filter(
				(v) => !options.oursOnly || v === 'ours',
			)) {
				log(`P1 ${VARIANT_LABEL[variant]} …`);
				rows.push(await runVariant(options, scenario, variant, parity));
			}
		} finally {
			await emulator.stop();
		}
	}

	if (options.only.has('p2')) {
		const { emulator, interceptor } = await scenarioEmulator(
			{ max: p2.max, intervalMs: p2.intervalMs },
			p2.latencyMs,
		);
		const scenario: Scenario = { id: 'P2', emulator, interceptor, n: p2.n, timeoutS: p2.timeoutS };
		scenarioLines.push(
			`P2: ${p2.n} creates (${p2.repeat} run(s) per variant, fastest shown), no effective limit (window ${p2.max} per ${p2.intervalMs} ms, the emulator's default), latency ${p2.latencyMs} ms; each run in its own process: peak RSS = the worker's ` +
				`maxRSS (engine + both node types loaded in every worker), wall = the engine run only, after a 2-item warm-up`,
		);
		try {
			// Alternating order (ours, http / http, ours, …); per variant the fastest run is kept: the
			// machine may be shared, and the least disturbed run is the best estimate of each.
			const runs: Record<string, Row[]> = { ours: [], 'http-default': [] };
			for (let r = 0; r < p2.repeat; r++) {
				const order: VariantName[] =
					r % 2 === 0 ? ['ours', 'http-default'] : ['http-default', 'ours'];
				for (const variant of order) {
					log(`P2 ${VARIANT_LABEL[variant]} (run ${r + 1}/${p2.repeat}) …`);
					runs[variant].push(await runVariant(options, scenario, variant, parity));
				}
			}
			for (const variant of ['ours', 'http-default'] as VariantName[]) {
				const all = runs[variant];
				const measured = all.filter((row) => row.wallS !== undefined && !row.verdict);
				const best = measured.length
					? measured.reduce((a, b) => (b.wallS! < a.wallS! ? b : a))
					: all[0];
				if (all.length > 1) {
					best.notes.unshift(
						`fastest of ${all.length} runs: wall ${all.map((row) => fmt(row.wallS, 2)).join(' / ')} s, peak RSS ${all.map((row) => fmt(row.peakRssMB)).join(' / ')} MB`,
					);
					const worst = all.filter((row) => row !== best);
					const bad = worst.filter(
						(row) => row.verdict || row.failed || row.duplicated || row.lost,
					);
					if (bad.length)
						best.notes.push(
							`other runs: ${bad.map((row) => `${row.verdict || ''} failed ${fmt(row.failed)} dup ${fmt(row.duplicated)} lost ${fmt(row.lost)} (${row.notes.find((note) => /^\d+× /.test(note)) ?? ''})`).join('; ')}`,
						);
				}
				rows.push(best);
			}
		} finally {
			await emulator.stop();
		}
	}

	if (options.only.has('faults')) {
		// No effective limit (the emulator's default window): every 429 here is an injected one.
		const { emulator, interceptor } = await scenarioEmulator(
			{ max: 100000, intervalMs: 10000 },
			faults.latencyMs,
		);
		const model: FaultModel = {
			rate429: faults.rate429,
			rate5xx: faults.rate5xx,
			share5xxAfter: faults.share5xxAfter,
			retryAfterS: faults.retryAfterS,
			seed: faults.seed,
		};
		const scenario: Scenario = {
			id: 'Faults',
			emulator,
			interceptor,
			n: faults.n,
			faults: model,
			timeoutS: faults.timeoutS,
		};
		const pct = (v: number) => `${+(v * 100).toFixed(2)} %`;
		scenarioLines.push(
			`Faults: ${faults.n} creates, no effective limit, latency ${faults.latencyMs} ms; per create request (seeded PRNG, seed ${faults.seed}): ` +
				`${pct(faults.rate429)} → 429 TEN_SECONDLY_ROLLING ${faults.retryAfterS === undefined ? 'without Retry-After' : `with Retry-After: ${faults.retryAfterS}`}, ` +
				`${pct(faults.rate5xx * (1 - faults.share5xxAfter))} → 500 before processing (not created), ` +
				`${pct(faults.rate5xx * faults.share5xxAfter)} → created, then 504; retries draw again`,
		);
		try {
			for (const variant of ['ours', 'http-default'] as VariantName[]) {
				log(`Faults ${VARIANT_LABEL[variant]} …`);
				rows.push(await runVariant(options, scenario, variant, parity));
			}
		} finally {
			await emulator.stop();
		}
	}

	for (const id of ['real', 'multi'] as const) {
		if (!options.only.has(id)) continue;
		const w = options[id];
		const processes = id === 'multi' ? options.multi.processes : 1;
		const { emulator, interceptor } = await scenarioEmulator(
			{ max: w.max, intervalMs: w.intervalMs },
			w.latencyMs,
		);
		const scenario: Scenario = {
			id: id === 'real' ? 'Real' : 'Multi',
			emulator,
			interceptor,
			n: w.n,
			floorMs: floorMs(w.n, w.max, w.intervalMs, w.latencyMs),
			timeoutS: w.timeoutS,
		};
		scenarioLines.push(
			`${scenario.id}: ${w.n} creates by ${processes} engine process(es) sharing one account (no shared memory, as n8n's queue-mode workers), ` +
				`window ${w.max} per ${w.intervalMs} ms, latency ${w.latencyMs} ms; floor ${(scenario.floorMs! / 1000).toFixed(2)} s; ours only`,
		);
		try {
			log(`${scenario.id} ours …`);
			rows.push(
				id === 'real'
					? await runVariant(options, scenario, 'ours', parity)
					: await runProcesses(options, scenario, processes),
			);
		} finally {
			await emulator.stop();
		}
	}

	writeReport(options, { rows, parity, environment, scenarioLines, started });
}
