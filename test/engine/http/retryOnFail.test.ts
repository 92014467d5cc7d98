/** n8n's Retry On Fail re-runs the node; the meetings the first try created are remembered, not repeated. */
import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import {
	calendarCreates,
	emulatorForSuite,
	expectEveryItemAccountedFor,
	expectSpecValid,
	perItemTitle,
	serviceKeyCredential,
	titled,
} from '../fixtures';

let emulator: HubspotEmulator;
afterEach(async () => {
	expectSpecValid(emulator);
	await emulator.stop();
});

describe("n8n's Retry On Fail re-runs the node without duplicating meetings", () => {
	test('items created in the first try are not created again in the second', async () => {
		emulator = await emulatorForSuite();
		// One create fails before HubSpot acts; without continue-on-fail the node fails and n8n runs it again.
		emulator.injectFault({
			method: 'POST',
			path: /\/meetings\/calendar$/,
			status: 503,
			body: {
				message: 'Service unavailable',
				correlationId: 'c0ffee00-0000-4000-8000-000000000000',
				category: 'INTERNAL_ERROR',
			},
		});
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: titled(4),
			parameters: perItemTitle(),
			nodeOverrides: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
		});
		expect(result.error).toBeUndefined();
		expectEveryItemAccountedFor(result.items, 4);
		// First try: 4 requests, one answered 503. Second try: only the failed item is sent again.
		expect(calendarCreates(emulator)).toHaveLength(5);
		expect(emulator.creations).toHaveLength(4);
		expect(emulator.duplicateCreations()).toBe(0);
	});
});
