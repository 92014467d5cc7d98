/**
 * The bench's results: verdicts against the targets (P1 ≤ 1.10 × floor, P2 ours ≤ HTTP Request, Faults
 * 0 duplicated / 0 lost), the table, and the report printed and written to .cache/bench-results.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { BenchOptions } from './options';
import type { Row } from './runner';
import { nodeTypeVersions } from './tally';
import { VARIANT_LABEL } from './workload';

export function judge(rows: Row[]): string[] {
	const summary: string[] = [];
	for (const row of rows) {
		if (row.verdict) continue;
		const clean =
			row.failed === 0 &&
			row.duplicated === 0 &&
			row.lost === 0 &&
			!row.notes.some((n) => n.startsWith('node error'));
		if (row.scenario === 'P1' || row.scenario === 'Real' || row.scenario === 'Multi') {
			// Targets (issue 13): scaled window ≤ 1.10, HubSpot's real window ≤ 1.03 (both 0 × 429), processes ≤ 1.20 and ≤ 5 × 429.
			const ratio = row.wallS! / row.floorS!;
			const target = { P1: 1.1, Real: 1.03, Multi: 1.2 }[row.scenario];
			const max429 = row.variant !== 'ours' ? Infinity : row.scenario === 'Multi' ? 5 : 0;
			row.verdict = clean && ratio <= target && (row.seen429 ?? 0) <= max429 ? 'PASS' : 'MISS';
		} else if (row.scenario === 'Faults') {
			row.verdict = row.duplicated === 0 && row.lost === 0 ? 'PASS' : 'MISS';
		}
	}
	const p2Ours = rows.find((r) => r.scenario === 'P2' && r.variant === 'ours');
	const p2Http = rows.find((r) => r.scenario === 'P2' && r.variant === 'http-default');
	if (p2Http && !p2Http.verdict) p2Http.verdict = 'ref';
	if (p2Ours && !p2Ours.verdict) {
		if (p2Http?.wallS && p2Http.peakRssMB && p2Ours.wallS && p2Ours.peakRssMB) {
			const wall = p2Ours.wallS / p2Http.wallS;
			const rss = p2Ours.peakRssMB / p2Http.peakRssMB;
			const clean = p2Ours.failed === 0 && p2Ours.duplicated === 0 && p2Ours.lost === 0;
			p2Ours.verdict = clean && wall <= 1.0 && rss <= 1.0 ? 'PASS' : 'MISS';
			summary.push(
				`P2 ours / HTTP Request (defaults): wall ${wall.toFixed(2)}×, peak RSS ${rss.toFixed(2)}× (target ≤ 1.00× both) → ${p2Ours.verdict}`,
			);
		} else p2Ours.verdict = 'n/a';
	}
	return summary;
}

export const fmt = (v: number | undefined, digits = 0) =>
	v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);

export function renderTable(rows: Row[]): string {
	const header = [
		'scenario',
		'variant',
		'items',
		'wall s',
		'items/s',
		'429s',
		'5xx',
		'failed',
		'duplicated',
		'lost',
		'floor s',
		'wall/floor',
		'peak RSS MB',
		'target',
	];
	const body = rows.map((r) => [
		r.scenario,
		VARIANT_LABEL[r.variant],
		String(r.items),
		fmt(r.wallS, 2),
		r.wallS ? fmt((r.created ?? 0) / r.wallS, 1) : '—',
		fmt(r.seen429),
		fmt(r.seen5xx),
		fmt(r.failed),
		fmt(r.duplicated),
		fmt(r.lost),
		r.floorS !== undefined ? fmt(r.floorS, 2) : '—',
		r.floorS !== undefined && r.wallS !== undefined ? fmt(r.wallS / r.floorS, 2) : '—',
		fmt(r.peakRssMB),
		r.verdict,
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const numeric = (i: number) => i >= 2 && i <= 12;
	const line = (cells: string[]) =>
		'| ' +
		cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ') +
		' |';
	const sep =
		'|' +
		widths.map((w, i) => (numeric(i) ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') +
		'|';
	return [line(header), sep, ...body.map(line)].join('\n');
}

/** Judges the rows, then prints the report and writes it to options.resultsFile. */
export function writeReport(
	options: BenchOptions,
	{
		rows,
		parity,
		environment,
		scenarioLines,
		started,
	}: {
		rows: Row[];
		parity: string[];
		environment: string[];
		scenarioLines: string[];
		started: number;
	},
): void {
	const log = (...a: unknown[]) => console.log('[bench]', ...a);
	const summary = judge(rows);
	const table = renderTable(rows);
	const notes = rows.map(
		(r) => `- ${r.scenario} / ${VARIANT_LABEL[r.variant]}: ${r.notes.join('; ') || '—'}`,
	);
	const definitions = [
		'items/s = distinct items created / wall s. 429s, 5xx = create responses with that status seen by the emulator (incl. retries).',
		'failed = items the node reported as errors (continue-on-fail output). duplicated = items created more than once (emulator count by organizer+title+start).',
		'lost = items neither created nor reported failed. Targets: P1 0 failed, 0 duplicated, 0 lost, wall ≤ 1.10 × floor; P2 ours ≤ 1.00 × HTTP Request (defaults) in wall and peak RSS; Faults 0 duplicated, 0 lost.',
	];
	const parityLines = parity.length
		? [
				'REQUEST PARITY PROBLEMS (the variants did not send the same request):',
				...parity.map((p) => `  ${p}`),
			]
		: [
				'Request parity: every variant sent the same path, query, Authorization header and JSON body (checked on its warm-up items).',
			];
	const text = [
		`# npm run bench — ${new Date().toISOString()} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
		'',
		...environment,
		...scenarioLines,
		'',
		table,
		'',
		...summary,
		...definitions,
		...parityLines,
		`Node types run: ${[...nodeTypeVersions].join(', ')}.`,
		'',
		'Notes:',
		...notes,
		'',
	].join('\n');
	console.log('\n' + text);
	mkdirSync(path.dirname(options.resultsFile), { recursive: true });
	writeFileSync(options.resultsFile, text);
	log(`written to ${path.relative(options.repoRoot, options.resultsFile)}`);
}
