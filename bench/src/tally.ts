/**
 * Counting a run: the requests the emulator saw, the meetings it really created per item (created,
 * duplicated, lost, created-but-reported-failed), the warm-up's request parity, and the notes of a Row.
 */
import { isDeepStrictEqual } from 'node:util';

import type { HubspotEmulator } from '../../test/emulator';
import type { Row, Scenario } from './runner';
import type { WorkerResult } from './worker';
import {
	CREATE_PATH,
	ORGANIZER_USER_ID,
	SERVICE_KEY,
	expectedBody,
	itemKey,
	makeItems,
	type VariantName,
} from './workload';

export function createRequests(emulator: HubspotEmulator) {
	return emulator.requests.filter((r) => r.method === 'POST' && r.path === CREATE_PATH);
}

/** Warm-up requests must equal what our node sends: same path, query, auth header and JSON body. */
export function parityProblems(emulator: HubspotEmulator, variant: VariantName): string[] {
	const warm = makeItems(2, 'Warm-up meeting');
	const creates = createRequests(emulator);
	const problems: string[] = [];
	if (creates.length < warm.length)
		problems.push(`${variant}: ${creates.length} warm-up creates seen, expected ${warm.length}`);
	for (const item of warm) {
		const req = creates.find(
			(r) =>
				(r.body as { properties?: { hs_meeting_title?: string } })?.properties?.hs_meeting_title ===
				item.title,
		);
		if (!req) {
			problems.push(`${variant}: no create with title "${item.title}"`);
			continue;
		}
		if (!isDeepStrictEqual(req.query, { organizerUserId: ORGANIZER_USER_ID }))
			problems.push(`${variant}: query ${JSON.stringify(req.query)}`);
		if (req.headers.authorization !== `Bearer ${SERVICE_KEY}`)
			problems.push(`${variant}: authorization ${String(req.headers.authorization)}`);
		if (!isDeepStrictEqual(req.body, expectedBody(item))) {
			problems.push(
				`${variant}: body differs from the reference:\n    got      ${JSON.stringify(req.body)}\n    expected ${JSON.stringify(expectedBody(item))}`,
			);
		}
		if (req.validationErrors.length)
			problems.push(`${variant}: spec validation: ${req.validationErrors.join('; ')}`);
	}
	return problems;
}

function countCreates(scenario: Scenario) {
	// Counted by the interceptor around the emulator's create handler (organizer + title + start);
	// cross-checked against the emulator's own store below.
	const perKey = scenario.interceptor.created;
	const expected = new Set(makeItems(scenario.n).map(itemKey));
	const unexpected = [...perKey.keys()].filter((k) => !expected.has(k)).length;
	const counted = [...perKey.values()].reduce((a, b) => a + b, 0);
	const stored =
		(scenario.emulator as unknown as { creations?: unknown[] }).creations?.length ??
		scenario.emulator.meetings.size;
	const requests = createRequests(scenario.emulator);
	return {
		perKey,
		unexpected,
		requests: requests.length,
		seen429: requests.filter((r) => r.status === 429).length,
		seen5xx: requests.filter((r) => r.status >= 500).length,
		specInvalid: requests.filter((r) =>
			r.validationErrors.some((e) => !e.startsWith('emulator response invalid')),
		).length,
		storeMismatch:
			counted !== stored
				? `bench counted ${counted} creates, the emulator stored ${stored}`
				: undefined,
	};
}

export function tallyEmulatorOnly(row: Row, scenario: Scenario): void {
	const c = countCreates(scenario);
	row.requests = c.requests;
	row.seen429 = c.seen429;
	row.seen5xx = c.seen5xx;
	row.created = c.perKey.size;
	row.duplicated = [...c.perKey.values()].filter((v) => v > 1).length;
	row.floorS = scenario.floorMs !== undefined ? scenario.floorMs / 1000 : undefined;
}

/** The HTTP Request node versions the workers ran, for the report. */
export const nodeTypeVersions = new Set<string>();

export function tally(row: Row, scenario: Scenario, result: WorkerResult): void {
	nodeTypeVersions.add(result.nodeTypeVersion);
	const c = countCreates(scenario);
	const items = makeItems(scenario.n);
	const failed = new Set(result.outcome.failed);
	const reported = new Set([...result.outcome.failed, ...result.outcome.ok]);
	let created = 0;
	let duplicated = 0;
	let extra = 0;
	let lost = 0;
	let createdAndFailed = 0;
	let okButNotCreated = 0;
	items.forEach((item, index) => {
		const count = c.perKey.get(itemKey(item)) ?? 0;
		if (count >= 1) created++;
		if (count > 1) {
			duplicated++;
			extra += count - 1;
		}
		if (count === 0 && !failed.has(index)) {
			lost++;
			if (reported.has(index)) okButNotCreated++;
		}
		if (count >= 1 && failed.has(index)) createdAndFailed++;
	});
	Object.assign(row, {
		created,
		failed: failed.size,
		duplicated,
		extraCreates: extra,
		lost,
		createdAndFailed,
		seen429: c.seen429,
		seen5xx: c.seen5xx,
		requests: c.requests,
		wallS: result.wallMs / 1000,
		floorS: scenario.floorMs !== undefined ? scenario.floorMs / 1000 : undefined,
		peakRssMB: result.peakRssMB,
		peakHeapMB: result.peakHeapMB,
	});
	if (result.runError) row.notes.push(`node error (whole run): ${result.runError}`);
	if (result.outcome.outputs !== scenario.n)
		row.notes.push(`${result.outcome.outputs} output items for ${scenario.n} inputs`);
	if (okButNotCreated) row.notes.push(`${okButNotCreated} reported OK but never created`);
	if (createdAndFailed) row.notes.push(`${createdAndFailed} created but reported failed`);
	if (extra) row.notes.push(`${extra} extra creates`);
	if (c.unexpected) row.notes.push(`${c.unexpected} meetings with unknown keys`);
	if (c.storeMismatch) row.notes.push(c.storeMismatch);
	if (c.specInvalid) row.notes.push(`${c.specInvalid} spec-invalid create requests`);
	if (scenario.faults) {
		const s = scenario.interceptor.stats;
		row.notes.push(
			`injected: ${s.injected429}×429, ${s.injected500Before}×500 before, ${s.injected504After}×504 after`,
		);
	}
	for (const sample of result.errorSamples.slice(0, 2))
		row.notes.push(`${sample.count}× ${sample.message}`);
	if (result.variant === 'ours')
		row.notes.push(`package load ${result.packageLoadMs.toFixed(0)} ms`);
	row.notes.push(
		`RSS ${result.baselineRssMB.toFixed(0)}→${result.peakRssMB.toFixed(0)} MB, heap peak ${result.peakHeapMB.toFixed(0)} MB`,
	);
}
