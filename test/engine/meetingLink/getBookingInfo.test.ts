/**
 * Meeting Link → Get Booking Info: GET /scheduler/{version}/meetings/meeting-links/book/{slug}?timezone=…
 * (HubSpot requires the timezone: the workflow's when left empty); a pasted link URL is reduced to
 * its slug; HubSpot's 404 for an unknown slug.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { HubspotEmulator } from '../../emulator';
import { meetingLinkState } from '../../emulator/followUpHandlers';
import { runNode } from '../../harness/engine';
import {
	LINKS_PATH,
	emulatorForSuite,
	expectSpecValid,
	linkParameters,
	serviceKeyCredential,
} from '../fixtures';

let emulator: HubspotEmulator;
const run = (parameters: INodeParameters, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	runNode({ parameters, credentials: serviceKeyCredential(emulator), ...extra });
const sent = () => emulator.requests;

beforeAll(async () => {
	emulator = await emulatorForSuite();
});
afterAll(async () => await emulator.stop());
beforeEach(() => {
	emulator.reset();
	meetingLinkState(emulator).bookings.length = 0;
});

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
