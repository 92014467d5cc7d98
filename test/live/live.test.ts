/**
 * `npm run test:live` (test/live/run.mjs) cannot reach HubSpot here, so its plumbing runs against the
 * emulator through the same code path: the same script, process and scenarios, only HUBSPOT_BASE_URL
 * switched. Then the shape check: the emulator's answers to those calls against HubSpot's recorded ones
 * (test/live/fixtures/, written by a real run) — which says so when no real run has been recorded yet.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { startEmulator, type HubspotEmulator } from '../emulator';
import { crmMeetingState } from '../emulator/followUpHandlers';
import { HUBSPOT_API, compareShapes, readFixtures, shapeOf, type Fixture } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');
const RUN = path.join(ROOT, 'test', 'live', 'run.mjs');
const LIVE_FIXTURES = path.join(ROOT, 'test', 'live', 'fixtures');
const TOKEN = 'pat-na1-live-check-plumbing-0001';
/** The README's scopes for a service key: the live check must get by with them. */
const README_SCOPES = [
	'crm.objects.contacts.write',
	'crm.objects.contacts.read',
	'crm.objects.owners.read',
	'scheduler.meetings.meeting-link.read',
];

function envWithout(...names: string[]): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const name of names) delete env[name];
	return env;
}

describe('npm run test:live without a token', () => {
	it('says how to get one and exits 0 as skipped', () => {
		const result = spawnSync(process.execPath, [RUN], {
			cwd: ROOT,
			encoding: 'utf8',
			env: envWithout('HUBSPOT_TEST_ACCOUNT_TOKEN'),
		});
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(
			/^test:live: skipped \(HUBSPOT_TEST_ACCOUNT_TOKEN is not set\)$/m,
		);
		expect(result.stdout).toContain('developer test account');
		expect(result.stdout).toContain('Service keys');
		for (const scope of README_SCOPES) expect(result.stdout).toContain(scope);
		expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('npm run test:live');
	});
});

