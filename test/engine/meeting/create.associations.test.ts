/**
 * Meeting → Create Calendar Event, associations: each row becomes one `associations` entry per record
 * id, `{ to: { id }, types: [{ associationCategory, associationTypeId }] }`, with HubSpot's default
 * meeting type id per object type or a custom label (several rows, several object types, many ids).
 */
import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import { calendarCreates, createBody, createParameters, serviceKeyCredential } from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
useFileEmulator((started) => (emulator = started), {
	specCheckEachTest: true,
});

type Association = {
	to: { id: string };
	types: Array<{ associationCategory: string; associationTypeId: number }>;
};

test("every object type a meeting associates with gets HubSpot's default type id", async () => {
	const expected: Record<string, number> = {
		contact: 200,
		company: 188,
		deal: 212,
		ticket: 226,
		call: 400,
		lead: 601,
		order: 769,
		course: 873,
		listing: 897,
		service: 839,
		appointment: 919,
	};
	const rows = Object.keys(expected).map((objectType, i) => ({
		objectType,
		recordIds: String(1000 + i),
		label: 'default',
	}));
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		parameters: createParameters({ associations: { association: rows } }),
	});
	expect(result.error).toBeUndefined();
	const sent = createBody(calendarCreates(emulator)[0]).associations as Association[];
	expect(
		sent.map((a) => [a.to.id, a.types[0].associationTypeId, a.types[0].associationCategory]),
	).toEqual(
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
					{
						objectType: 'ticket',
						recordIds: '901,',
						label: 'custom',
						category: 'INTEGRATOR_DEFINED',
						associationTypeId: 1234,
					},
				],
			},
		}),
	});
	expect(result.error).toBeUndefined();
	const sent = createBody(calendarCreates(emulator)[0]).associations as Association[];
	expect(sent).toHaveLength(40 + 1 + 3 + 1);
	expect(sent.slice(0, 40).map((a) => a.to.id)).toEqual(contactIds);
	expect(sent.slice(40).map((a) => [a.to.id, a.types[0].associationTypeId])).toEqual([
		['77', 188],
		['801', 212],
		['802', 212],
		['803', 212],
		['901', 1234],
	]);
	expect(sent[44].types[0].associationCategory).toBe('INTEGRATOR_DEFINED');
});
