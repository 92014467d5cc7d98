/** Timezone picker: IANA names, the workflow's zone first; no request to HubSpot. */
import type { HubspotEmulator } from '../../emulator';
import { createParameters, emulatorForSuite, loadPicker as load } from '../fixtures';

describe('timezone picker', () => {
	let emulator: HubspotEmulator;
	beforeAll(async () => {
		emulator = await emulatorForSuite();
	});
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.reset());

	test("Timezone: IANA names, the workflow's zone first", async () => {
		const { options, via } = await load(emulator, 'timezone', createParameters(), {
			timezone: 'America/Sao_Paulo',
		});
		expect(via).toBe('method:getTimezones');
		// The field's empty default follows the workflow settings: the one workflow-timezone entry.
		expect(options[0]).toMatchObject({ name: 'Workflow Timezone (America/Sao_Paulo)', value: '' });
		expect(options.filter((o) => /workflow/i.test(o.name))).toHaveLength(1);
		expect(options.find((o) => o.value === 'America/Sao_Paulo')?.name).toBe('America/Sao_Paulo');
		const values = options.map((o) => o.value);
		expect(values).toContain('Europe/Berlin');
		expect(values).toContain('UTC');
		expect(new Set(values).size).toBe(values.length);
		expect(values.filter((v) => v === 'America/Sao_Paulo')).toHaveLength(1);
		// Names as written in expressions, current IANA names rather than ICU's legacy aliases.
		expect(options.find((o) => o.value === 'America/New_York')?.name).toBe('America/New_York');
		for (const [current, legacy] of [
			['Asia/Kolkata', 'Asia/Calcutta'],
			['Europe/Kyiv', 'Europe/Kiev'],
			['Asia/Ho_Chi_Minh', 'Asia/Saigon'],
		]) {
			expect(values).toContain(current);
			expect(values).not.toContain(legacy);
		}
		for (const value of values.filter(Boolean))
			expect(() => new Intl.DateTimeFormat('en-US', { timeZone: value as string })).not.toThrow();
		expect(emulator.requests).toHaveLength(0);
	});
});
