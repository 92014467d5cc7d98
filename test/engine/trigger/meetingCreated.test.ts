/**
 * HubSpot Scheduler Trigger, Meeting Created: polls through n8n-core's real PollContext against the
 * emulator's meetings search (spec-validated), across activations, restarts, index lag, pages and 429s.
 */
import { editMeeting, searchState, type HubspotEmulator } from '../../emulator';
import { useFileEmulator } from '../suite';
import {
	ids,
	meetingInHubspot,
	searches,
	sleep,
	triggerParameters,
	triggerRunner,
} from './fixtures';

let emulator: HubspotEmulator;

useFileEmulator((started) => (emulator = started), {
	reset: () => {
		searchState(emulator).indexLagMs = 0;
		searchState(emulator).resultCap = 10_000;
		searchState(emulator).searchTimes.clear();
		searchState(emulator).searchRateLimited = 0;
	},
	specCheckEachTest: true,
});

describe('Meeting Created', () => {
	it('emits nothing for the past on activation, then each new meeting once in the simplified shape', async () => {
		meetingInHubspot(emulator, { createdAt: new Date(Date.now() - 60_000) });
		const runner = await triggerRunner(emulator, triggerParameters());
		expect((await runner.poll()).fired).toBe(false);
		expect(searches(emulator)).toHaveLength(0);

		const id = meetingInHubspot(emulator, {
			properties: { hs_meeting_title: 'Demo for Acme', hs_meeting_location: 'Zoom' },
		});
		const second = await runner.poll();
		expect(second.fired).toBe(true);
		expect(ids(second.items)).toEqual([id]);
		expect(second.items[0].json).toMatchObject({
			event: 'meetingCreated',
			id,
			title: 'Demo for Acme',
			location: 'Zoom',
			outcome: 'SCHEDULED',
			ownerId: '100001',
			timezone: 'Europe/Berlin',
		});
		expect(second.items[0].json.startLocal).toMatch(/[+-]0[12]:00$/);

		const before = searches(emulator).length;
		expect((await runner.poll()).fired).toBe(false);
		// Nothing changed: one search request, nothing else.
		expect(emulator.requests.slice(-1).map((request) => request.path)).toEqual([
			'/crm/objects/2026-03/meetings/search',
		]);
		expect(searches(emulator).length - before).toBe(1);
	});

	it('delivers the last hours on activation when asked', async () => {
		const old = meetingInHubspot(emulator, { createdAt: new Date(Date.now() - 3 * 3_600_000) });
		const recent = meetingInHubspot(emulator, { createdAt: new Date(Date.now() - 3_600_000) });
		const runner = await triggerRunner(
			emulator,
			triggerParameters({ options: { includeLastHours: 2 } }),
		);
		const first = await runner.poll();
		expect(ids(first.items)).toEqual([recent]);
		expect(ids(first.items)).not.toContain(old);
		expect((await runner.poll()).fired).toBe(false);
	});

	it('delivers a meeting indexed after the watermark passed its creation time exactly once (index lag)', async () => {
		searchState(emulator).indexLagMs = 1500;
		const runner = await triggerRunner(emulator, triggerParameters());
		await runner.poll();
		const id = meetingInHubspot(emulator);
		expect((await runner.poll()).fired).toBe(false); // created, not yet in search; the watermark moves past it
		await sleep(1600);
		expect(ids((await runner.poll()).items)).toEqual([id]);
		expect((await runner.poll()).fired).toBe(false);
		await sleep(300);
		expect((await runner.poll()).fired).toBe(false);
	});

	it('survives a restart: static data saved and reloaded, nothing missed or repeated', async () => {
		const runner = await triggerRunner(emulator, triggerParameters(), {
			credentialId: 'restart-cred',
		});
		await runner.poll();
		const first = meetingInHubspot(emulator);
		expect(ids((await runner.poll()).items)).toEqual([first]);
		const saved = runner.persisted();
		const createdWhileDown = meetingInHubspot(emulator);

		const restarted = await triggerRunner(emulator, triggerParameters(), {
			staticData: saved,
			credentialId: 'restart-cred',
		});
		expect(ids((await restarted.poll('trigger', 'init')).items)).toEqual([createdWhileDown]);
		expect((await restarted.poll('trigger', 'init')).fired).toBe(false);
	});

	it('reads every page (200 a page) and no meeting twice', async () => {
		const runner = await triggerRunner(emulator, triggerParameters());
		await runner.poll();
		const made = Array.from({ length: 450 }, () => meetingInHubspot(emulator));
		const result = await runner.poll();
		expect(new Set(ids(result.items)).size).toBe(450);
		expect(ids(result.items).sort()).toEqual([...made].sort());
		expect(searches(emulator)).toHaveLength(3);
		expect(searches(emulator).map((request) => (request.body as { after: string }).after)).toEqual([
			'0',
			'200',
			'400',
		]);
	});

	it("narrows the window by time when a search would pass HubSpot's result cap", async () => {
		searchState(emulator).resultCap = 100;
		const runner = await triggerRunner(
			emulator,
			triggerParameters({ options: { includeLastHours: 1 } }),
		);
		const made = Array.from({ length: 250 }, (_, i) =>
			meetingInHubspot(emulator, { createdAt: new Date(Date.now() - (i + 1) * 10_000) }),
		);
		const result = await runner.poll();
		expect(ids(result.items).sort()).toEqual([...made].sort());
		expect(emulator.requests.filter((request) => request.status !== 200)).toEqual([]);
		expect(searches(emulator).length).toBeGreaterThan(3);
	});

	it('waits out a 429 during a poll and still delivers once', async () => {
		const runner = await triggerRunner(emulator, triggerParameters());
		await runner.poll();
		const id = meetingInHubspot(emulator);
		emulator.injectFault({
			path: '/crm/objects/2026-03/meetings/search',
			status: 429,
			headers: { 'Retry-After': '1' },
		});
		expect(ids((await runner.poll()).items)).toEqual([id]);
		expect(searches(emulator).map((request) => request.status)).toEqual([429, 200]);
		expect((await runner.poll()).fired).toBe(false);
	});

	it("keeps searches of one credential under HubSpot's ~5 a second, however many triggers poll", async () => {
		const runners = await Promise.all(
			Array.from({ length: 4 }, () =>
				triggerRunner(emulator, triggerParameters({ options: { includeLastHours: 1 } }), {
					credentialId: 'shared-cred',
				}),
			),
		);
		for (let i = 0; i < 3; i++) await Promise.all(runners.map((runner) => runner.poll()));
		expect(searches(emulator)).toHaveLength(12);
		expect(searchState(emulator).searchRateLimited).toBe(0);
		const times = searches(emulator).map((request) => request.receivedAt);
		for (const at of times)
			expect(times.filter((other) => other >= at && other < at + 1000).length).toBeLessThanOrEqual(
				5,
			);
	});

	it('filters by source (scheduling page bookings) and owner', async () => {
		const runner = await triggerRunner(
			emulator,
			triggerParameters({ createdThrough: 'schedulingPage', ownerIds: ['100002'] }),
		);
		await runner.poll();
		meetingInHubspot(emulator, {
			properties: { hs_meeting_source: 'CRM_UI', hubspot_owner_id: '100002' },
		});
		meetingInHubspot(emulator, {
			properties: { hs_meeting_source: 'MEETINGS_PUBLIC', hubspot_owner_id: '100001' },
		});
		const booked = meetingInHubspot(emulator, {
			properties: { hs_meeting_source: 'MEETINGS_PUBLIC', hubspot_owner_id: '100002' },
		});
		const result = await runner.poll();
		expect(ids(result.items)).toEqual([booked]);
		expect(result.items[0].json.source).toBe('MEETINGS_PUBLIC');
	});

	it("adds the associated contacts' ids and emails when asked, and HubSpot's record with Simplify off", async () => {
		const runner = await triggerRunner(
			emulator,
			triggerParameters({ simplify: false, options: { includeContacts: true } }),
		);
		await runner.poll();
		const id = meetingInHubspot(emulator, { contacts: ['501', '503'] });
		const [item] = (await runner.poll()).items;
		expect(item.json).toMatchObject({
			id,
			properties: expect.objectContaining({ hs_meeting_title: expect.any(String) }),
		});
		expect(item.json.contacts).toEqual([
			{ id: '501', email: 'jane.doe@acme.example' },
			{ id: '503', email: 'maria.garcia@initech.example' },
		]);
	});

	it('Fetch Test Event returns the most recent matching meeting and leaves the state alone', async () => {
		meetingInHubspot(emulator, { createdAt: new Date(Date.now() - 120_000) });
		const latest = meetingInHubspot(emulator, { createdAt: new Date(Date.now() - 60_000) });
		const runner = await triggerRunner(emulator, triggerParameters());
		const manual = await runner.poll('manual');
		expect(ids(manual.items)).toEqual([latest]);
		expect(runner.persisted()).toEqual({});
		editMeeting(emulator, latest, { hs_meeting_title: 'Renamed' });
		expect((await runner.poll()).fired).toBe(false);
	});
});
