/**
 * Pacing when other clients share the HubSpot account (n8n's queue-mode workers: no shared memory). Three
 * credentials with one access token are three rate limiters for one account, as three worker processes
 * are: each learns the others' use only from HubSpot's `X-HubSpot-RateLimit-Remaining`, takes its share of
 * the free places, and halves what it holds on a 429. Every item is created exactly once, none fails, and
 * the 429s they cause each other stay few (without shares each limiter takes every free place it sees).
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
	SERVICE_KEY,
} from '../fixtures';

let emulator: HubspotEmulator;
afterEach(async () => {
	expectSpecValid(emulator);
	await emulator.stop();
});

const WORKERS = [0, 1, 2];

describe('pacing across clients of one account', () => {
	test('three limiters, one account (10 per second): each created once, none failed, few 429s', async () => {
		emulator = await emulatorForSuite({ rateLimit: { max: 10, intervalMs: 1000 }, latencyMs: 20 });
		const runs = await Promise.all(
			WORKERS.map((worker) =>
				runNode({
					credentials: serviceKeyCredential(emulator, { id: `shared-worker-${worker}` }),
					items: titled(15).map((item) => ({ title: `${item.title} of worker ${worker}` })),
					parameters: perItemTitle(),
				}),
			),
		);
		for (const run of runs) {
			expect(run.error).toBeUndefined();
			expectEveryItemAccountedFor(run.items, 15);
			expect(run.items.filter((item) => item.error)).toHaveLength(0);
		}
		expect(emulator.creations).toHaveLength(45);
		expect(emulator.duplicateCreations()).toBe(0);
		if (process.env.PACING_DEBUG) {
			const t0 = emulator.requests[0].receivedAt;
			console.log(
				emulator.requests
					.map((r) => {
						const title = JSON.stringify(r.body ?? '').match(/of worker (\d)/)?.[1] ?? '-';
						return `${r.receivedAt - t0} w${title} ${r.status} ${r.path.slice(0, 30)}`;
					})
					.join('\n'),
			);
		}
		// Each limiter taking all the free places it sees costs about 31 × 429 here (measured before the
		// shares); with them 4–6, and 7–8 since each worker's first item also reads the account (record URL).
		expect(emulator.requests.filter(status(429)).length).toBeLessThanOrEqual(10);
	});

	test('another client uses half the account meanwhile: the node keeps to what is left, few 429s', async () => {
		emulator = await emulatorForSuite({ rateLimit: { max: 10, intervalMs: 1000 }, latencyMs: 20 });
		// The other client: 5 requests every second (half the window), as a second n8n process would.
		let othersRunning = true;
		const others = (async () => {
			while (othersRunning) {
				await Promise.all(
					[0, 1, 2, 3, 4].map(() =>
						fetch(`${emulator.baseUrl}/crm/v3/owners?limit=1`, {
							headers: { authorization: `Bearer ${SERVICE_KEY}` },
						}).then((answer) => answer.arrayBuffer()),
					),
				);
				await new Promise((resolve) => setTimeout(resolve, 1000));
			}
		})();
		try {
			const run = await runNode({
				credentials: serviceKeyCredential(emulator),
				items: titled(20),
				parameters: perItemTitle(),
			});
			expect(run.error).toBeUndefined();
			expectEveryItemAccountedFor(run.items, 20);
			expect(run.items.filter((item) => item.error)).toHaveLength(0);
		} finally {
			othersRunning = false;
			await others;
		}
		expect(emulator.creations).toHaveLength(20);
		expect(emulator.duplicateCreations()).toBe(0);
		const creates429 = emulator.requests.filter(
			(request) => request.path.includes('/meetings/calendar') && request.status === 429,
		);
		expect(creates429.length).toBeLessThanOrEqual(4);
	});
});
