/**
 * Meeting → Delete: DELETE /crm/objects/{version}/meetings/{id}, HubSpot answers 204 with no body; the
 * node outputs { deleted: true, id } per item, and HubSpot's 404 for a meeting already gone.
 */

import type { HubspotEmulator } from '../../emulator';
import { SEEDED_MEETING_IDS } from '../../emulator/followUpHandlers';
import { MEETINGS, createMeeting, expectSpecValid, followUp } from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
const run = useFileEmulator((started) => (emulator = started));

describe('Delete', () => {
	test('{ deleted: true } per item; the meeting is gone afterwards', async () => {
		const id = await createMeeting(emulator);
		const result = await run(followUp('delete', { meetingId: id }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ deleted: true, id }]);
		const del = emulator.requests.find((r) => r.method === 'DELETE')!;
		expect([del.path, del.status, del.rawBody]).toEqual([`${MEETINGS}/${id}`, 204, '']);
		const read = await run(followUp('get', { meetingId: id }));
		expect(read.error?.message).toMatch(/^HubSpot answered 404/);
		expectSpecValid(emulator);
	});

	test('several items, one of them already gone (continue on fail)', async () => {
		const id = await createMeeting(emulator);
		await run(followUp('delete', { meetingId: id }));
		const result = await run(followUp('delete', { meetingId: '={{ $json.id }}' }), {
			items: [{ id: SEEDED_MEETING_IDS[0] }, { id }, { id: SEEDED_MEETING_IDS[1] }],
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.json.deleted ?? i.json.error)).toEqual([
			true,
			expect.stringMatching(/^HubSpot answered 404/),
			true,
		]);
		expect(result.items[2].json).toEqual({ deleted: true, id: SEEDED_MEETING_IDS[1] });
	});
});
