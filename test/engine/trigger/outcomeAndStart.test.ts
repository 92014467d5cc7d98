/** HubSpot Scheduler Trigger: Meeting Outcome Set (property history) and Meeting Starting Soon (long poll intervals). */
import type { IDataObject } from 'n8n-workflow';

import { editMeeting, searchState, type HubspotEmulator } from '../../emulator';
import { useFileEmulator } from '../suite';
import { ids, meetingInHubspot, triggerParameters, triggerRunner } from './fixtures';

let emulator: HubspotEmulator;

useFileEmulator((started) => (emulator = started), {
	reset: () => {
		searchState(emulator).searchTimes.clear();
	},
	specCheckEachTest: true,
});

describe('Meeting Outcome Set', () => {
	it('fires once per change to a chosen outcome, with the change time from property history', async () => {
		const id = meetingInHubspot(emulator, { createdAt: new Date(Date.now() - 60_000) });
		const runner = await triggerRunner(
			emulator,
			triggerParameters({ event: 'outcomeSet', outcomes: ['NO_SHOW', 'CANCELED'] }),
		);
		expect((await runner.poll()).fired).toBe(false);

		editMeeting(emulator, id, { hs_meeting_outcome: 'COMPLETED' });
		expect((await runner.poll()).fired).toBe(false); // not a chosen outcome

		const changedAt = new Date();
		editMeeting(emulator, id, { hs_meeting_outcome: 'NO_SHOW' }, changedAt);
		const fired = await runner.poll();
		expect(ids(fired.items)).toEqual([id]);
		expect(fired.items[0].json).toMatchObject({
			event: 'outcomeSet',
			outcome: 'NO_SHOW',
			outcomeSet: 'NO_SHOW',
			previousOutcome: 'COMPLETED',
			outcomeSetAt: changedAt.toISOString(),
		});

		editMeeting(emulator, id, { hs_meeting_title: 'Renamed' }); // another field: no event
		expect((await runner.poll()).fired).toBe(false);

		editMeeting(emulator, id, { hs_meeting_outcome: 'SCHEDULED' }, new Date(Date.now() - 2));
		editMeeting(emulator, id, { hs_meeting_outcome: 'CANCELED' });
		const again = await runner.poll();
		expect(again.items.map((item) => item.json.outcomeSet)).toEqual(['CANCELED']);
		expect((await runner.poll()).fired).toBe(false);
	});

	it('reads history only for meetings modified in the window: one search and one batch read', async () => {
		const id = meetingInHubspot(emulator, { createdAt: new Date(Date.now() - 60_000) });
		const runner = await triggerRunner(
			emulator,
			triggerParameters({ event: 'outcomeSet', outcomes: [] }),
		);
		await runner.poll();
		emulator.requests.length = 0;
		editMeeting(emulator, id, { hs_meeting_outcome: 'COMPLETED' });
		expect((await runner.poll()).items.map((item) => item.json.outcomeSet)).toEqual(['COMPLETED']);
		expect(emulator.requests.map((request) => request.path)).toEqual([
			'/crm/objects/2026-03/meetings/search',
			'/crm/objects/2026-03/meetings/batch/read',
		]);
	});
});

describe('Meeting Starting Soon', () => {
	it('delivers meetings starting within N minutes once, not those further out', async () => {
		const soon = meetingInHubspot(emulator, { startInMinutes: 5 });
		meetingInHubspot(emulator, { startInMinutes: 120 });
		const runner = await triggerRunner(
			emulator,
			triggerParameters({ event: 'startingSoon', minutesBefore: 10 }),
		);
		const first = await runner.poll();
		expect(ids(first.items)).toEqual([soon]);
		expect(first.items[0].json).toMatchObject({
			event: 'startingSoon',
			minutesUntilStart: 5,
			lateByMinutes: 5,
		}); // due 10 minutes before the start: 5 minutes ago
		expect((await runner.poll()).fired).toBe(false);
	});

	it('still delivers each meeting once when the poll interval is longer than N, saying how late', async () => {
		const parameters = triggerParameters({ event: 'startingSoon', minutesBefore: 10 });
		const runner = await triggerRunner(emulator, parameters);
		await runner.poll();
		// The next poll comes an hour after the previous one (a one-hour poll interval).
		const saved = runner.persisted();
		const states = Object.entries(saved)
			.filter(([key]) => key.startsWith('node:'))
			.map(([, value]) => (value as IDataObject).meetingTrigger as IDataObject);
		expect(states).toHaveLength(1);
		// (activated then, and not polled since)
		states[0].lastPollAt = Number(states[0].lastPollAt) - 3_600_000;
		states[0].since = Number(states[0].since) - 3_600_000;
		const startedMeanwhile = meetingInHubspot(emulator, {
			startInMinutes: -20,
			createdAt: new Date(Date.now() - 7_200_000),
		});
		const canceled = meetingInHubspot(emulator, {
			startInMinutes: -15,
			properties: { hs_meeting_outcome: 'CANCELED' },
		});
		const hourLater = await triggerRunner(emulator, parameters, { staticData: saved });
		const late = await hourLater.poll('trigger', 'init');
		expect(ids(late.items)).toEqual([startedMeanwhile]);
		expect(ids(late.items)).not.toContain(canceled);
		expect(late.items[0].json).toMatchObject({ minutesUntilStart: -20, lateByMinutes: 30 });
		expect((await hourLater.poll()).fired).toBe(false);
	});

	it('fires again for a meeting moved to a new time', async () => {
		const id = meetingInHubspot(emulator, { startInMinutes: 5 });
		const runner = await triggerRunner(
			emulator,
			triggerParameters({ event: 'startingSoon', minutesBefore: 10 }),
		);
		expect(ids((await runner.poll()).items)).toEqual([id]);
		editMeeting(emulator, id, {
			hs_meeting_start_time: new Date(Date.now() + 8 * 60_000).toISOString(),
		});
		expect(ids((await runner.poll()).items)).toEqual([id]);
		expect((await runner.poll()).fired).toBe(false);
	});
});
