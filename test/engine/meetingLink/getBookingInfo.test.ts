/**
 * Meeting Link → Get Booking Info: GET /scheduler/{version}/meetings/meeting-links/book/{slug}?timezone=…
 * (HubSpot requires the timezone: the workflow's when left empty); a pasted link URL is reduced to
 * its slug; HubSpot's 404 for an unknown slug.
 */

import type { HubspotEmulator } from '../../emulator';
import { meetingLinkState } from '../../emulator/followUpHandlers';
import { LINKS_PATH, expectSpecValid, linkParameters } from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
const run = useFileEmulator((started) => (emulator = started), {
	reset: () => {
		meetingLinkState(emulator).bookings.length = 0;
	},
});
const sent = () => emulator.requests;

describe('Get Booking Info', () => {
	test('reads the link in the chosen timezone', async () => {
		const result = await run(
			linkParameters('getBookingInfo', { slug: 'sales-team', timezone: 'Europe/Berlin' }),
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			linkId: '7004',
			linkType: 'GROUP_CALENDAR',
			customParams: { legalConsentEnabled: true },
		});
		expect(sent()[0].path).toBe(`${LINKS_PATH}/book/sales-team`);
		expect(sent()[0].query).toEqual({ timezone: 'Europe/Berlin' });
		expectSpecValid(emulator);
	});

	test("timezone left empty: the workflow's timezone is sent (HubSpot requires one)", async () => {
		await run(linkParameters('getBookingInfo', { slug: 'ada-lovelace' }), {
			timezone: 'America/Chicago',
		});
		expect(sent()[0].query.timezone).toBe('America/Chicago');
	});

	test('a pasted link URL is reduced to its slug', async () => {
		await run(
			linkParameters('getBookingInfo', {
				slug: 'https://meetings.hubspot.com/grace-hopper?uuid=1',
				timezone: 'UTC',
			}),
		);
		expect(sent()[0].path).toBe(`${LINKS_PATH}/book/grace-hopper`);
	});

	test("unknown slug: HubSpot's 404 as the error", async () => {
		const result = await run(linkParameters('getBookingInfo', { slug: 'nobody', timezone: 'UTC' }));
		expect(result.error?.message).toBe(
			'HubSpot answered 404: No meeting link found for slug nobody [item 0]',
		);
	});

	test('a timezone that is not IANA is an item error before any request', async () => {
		const result = await run(
			linkParameters('getBookingInfo', { slug: 'ada-lovelace', timezone: 'CEST' }),
		);
		expect(result.error?.message).toMatch(/^Timezone: "CEST" is not a known IANA timezone/);
		expect(sent()).toHaveLength(0);
	});
});
