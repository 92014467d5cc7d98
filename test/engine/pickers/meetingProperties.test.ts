/**
 * Meeting-property pickers (Meeting Type, Outcome of Create and Update): the account's own options from
 * GET /crm/properties/{version}/meetings/{property}, hidden ones dropped, HubSpot's order kept.
 */
import type { HubspotEmulator } from '../../emulator';
import {
	LINKS_ONLY_TOKEN,
	createParameters,
	emulatorForSuite,
	expectSpecValid,
	loadPicker as load,
} from '../fixtures';

describe('meeting-property pickers on an account with its own outcomes', () => {
	let emulator: HubspotEmulator;
	beforeAll(async () => {
		emulator = await emulatorForSuite({
			propertyOptions: {
				hs_meeting_outcome: [
					{ label: 'Scheduled', value: 'SCHEDULED', hidden: false, displayOrder: 0 },
					{ label: 'Completed', value: 'COMPLETED', hidden: false, displayOrder: 1 },
					{ label: 'Old outcome', value: 'OLD', hidden: true, displayOrder: 2 },
					{ label: 'No show', value: 'NO_SHOW', hidden: false, displayOrder: 3 },
					{ label: 'Went to lunch instead', value: 'LUNCH', hidden: false, displayOrder: 4 },
					{ label: 'Canceled', value: 'CANCELED', hidden: false, displayOrder: 5 },
				],
			},
		});
		emulator.addAccessToken(LINKS_ONLY_TOKEN, { scopes: ['scheduler.meetings.meeting-link.read'] });
	});
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.reset());

	test("Meeting type: the account's options, hidden ones dropped, HubSpot's order kept", async () => {
		const { options, via } = await load(emulator, 'additionalFields.meetingType');
		expect(via).toBe('method:getMeetingTypes');
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['Discovery call', 'DISCOVERY_CALL'],
			['Demo', 'DEMO'],
			['Onboarding', 'ONBOARDING'],
		]);
		expect(emulator.requests.map((r) => r.path)).toEqual([
			'/crm/properties/2026-03/meetings/hs_activity_type',
		]);
		expectSpecValid(emulator);
	});

	test("Outcome: the account's own outcomes included, hidden one dropped, order kept", async () => {
		const { options } = await load(emulator, 'additionalFields.outcome');
		expect(options.map((o) => o.value)).toEqual([
			'SCHEDULED',
			'COMPLETED',
			'NO_SHOW',
			'LUNCH',
			'CANCELED',
		]);
		expect(options.find((o) => o.value === 'LUNCH')?.name).toBe('Went to lunch instead');
		expectSpecValid(emulator);
	});

	test('Outcome picker of Update offers the same options', async () => {
		const { options } = await load(emulator, 'updateFields.outcome', {
			authentication: 'accessToken',
			resource: 'meeting',
			operation: 'update',
			meetingId: '1',
		});
		expect(options.map((o) => o.value)).toEqual([
			'SCHEDULED',
			'COMPLETED',
			'NO_SHOW',
			'LUNCH',
			'CANCELED',
		]);
	});

	test('meeting type picker without scope fails the same way', async () => {
		await expect(
			load(emulator, 'additionalFields.meetingType', createParameters(), {
				token: LINKS_ONLY_TOKEN,
			}),
		).rejects.toThrow(/^HubSpot answered 403: This app hasn't been granted all required scopes/);
	});
});
