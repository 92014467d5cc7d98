/** Associations (several rows, several object types, many ids, custom labels) and reminder schedules. */
import { runNode } from '../harness/engine';
import type { HubspotEmulator } from '../emulator';
import { calendarCreates, createBody, createParameters, emulatorForSuite, expectSpecValid, serviceKeyCredential } from './fixtures';

let emulator: HubspotEmulator;
beforeAll(async () => (emulator = await emulatorForSuite()));
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());
afterEach(() => expectSpecValid(emulator));

type Association = { to: { id: string }; types: Array<{ associationCategory: string; associationTypeId: number }> };

test("every object type a meeting associates with gets HubSpot's default type id", async () => {
	const expected: Record<string, number> = {
		contact: 200, company: 188, deal: 212, ticket: 226, call: 400, lead: 601,
		order: 769, course: 873, listing: 897, service: 839, appointment: 919,
	};
	const rows = Object.keys(expected).map((objectType, i) => ({ objectType, recordIds: String(1000 + i), label: 'default' }));
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		parameters: createParameters({ associations: { association: rows } }),
	});
	expect(result.error).toBeUndefined();
	const sent = createBody(calendarCreates(emulator)[0]).associations as Association[];
	expect(sent.map((a) => [a.to.id, a.types[0].associationTypeId, a.types[0].associationCategory])).toEqual(
		Object.values(expected).map((typeId, i) => [String(1000 + i), typeId, 'HUBSPOT_DEFINED']),
	);
});

test('many ids per row: comma/space lists, arrays and numbers from expressions', async () => {
	const contactIds = Array.from({ length: 40 }, (_, i) => String(5000 + i));
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		items: [{ contactIds, companyId: 77, dealIds: '801 802;803' }],
		parameters: createParameters({
			associations: {
				association: [
					{ objectType: 'contact', recordIds: '={{ $json.contactIds }}', label: 'default' },
					{ objectType: 'company', recordIds: '={{ $json.companyId }}', label: 'default' },
					{ objectType: 'deal', recordIds: '={{ $json.dealIds }}', label: 'default' },
					{ objectType: 'ticket', recordIds: '901,', label: 'custom', category: 'INTEGRATOR_DEFINED', associationTypeId: 1234 },
				],
			},
		}),
	});
	expect(result.error).toBeUndefined();
	const sent = createBody(calendarCreates(emulator)[0]).associations as Association[];
	expect(sent).toHaveLength(40 + 1 + 3 + 1);
	expect(sent.slice(0, 40).map((a) => a.to.id)).toEqual(contactIds);
	expect(sent.slice(40).map((a) => [a.to.id, a.types[0].associationTypeId])).toEqual([
		['77', 188], ['801', 212], ['802', 212], ['803', 212], ['901', 1234],
	]);
	expect(sent[44].types[0].associationCategory).toBe('INTEGRATOR_DEFINED');
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
			reminders: { reminder: [{ amount: '={{ Number($json.minutes) }}', unit: 'MINUTES' }, { amount: 2, unit: '={{ $json.unit }}' }] },
		}),
	});
	expect(result.error).toBeUndefined();
	expect((createBody(calendarCreates(emulator)[0]).emailReminderSchedule as { reminders: unknown[] }).reminders).toEqual([
		{ numberOfTimeUnits: 45, timeUnit: 'MINUTES' },
		{ numberOfTimeUnits: 2, timeUnit: 'HOURS' },
	]);
});
