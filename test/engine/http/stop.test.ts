/**
 * Issue 10 #11: Stop stops the node. The execution is cancelled the way n8n's Stop button does it
 * (ActiveExecutions → WorkflowExecute's PCancelable.cancel() → the AbortSignal nodes get from
 * getExecutionCancelSignal()). Every wait — Retry-After, pacing below the window, a hook's own request —
 * must end within a second of it, send nothing more, and report nothing as created.
 */
import { sleep } from 'n8n-workflow';

import { runNode, type RunResult } from '../../harness/engine';
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

/** Polls (bounded) until the emulator has seen what the test waits for. */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(10);
	}
}

/** Starts a run, waits for `ready`, presses Stop, and measures how long the node takes to return. */
async function stopWhile(
	options: Parameters<typeof runNode>[0],
	ready: () => boolean,
	what: string,
) {
	const stop = new AbortController();
	const run = runNode({ ...options, cancelSignal: stop.signal });
	await until(ready, what);
	await sleep(200); // the node is now inside its wait
	const requestsBefore = emulator.requests.length;
	const creationsBefore = emulator.creations.length;
	const stoppedAt = Date.now();
	stop.abort();
	const result = await run;
	return {
		result,
		msToStop: Date.now() - stoppedAt,
		requestsAfterStop: emulator.requests.length - requestsBefore,
		creationsBefore,
	};
}

/** Nothing the node reports after Stop claims a meeting might have been created. */
function expectNothingReportedAsCreated(result: RunResult) {
	const errors = [result.error, ...result.items.map((item) => item.error)].filter(Boolean);
	for (const error of errors) {
		expect(`${error?.message}\n${error?.description ?? ''}`).not.toMatch(
			/may or may not have been created|Could not reach HubSpot/,
		);
	}
	expect(result.items.filter((item) => typeof item.json.id === 'string')).toHaveLength(0);
}

it('waiting out Retry-After: 30 s → the node stops within 1 s of Stop and sends nothing more', async () => {
	emulator = await emulatorForSuite();
	emulator.injectFault({
		method: 'POST',
		path: CREATE,
		status: 429,
		headers: { 'Retry-After': '30', 'X-HubSpot-RateLimit-Remaining': '0' },
	});
	const { result, msToStop, requestsAfterStop } = await stopWhile(
		{
			credentials: serviceKeyCredential(emulator),
			items: titled(3),
			// Simplify off: no account read (for the record URL) goes first, so the first create is the first answer.
			parameters: createParameters({
				ownerId: GRACE.ownerId,
				title: '={{ $json.title }}',
				simplify: false,
			}),
		},
		() => emulator.requests.some((r) => r.status === 429),
		'the 429',
	);
	expect(msToStop).toBeLessThan(1000);
	expect(requestsAfterStop).toBe(0);
	expect(emulator.creations).toHaveLength(0);
	expect(calendarCreates(emulator)).toHaveLength(1);
	expect(result.fullExecutionData.status).toBe('canceled');
	expectNothingReportedAsCreated(result);
});

it('queued behind a full rate window (2 per 20 s) → the node stops within 1 s, the queued items are never sent', async () => {
	emulator = await emulatorForSuite({ rateLimit: { max: 2, intervalMs: 20_000 } });
	const { result, msToStop, requestsAfterStop } = await stopWhile(
		{
			credentials: serviceKeyCredential(emulator),
			items: titled(6),
			// Simplify off: the two requests the window allows are two creates (no account read).
			parameters: createParameters({
				ownerId: GRACE.ownerId,
				title: '={{ $json.title }}',
				simplify: false,
			}),
		},
		() => emulator.creations.length === 2,
		'two creates',
	);
	expect(msToStop).toBeLessThan(1000);
	expect(requestsAfterStop).toBe(0);
	expect(emulator.creations).toHaveLength(2);
	expect(emulator.requests.filter((r) => r.status === 429)).toHaveLength(0);
	expect(result.fullExecutionData.status).toBe('canceled');
	// The two created meetings are not claimed for the items that were stopped.
	for (const error of [result.error, ...result.items.map((item) => item.error)].filter(Boolean)) {
		expect(`${error?.message}\n${error?.description ?? ''}`).not.toMatch(
			/may or may not have been created/,
		);
	}
});

it("a hook's own request waiting out Retry-After (the organizer's owner look-up) → stops within 1 s, no create sent", async () => {
	emulator = await emulatorForSuite();
	emulator.injectFault({
		method: 'GET',
		path: '/crm/owners/2026-03',
		status: 429,
		headers: { 'Retry-After': '30' },
	});
	const { result, msToStop, requestsAfterStop } = await stopWhile(
		{
			credentials: serviceKeyCredential(emulator),
			items: titled(2),
			parameters: createParameters({ title: '={{ $json.title }}' }),
		},
		() => emulator.requests.some((r) => r.status === 429),
		'the 429',
	);
	expect(msToStop).toBeLessThan(1000);
	expect(requestsAfterStop).toBe(0);
	expect(calendarCreates(emulator)).toHaveLength(0);
	expect(result.fullExecutionData.status).toBe('canceled');
	expectNothingReportedAsCreated(result);
});

it('a create on its way when Stop is pressed → the node stops within 1 s; its item says "canceled" and that the meeting may exist', async () => {
	emulator = await emulatorForSuite();
	// HubSpot creates the meeting, then takes 5 s to answer: Stop comes while the request is in flight.
	emulator.injectFault({
		method: 'POST',
		path: CREATE,
		status: 200,
		afterHandler: true,
		delayMs: 5000,
	});
	const { result, msToStop, requestsAfterStop } = await stopWhile(
		{
			credentials: serviceKeyCredential(emulator),
			items: titled(1),
			parameters: createParameters({ ownerId: GRACE.ownerId, title: '={{ $json.title }}' }),
			continueOnFail: true,
		},
		() => emulator.creations.length === 1,
		'the create to arrive',
	);
	expect(msToStop).toBeLessThan(1000);
	expect(requestsAfterStop).toBe(0);
	expect(result.fullExecutionData.status).toBe('canceled');
	const error = result.items[0]?.error; // continue-on-fail: the item's own error (the execution's says "cancelled")
	expect(error?.message).toMatch(/canceled.*\[item 0\]$/);
	expect(error?.message).not.toMatch(/Could not reach HubSpot/);
	// Unlike a waiting item, this one may have been created: it says so.
	expect(error?.description).toMatch(/may or may not have been created/);
});
