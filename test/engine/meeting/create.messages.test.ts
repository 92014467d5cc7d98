/**
 * The words of local input errors: times as people write them (no ".000"), and a fix that does not cite
 * input fields (`$json.start`) the user's workflow may not have.
 */
import type { HubspotEmulator } from '../../emulator';
import { runNode } from '../../harness/engine';
import { createParameters, serviceKeyCredential } from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
useFileEmulator((started) => (emulator = started));

test.each([
	[
		'Luxon DateTimes',
		{
			startTime: "={{ DateTime.fromISO('2026-06-01T10:00:00Z') }}",
			endTime: "={{ DateTime.fromISO('2026-06-01T09:00:00Z') }}",
		},
		/^End: 2026-06-01T09:00:00Z is before Start \(2026-06-01T10:00:00Z\) \[item 0\]$/,
	],
	[
		'JS Dates',
		{
			startTime: "={{ new Date('2026-06-01T10:00:00Z') }}",
			endTime: "={{ new Date('2026-06-01T10:00:00Z') }}",
		},
		/^End: 2026-06-01T10:00:00Z is the same as Start \(2026-06-01T10:00:00Z\) \[item 0\]$/,
	],
])(
	'End before Start given as %s: times without milliseconds, a fix without $json',
	async (_kind, times, message) => {
		const result = await runNode({
			parameters: createParameters({ ...times, timezone: 'UTC' }),
			credentials: serviceKeyCredential(emulator),
		});
		const error = result.error as { message: string; description?: string } | undefined;
		expect(error?.message).toMatch(message);
		expect(error?.message).not.toContain('.000');
		expect(error?.description).toMatch(/^Set End after Start/);
		expect(error?.description).not.toContain('$json');
		expect(emulator.requests).toHaveLength(0);
	},
);
