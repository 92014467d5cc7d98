/**
 * Meeting → Create Calendar Event, reminders: the Reminders rows become HubSpot's
 * `emailReminderSchedule: { reminders: [{ numberOfTimeUnits, timeUnit }], shouldIncludeInviteDescription }`.
 */
import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import { calendarCreates, createBody, createParameters, serviceKeyCredential } from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
useFileEmulator((started) => (emulator = started), {
	specCheckEachTest: true,
});

test('several reminders in the given order, with the description flag', async () => {
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		parameters: createParameters({
			reminders: {
				reminder: [
					{ amount: 1, unit: 'WEEKS' },
					{ amount: 2, unit: 'DAYS' },
					{ amount: 3, unit: 'HOURS' },
					{ amount: 15, unit: 'MINUTES' },
				],
			},
			includeDescriptionInReminders: true,
		}),
	});
	expect(result.error).toBeUndefined();
	expect(createBody(calendarCreates(emulator)[0]).emailReminderSchedule).toEqual({
		reminders: [
			{ numberOfTimeUnits: 1, timeUnit: 'WEEKS' },
			{ numberOfTimeUnits: 2, timeUnit: 'DAYS' },
			{ numberOfTimeUnits: 3, timeUnit: 'HOURS' },
			{ numberOfTimeUnits: 15, timeUnit: 'MINUTES' },
		],
		shouldIncludeInviteDescription: true,
	});
});

test('reminder amounts and units from expressions', async () => {
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		items: [{ minutes: '45', unit: 'hours' }],
		parameters: createParameters({
			reminders: {
				reminder: [
					{ amount: '={{ Number($json.minutes) }}', unit: 'MINUTES' },
					{ amount: 2, unit: '={{ $json.unit }}' },
				],
			},
		}),
	});
	expect(result.error).toBeUndefined();
	expect(
		(createBody(calendarCreates(emulator)[0]).emailReminderSchedule as { reminders: unknown[] })
			.reminders,
	).toEqual([
		{ numberOfTimeUnits: 45, timeUnit: 'MINUTES' },
		{ numberOfTimeUnits: 2, timeUnit: 'HOURS' },
	]);
});
