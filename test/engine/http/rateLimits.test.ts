/**
 * HubSpot's 429 answers, in the transport every operation shares (exercised through Create): a
 * ten-secondly limit is waited out (Retry-After or backoff) and retried for those items only, up to a
 * retry budget; the DAILY limit is not retried and says when it resets.
 */
import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import {
	calendarCreates,
	emulatorForSuite,
	expectEveryItemAccountedFor,
	expectSpecValid,
	perItemTitle,
	serviceKeyCredential,
	status,
	titled,
} from '../fixtures';

const RATE_LIMITED_BODY = {
	status: 'error',
	message: 'You have reached your ten_secondly_rolling limit.',
	errorType: 'RATE_LIMIT',
	correlationId: '3f1a5c9e-0d7b-4d2e-9a41-6f0c2b7e8d11',
	policyName: 'TEN_SECONDLY_ROLLING',
	category: 'RATE_LIMITS',
};

let emulator: HubspotEmulator;
afterEach(async () => {
	expectSpecValid(emulator);
	await emulator.stop();
});

describe('429 answers', () => {
	test('ten-secondly 429s are waited out and retried for those items only', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({
			method: 'POST',
			path: /\/meetings\/calendar$/,
			status: 429,
			body: RATE_LIMITED_BODY,
			// A used-up window of 100 per second, as HubSpot reports it on a 429.
			headers: {
				'Retry-After': '1',
				'X-HubSpot-RateLimit-Max': '100',
				'X-HubSpot-RateLimit-Remaining': '0',
				'X-HubSpot-RateLimit-Interval-Milliseconds': '1000',
			},
			times: 3,
		});
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: titled(6),
			parameters: perItemTitle(),
		});
		expect(result.error).toBeUndefined();
		expectEveryItemAccountedFor(result.items, 6);
		expect(result.items.every((item) => !item.error)).toBe(true);
		expect(calendarCreates(emulator).filter(status(429))).toHaveLength(3);
		expect(emulator.creations).toHaveLength(6);
		expect(emulator.duplicateCreations()).toBe(0);
	});

	test('a 429 without Retry-After falls back to backoff and still succeeds', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({
			method: 'POST',
			path: /\/meetings\/calendar$/,
			status: 429,
			body: RATE_LIMITED_BODY,
			headers: { 'X-HubSpot-RateLimit-Remaining': '40' },
		});
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: titled(2),
			parameters: perItemTitle(),
		});
		expect(result.error).toBeUndefined();
		expect(emulator.creations).toHaveLength(2);
	});

	test('the DAILY limit is not retried; the item says when it resets', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({
			method: 'POST',
			path: /\/meetings\/calendar$/,
			status: 429,
			body: {
				...RATE_LIMITED_BODY,
				message: 'You have reached your daily limit.',
				policyName: 'DAILY',
			},
		});
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: titled(1),
			parameters: perItemTitle(),
			continueOnFail: true,
		});
		expect(result.items[0].error?.message).toMatch(
			/^HubSpot answered 429: You have reached your daily limit\. \[item 0\]$/,
		);
		expect(result.items[0].error?.description).toMatch(
			/daily API limit is used up.*resets at midnight/,
		);
		expect(calendarCreates(emulator)).toHaveLength(1);
	});

	test('an item that keeps getting 429s fails with a clear message when its retry budget runs out', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({
			method: 'POST',
			path: /\/meetings\/calendar$/,
			status: 429,
			body: RATE_LIMITED_BODY,
			headers: { 'Retry-After': '0', 'X-HubSpot-RateLimit-Remaining': '50' },
			times: 9,
		});
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: titled(1),
			parameters: perItemTitle(),
			continueOnFail: true,
		});
		expectEveryItemAccountedFor(result.items, 1);
		expect(result.items[0].error?.message).toMatch(/^HubSpot answered 429: .*\[item 0\]$/);
		expect(result.items[0].error?.description).toMatch(
			/kept answering 429 .* 9 tries .* Nothing was created for it/,
		);
		expect(calendarCreates(emulator)).toHaveLength(9);
		expect(emulator.creations).toHaveLength(0);
	});
});
