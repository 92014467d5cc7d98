/**
 * Issue 10 #12 and #13: waits on the credential's shared rate limiter.
 * #12 — one long Retry-After must not stall every other item without bound: no item waits longer than the
 *       README's 3 minutes, whatever paused the limiter. Decision: an item that could only go after its budget
 *       fails at once (saying nothing was created and how long HubSpot asked to wait) instead of hanging.
 * #13 — a Retry-After on the very first answer applies to the requests waiting at that moment: none of them
 *       goes out before it has passed.
 */
import { sleep } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import {
	GRACE,
	calendarCreates,
	createParameters,
	emulatorForSuite,
	expectSpecValid,
	serviceKeyCredential,
	titled,
} from '../fixtures';

let emulator: HubspotEmulator;
afterEach(async () => {
	expectSpecValid(emulator);
	await emulator.stop();
});

const CREATE = /\/meetings\/calendar$/;
const RATE_LIMITED_BODY = {
	status: 'error',
	message: 'You have reached your ten_secondly_rolling limit.',
	errorType: 'RATE_LIMIT',
	correlationId: '3f1a5c9e-0d7b-4d2e-9a41-6f0c2b7e8d12',
	policyName: 'TEN_SECONDLY_ROLLING',
	category: 'RATE_LIMITS',
};
const parameters = createParameters({ ownerId: GRACE.ownerId, title: '={{ $json.title }}' });

/** The run, or `undefined` when it did not finish within `ms` (today's hang), so the test fails instead of hanging. */
async function finishedWithin<T>(run: Promise<T>, ms: number): Promise<T | undefined> {
	const timer = new AbortController();
	try {
		return await Promise.race([run, sleep(ms, timer.signal).then(() => undefined)]);
	} finally {
		timer.abort(); // no timer left running when the run finished first
	}
}

describe('#12 a Retry-After longer than any item may wait', () => {
	const longWaits: Array<[string, string]> = [
		['3600 s (an hour)', '3600'],
		['200 s (just over the 3-minute budget)', '200'],
	];

	it.each(longWaits)(
		'Retry-After %s while 15 items queue behind the window: every item is reported within seconds',
		async (_name, retryAfter) => {
			// 5 requests per 2 s: after the first answer four more go, the other fifteen queue for the window.
			emulator = await emulatorForSuite({ rateLimit: { max: 5, intervalMs: 2_000 } });
			// The third create is answered 429 with the long Retry-After; the limiter is paused while items queue.
			emulator.injectFault({
				method: 'POST',
				path: CREATE,
				status: 429,
				body: RATE_LIMITED_BODY,
				headers: { 'Retry-After': retryAfter },
				when: () => calendarCreates(emulator).length === 3,
			});
			const startedAt = Date.now();
			const result = await finishedWithin(
				runNode({
					credentials: serviceKeyCredential(emulator),
					items: titled(20),
					parameters,
					continueOnFail: true,
				}),
				15_000,
			);
			const longestWaitMs = Date.now() - startedAt; // every item's wait had ended by then
			expect(result).toBeDefined();
			expect(longestWaitMs).toBeLessThan(5_000);
			expect(result!.items).toHaveLength(20);
			const failed = result!.items.filter((item) => item.error);
			result!.items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
			for (const item of failed)
				expect(item.error?.description).toMatch(/Nothing was created for it/);
			// HubSpot asked the credential to wait: the queued items were not sent, and no item is lost.
			expect(failed.length).toBeGreaterThanOrEqual(15);
			expect(calendarCreates(emulator).length).toBeLessThanOrEqual(5);
			expect(emulator.creations).toHaveLength(20 - failed.length);
		},
	);

	it('a Retry-After within the budget (2 s) is waited out and every item is created once', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({
			method: 'POST',
			path: CREATE,
			status: 429,
			body: RATE_LIMITED_BODY,
			headers: { 'Retry-After': '2' },
		});
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: titled(10),
			parameters,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.filter((item) => typeof item.json.id === 'string')).toHaveLength(10);
		expect(emulator.creations).toHaveLength(10);
		expect(emulator.duplicateCreations()).toBe(0);
	});
});

describe('#13 a Retry-After on the very first answer', () => {
	it('holds back the 19 requests waiting behind it until the 3 s have passed', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({
			method: 'POST',
			path: CREATE,
			status: 429,
			body: RATE_LIMITED_BODY,
			headers: { 'Retry-After': '3' },
		});
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: titled(20),
			// Simplify off: no account read (for the record URL) goes first, so the first create is the first answer.
			parameters: { ...parameters, simplify: false },
		});
		expect(result.error).toBeUndefined();
		const creates = calendarCreates(emulator);
		const [rateLimited, ...after] = creates;
		expect(rateLimited.status).toBe(429);
		expect(after).toHaveLength(20);
		// The earliest request sent after the 429, measured from when the 429'd request arrived.
		const soonestAfterMs = Math.min(
			...after.map((request) => request.receivedAt - rateLimited.receivedAt),
		);
		expect(soonestAfterMs).toBeGreaterThanOrEqual(3_000);
		expect(emulator.creations).toHaveLength(20);
		expect(emulator.duplicateCreations()).toBe(0);
	});
});
