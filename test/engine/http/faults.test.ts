/**
 * Server errors, timeouts and lost connections, in the transport every operation shares: every item is
 * created exactly once or reported, never silently dropped. A read is retried; a create HubSpot may
 * have acted on is not (no duplicate), and says it may exist; a refused connection sent nothing, so it
 * is retried.
 */
import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import {
	calendarCreates,
	createParameters,
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

describe('other failures', () => {
	test('a 5xx on a read (owner look-up) is retried', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({ method: 'GET', path: '/crm/owners/2026-03', status: 503, times: 2 });
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters(),
		});
		expect(result.error).toBeUndefined();
		expect(
			emulator.requests.filter((r) => r.path === '/crm/owners/2026-03').map((r) => r.status),
		).toEqual([503, 503, 200]);
		expect(emulator.creations).toHaveLength(1);
	});

	test.each([
		['500 before HubSpot acted', { status: 500 }, 0],
		['502 after HubSpot acted', { status: 502, afterHandler: true }, 1],
		['504 after HubSpot acted', { status: 504, afterHandler: true }, 1],
		[
			'connection dropped after HubSpot acted',
			{ status: 0, afterHandler: true, dropConnection: true },
			1,
		],
	])(
		'create with %s: not retried, reported as "may have been created"',
		async (_name, fault, createdByHubspot) => {
			emulator = await emulatorForSuite();
			emulator.injectFault({ method: 'POST', path: /\/meetings\/calendar$/, ...fault });
			const result = await runNode({
				credentials: serviceKeyCredential(emulator),
				items: titled(3),
				parameters: perItemTitle(),
				continueOnFail: true,
			});
			expectEveryItemAccountedFor(result.items, 3);
			const failed = result.items.filter((item) => item.error);
			expect(failed).toHaveLength(1);
			expect(failed[0].error?.description).toMatch(
				/may or may not have been created.*not retried, to avoid a duplicate/,
			);
			expect(calendarCreates(emulator)).toHaveLength(3); // one request per item: nothing sent twice
			expect(emulator.creations).toHaveLength(2 + createdByHubspot);
			expect(emulator.duplicateCreations()).toBe(0);
		},
	);

	test('a create that times out is not retried and says it may exist', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({
			method: 'POST',
			path: /\/meetings\/calendar$/,
			status: 200,
			afterHandler: true,
			delayMs: 1500,
		});
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: perItemTitle({ requestOptions: { timeout: 400 } }),
			items: titled(1),
			continueOnFail: true,
		});
		expect(result.items[0].error?.message).toBe(
			'Could not reach HubSpot: no answer within the timeout [item 0]',
		);
		expect(result.items[0].error?.description).toMatch(/may or may not have been created/);
		expect(calendarCreates(emulator)).toHaveLength(1);
	});

	test('connection refused: nothing was sent, so the create is retried, then reported', async () => {
		emulator = await emulatorForSuite();
		const closedPort = serviceKeyCredential(emulator);
		closedPort.data.baseUrl = 'http://127.0.0.1:9'; // discard port: nothing listens there
		const result = await runNode({
			credentials: closedPort,
			parameters: perItemTitle(),
			items: titled(1),
			continueOnFail: true,
		});
		expect(result.items[0].error?.message).toBe(
			'Could not reach HubSpot: the connection was refused [item 0]',
		);
		expect(result.items[0].error?.description).toMatch(
			/Check the network connection and the Base URL/,
		);
	});
});
