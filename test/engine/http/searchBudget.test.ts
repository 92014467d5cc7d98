/**
 * CRM search's own limit (about 5 a second per account, apart from the burst window; its answers carry no
 * Remaining). Another process searching with the same account leaves this one less than its 4 a second:
 * HubSpot's SECONDLY 429s make the credential's searches space out (doubling), instead of every item
 * retrying into the limit again. Every item still gets its answer.
 */
import type { IDataObject } from 'n8n-workflow';

import { searchState, type HubspotEmulator } from '../../emulator';
import { runNode } from '../../harness/engine';
import {
	createParameters,
	emulatorForSuite,
	expectSpecValid,
	serviceKeyCredential,
} from '../fixtures';

let emulator: HubspotEmulator;
afterEach(async () => {
	expectSpecValid(emulator);
	await emulator.stop();
});

describe('search budget', () => {
	test('someone else uses most of the search limit: searches back off, few SECONDLY 429s, all created once', async () => {
		emulator = await emulatorForSuite();
		// What is left for this process: 2 searches a second (another worker uses the rest).
		searchState(emulator).searchesPerSecond = 2;
		const result = await runNode({
			parameters: createParameters({
				title: '={{ $json.title }}',
				ifMatchingMeetingExists: 'returnExisting',
			}),
			credentials: serviceKeyCredential(emulator),
			items: Array.from({ length: 16 }, (_, i): IDataObject => ({ title: `Search ${i}` })),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.filter((item) => item.error)).toHaveLength(0);
		expect(emulator.creations).toHaveLength(16);
		expect(emulator.duplicateCreations()).toBe(0);
		// At a fixed 4 a second, about every other search is refused and retried into the limit again.
		expect(searchState(emulator).searchRateLimited).toBeLessThanOrEqual(4);
	});
});