describe('npm run test:live with a token, HUBSPOT_BASE_URL switched to the emulator', () => {
	let emulator: HubspotEmulator;
	let fixturesDir: string;
	let run: { code: number | null; stdout: string; stderr: string };

	beforeAll(async () => {
		emulator = await startEmulator();
		emulator.addAccessToken(TOKEN, { scopes: README_SCOPES });
		fixturesDir = mkdtempSync(path.join(os.tmpdir(), 'live-fixtures-'));
		// async spawn: the emulator answers from this process while the script runs
		run = await new Promise((resolve) => {
			const child = spawn(process.execPath, [RUN], {
				cwd: ROOT,
				env: {
					...envWithout('HUBSPOT_LIVE_BURST'),
					HUBSPOT_TEST_ACCOUNT_TOKEN: TOKEN,
					HUBSPOT_BASE_URL: emulator.baseUrl,
					HUBSPOT_LIVE_FIXTURES_DIR: fixturesDir,
					HUBSPOT_LIVE_BOOK: '1',
					LIVE_NO_BUILD: '1', // npm test built dist/ already
				},
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			child.on('close', (code) => resolve({ code, stdout, stderr }));
		});
	}, 150_000);
	afterAll(async () => {
		await emulator?.stop();
		rmSync(fixturesDir, { recursive: true, force: true });
	});

	it('runs every scenario through the node and passes', () => {
		expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
		expect(run.stdout).toMatch(/^test:live: 8 passed, 0 failed, 0 skipped$/m);
		expect(run.stdout).not.toContain(TOKEN);
	});

	it('sent the calls of create, get, update, delete, the meeting-link operations and the burst, all valid', () => {
		const calls = (method: string, pattern: RegExp) =>
			emulator.requests.filter((r) => r.method === method && pattern.test(r.path)).length;
		expect(calls('POST', /\/meetings\/calendar$/)).toBe(1 + 2 + 8); // follow-up chain, continue on fail, burst
		expect(calls('GET', /\/crm\/objects\/2026-03\/meetings\/\d+$/)).toBe(1);
		expect(calls('PATCH', /\/crm\/objects\/2026-03\/meetings\/\d+$/)).toBe(1);
		expect(calls('DELETE', /\/crm\/objects\/2026-03\/meetings\/\d+$/)).toBe(1 + 8 + 2); // chain, burst, clean-up
		expect(calls('GET', /\/meeting-links$/)).toBeGreaterThanOrEqual(2); // picker, Get Many
		// Get Booking Info, and Book reading the link's durations before booking.
		expect(calls('GET', /\/meeting-links\/book\/[^/]+$/)).toBe(2);
		// The next 14 days: this month's page, and next month's when the days reach into it and the limit is not met.
		const availabilityReads = calls('GET', /\/availability-page\/[^/]+$/);
		expect(availabilityReads).toBeGreaterThanOrEqual(1);
		expect(availabilityReads).toBeLessThanOrEqual(2);
		expect(calls('POST', /\/meeting-links\/book$/)).toBe(1);
		expect(emulator.requests.filter((r) => r.status === 429)).toEqual([]);
		expect(emulator.requests.flatMap((r) => r.validationErrors)).toEqual([]);
		expect(emulator.responseValidationErrors).toEqual([]);
	});

	it('deleted every meeting it created', () => {
		const archived = crmMeetingState(emulator).archived;
		expect(emulator.creations.length).toBe(11);
		expect(emulator.creations.map((c) => c.id).filter((id) => !archived.has(id))).toEqual([]);
		expect(run.stdout).toMatch(/left behind: booking on \S+ at /); // the booking, which the node cannot undo
	});

	it('wrote the answers as fixtures, redacted and labelled with where they came from', () => {
		const fixtures = readFixtures(fixturesDir);
		expect(fixtures.map((f) => `${f.operation} ${f.status}`).sort()).toEqual([
			'DELETE /crm/objects/2026-03/meetings/{meetingId} 204',
			// Create's record URL: the account's details need the `oauth` scope, which a service key lacks; the
			// meetings are created all the same (issue 11 #6).
			'GET /account-info/2026-03/details 403',
			'GET /crm/objects/2026-03/meetings/{meetingId} 200',
			'GET /crm/owners/2026-03 200',
			'GET /crm/properties/2026-03/{objectType}/{propertyName} 200',
			'GET /scheduler/2026-03/meetings/meeting-links 200',
			'GET /scheduler/2026-03/meetings/meeting-links/book/availability-page/{slug} 200',
			'GET /scheduler/2026-03/meetings/meeting-links/book/{slug} 200',
			'PATCH /crm/objects/2026-03/meetings/{meetingId} 200',
			'POST /scheduler/2026-03/meetings/calendar 200',
			'POST /scheduler/2026-03/meetings/meeting-links/book 200',
		]);
		for (const f of fixtures) expect(f.recordedFrom).toBe(emulator.baseUrl);
		const text = fixtures.map((f) => JSON.stringify(f)).join('\n');
		for (const secret of [
			TOKEN,
			'9000001',
			'100001',
			'90000000001',
			'ada.lovelace',
			'Lovelace',
			'meetings.hubspot.com/',
		]) {
			expect(text).not.toContain(secret);
		}
		const created = fixtures.find(
			(f) => f.operation === 'POST /scheduler/2026-03/meetings/calendar',
		)!.response as { id: string; properties: Record<string, string> };
		expect(created.id).toBe('<redacted>');
		expect(created.properties.hs_meeting_outcome).toBe('SCHEDULED'); // what, not who: kept
	});

	describe('the emulator answers like HubSpot', () => {
		const live = readFixtures(LIVE_FIXTURES).filter((f) => f.recordedFrom === HUBSPOT_API);
		const byKey = (list: Fixture[]) => new Map(list.map((f) => [`${f.operation} ${f.status}`, f]));

		if (live.length === 0) {
			it.todo(
				'compare the emulator with HubSpot: NOTHING IS COMPARED YET, test/live/fixtures holds no answers from api.hubapi.com ' +
					'(record them: HUBSPOT_TEST_ACCOUNT_TOKEN=<service key> npm run test:live)',
			);
		} else {
			it.each(live.map((f) => [`${f.operation} ${f.status}`, f] as const))(
				'%s: same keys and types',
				(key, fixture) => {
					const ours = byKey(readFixtures(fixturesDir)).get(key);
					expect(
						ours
							? compareShapes(shapeOf(fixture.response), shapeOf(ours.response))
							: [`the emulator never answered ${key}`],
					).toEqual([]);
				},
			);
		}

		it('finds a missing key, an extra key and a changed type (checked on the emulator recording itself)', () => {
			const ours = byKey(readFixtures(fixturesDir)).get(
				'GET /crm/objects/2026-03/meetings/{meetingId} 200',
			)!;
			const response = ours.response as { properties: Record<string, unknown>; archived: unknown };
			expect(compareShapes(shapeOf(response), shapeOf(response))).toEqual([]);
			const changed = JSON.parse(JSON.stringify(response));
			changed.properties.hs_live_only = 'x';
			delete changed.createdAt;
			changed.archived = 'false';
			expect(compareShapes(shapeOf(changed), shapeOf(response)).sort()).toEqual([
				'$.archived: HubSpot sent string, the emulator boolean',
				'$.createdAt: the emulator sends it, HubSpot did not',
				'$.properties.hs_live_only: HubSpot sends it, the emulator does not',
			]);
		});
	});
});
