/**
 * Pacing, in the transport every operation shares (exercised through Create Calendar Event): requests
 * are spaced below HubSpot's burst window (per credential, shared by executions running at once), so
 * a long run never meets a 429. Every item is created exactly once.
 */
import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import {
	emulatorForSuite,
	expectEveryItemAccountedFor,
	expectSpecValid,
	perItemTitle,
	serviceKeyCredential,
	status,
	titled,
} from '../fixtures';

/** Requests of one credential on their way at once, at most (README, Rate limits). */
const MAX_IN_FLIGHT = 250;

let emulator: HubspotEmulator;
afterEach(async () => {
	expectSpecValid(emulator);
	await emulator.stop();
});

describe('pacing below the burst window', () => {
	test('30 items against a window of 5 per second: no 429, each created once', async () => {
		emulator = await emulatorForSuite({ rateLimit: { max: 5, intervalMs: 1000 } });
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: titled(30),
			parameters: perItemTitle(),
		});
		expect(result.error).toBeUndefined();
		expectEveryItemAccountedFor(result.items, 30);
		expect(emulator.requests.filter(status(429))).toHaveLength(0);
		expect(emulator.creations).toHaveLength(30);
		expect(emulator.duplicateCreations()).toBe(0);
	});

	test(`under a window larger than any of HubSpot's, at most ${MAX_IN_FLIGHT} requests are on their way at once`, async () => {
		const latencyMs = 1000;
		emulator = await emulatorForSuite({
			rateLimit: { max: 100_000, intervalMs: 10_000 },
			latencyMs,
		});
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: titled(2 * MAX_IN_FLIGHT + 100),
			parameters: perItemTitle(),
		});
		expectEveryItemAccountedFor(result.items, 2 * MAX_IN_FLIGHT + 100);
		expect(emulator.creations).toHaveLength(2 * MAX_IN_FLIGHT + 100);
		// A request received less than `latencyMs` ago is not answered yet, so its item still holds a place:
		// no MAX_IN_FLIGHT + 1 requests may arrive within one latency.
		const received = emulator.requests.map((request) => request.receivedAt).sort((a, b) => a - b);
		const tightest = Math.min(...received.slice(MAX_IN_FLIGHT).map((at, i) => at - received[i]));
		expect(tightest).toBeGreaterThanOrEqual(latencyMs - 1);
	}, 30_000);

	test('three executions at once with one credential share the budget: no 429', async () => {
		emulator = await emulatorForSuite({ rateLimit: { max: 6, intervalMs: 1000 } });
		const credentials = serviceKeyCredential(emulator);
		const runs = await Promise.all(
			[0, 1, 2].map((run) =>
				runNode({
					credentials,
					items: titled(8).map((item) => ({ title: `${item.title} of run ${run}` })),
					parameters: perItemTitle(),
				}),
			),
		);
		for (const run of runs) expectEveryItemAccountedFor(run.items, 8);
		expect(emulator.requests.filter(status(429))).toHaveLength(0);
		expect(emulator.creations).toHaveLength(24);
		expect(emulator.duplicateCreations()).toBe(0);
	});
});
