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
