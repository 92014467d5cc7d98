/**
 * Meeting Link locator, "From list": every scheduling page across the pages of
 * GET /scheduler/{version}/meetings/meeting-links (HubSpot's cursor as the paginationToken), value = slug,
 * named with the organizer when the owners scope allows it, searchable by name, slug and organizer.
 */
import type { HubspotEmulator } from '../../emulator';
import { extraLink, meetingLinkState as linkState } from '../../emulator/followUpHandlers';
import {
	LINKS_ONLY_TOKEN,
	NARROW_TOKEN,
	emulatorForSuite,
	expectSpecValid,
	searchAllPages,
	searchPicker,
} from '../fixtures';

describe('meeting link picker on the default account', () => {
	let emulator: HubspotEmulator;
	beforeAll(async () => {
		emulator = await emulatorForSuite();
		emulator.addAccessToken(NARROW_TOKEN, { scopes: ['crm.objects.contacts.write'] });
		emulator.addAccessToken(LINKS_ONLY_TOKEN, { scopes: ['scheduler.meetings.meeting-link.read'] });
	});
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.reset());

	test('Meeting link: every scheduling page across pages, with name and organizer, value = slug', async () => {
		const state = linkState(emulator);
		const seeded = state.links.length;
		for (let n = 1; n <= 120; n++) state.links.push(extraLink(n));
		try {
			const { pages, results: options } = await searchAllPages(emulator, 'slug', {
				authentication: 'accessToken',
				resource: 'meetingLink',
				operation: 'getAvailability',
			});
			expect(pages[0].via).toBe('listSearch:searchMeetingLinks');
			expect(pages).toHaveLength(2);
			expect(options).toHaveLength(seeded + 120);
			expect(options[0]).toEqual({
				name: 'Meet Ada — Ada Lovelace (ada.lovelace@example.com)',
				value: 'ada-lovelace',
				description: 'Personal link, slug ada-lovelace',
				url: expect.stringMatching(/\/ada-lovelace$/),
			});
			expect(options.find((o) => o.value === 'sales-team')?.description).toBe(
				'Group link, slug sales-team',
			);
			const linkPages = emulator.requests.filter(
				(r) => r.path === '/scheduler/2026-03/meetings/meeting-links',
			);
			expect(linkPages).toHaveLength(2);
			expectSpecValid(emulator);
		} finally {
			state.links.splice(seeded);
		}
	});

	test('Meeting link search by organizer name, by slug, and across pages (the match on page 2)', async () => {
		const state = linkState(emulator);
		const seeded = state.links.length;
		for (let n = 1; n <= 120; n++) state.links.push(extraLink(n));
		try {
			const parameters = {
				authentication: 'accessToken',
				resource: 'meetingLink',
				operation: 'book',
			};
			const byOrganizer = await searchPicker(emulator, 'slug', parameters, { filter: 'grace' });
			expect(byOrganizer.results.map((r) => r.value)).toEqual([
				'grace-hopper',
				'onboarding-round-robin',
			]);
			expect(byOrganizer.paginationToken).toBeDefined(); // more pages: the editor may scroll on
			const onPage2 = await searchPicker(emulator, 'slug', parameters, {
				filter: 'Extra link 120',
			});
			expect(onPage2.results.map((r) => r.name)).toEqual([
				expect.stringMatching(/^Extra link 120 — /),
			]);
			expect(onPage2.paginationToken).toBeUndefined();
			const linkPages = emulator.requests.filter(
				(r) => r.path === '/scheduler/2026-03/meetings/meeting-links',
			);
			expect(linkPages.map((r) => r.query.after ?? null)).toEqual([null, null, expect.any(String)]);
			expectSpecValid(emulator);
		} finally {
			state.links.splice(seeded);
		}
	});

	test('Meeting link picker without the owners scope still lists the links, organizers by user id', async () => {
		const { results: options } = await searchPicker(
			emulator,
			'slug',
			{ authentication: 'accessToken', resource: 'meetingLink', operation: 'book' },
			{ token: LINKS_ONLY_TOKEN },
		);
		expect(options[0]).toMatchObject({ name: 'Meet Ada — user 9000001', value: 'ada-lovelace' });
	});

	test("Meeting link picker without the meeting-link scope throws HubSpot's reason", async () => {
		await expect(
			searchPicker(
				emulator,
				'slug',
				{ authentication: 'accessToken', resource: 'meetingLink', operation: 'book' },
				{ token: NARROW_TOKEN },
			),
		).rejects.toThrow(/^HubSpot answered 403/);
	});
});
