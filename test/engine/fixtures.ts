/**
 * Shared set-up for engine tests: an emulator per suite, credentials pointing at it, the parameters of
 * each operation, and the checks several files make.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startEmulator, type HubspotEmulator, type RecordedRequest } from '../emulator';
import { runNode, type CredentialSpec } from '../harness/engine';
import { listSearch, loadOptions } from '../harness/load-options';

export const SERVICE_KEY = 'pat-na1-test-service-key-0001';
/** Owner 100001 is Ada Lovelace, HubSpot user 9000001 (see test/emulator/seed.ts). */
export const ADA = { ownerId: '100001', userId: '9000001' };
export const GRACE = { ownerId: '100002', userId: '9000002' };

export async function emulatorForSuite(
	options: Parameters<typeof startEmulator>[0] = {},
): Promise<HubspotEmulator> {
	const emulator = await startEmulator(options);
	emulator.addAccessToken(SERVICE_KEY);
	return emulator;
}

let credentialSeq = 0;

/**
 * A service-key credential for the emulator. Each call gets a new credential id, so the node's
 * per-credential owner cache starts empty for every test unless the test passes the same id again.
 */
export function serviceKeyCredential(
	emulator: HubspotEmulator,
	{
		accessToken = SERVICE_KEY,
		id = `service-key-${++credentialSeq}`,
	}: { accessToken?: string; id?: string } = {},
): CredentialSpec {
	return { type: 'hubspotSchedulerTokenApi', id, data: { accessToken, baseUrl: emulator.baseUrl } };
}

/** Parameters of a minimal valid "Create Calendar Event", as the editor saves them. */
export function createParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		authentication: 'accessToken',
		resource: 'meeting',
		operation: 'createCalendarEvent',
		organizerUserId: ADA.userId,
		title: 'Intro call',
		startTime: '2026-06-01T10:00:00',
		endTime: '2026-06-01T10:30:00',
		timezone: 'Europe/Berlin',
		...overrides,
	};
}

/** The account's details (portal id, web-app domain): Create's record URL, read once per credential. */
export const ACCOUNT_DETAILS = '/account-info/2026-03/details';

export function calendarCreates(emulator: HubspotEmulator): RecordedRequest[] {
	return emulator.requests.filter(
		(request) => request.method === 'POST' && /\/meetings\/calendar$/.test(request.path),
	);
}

export function createBody(request: RecordedRequest): IDataObject {
	return request.body as IDataObject;
}

/** Every request the emulator saw was valid against HubSpot's spec, and so was every answer. */
export function expectSpecValid(emulator: HubspotEmulator): void {
	const problems = emulator.requests.flatMap((request) =>
		request.validationErrors.map((error) => `${request.method} ${request.path}: ${error}`),
	);
	expect(problems).toEqual([]);
	expect(emulator.responseValidationErrors).toEqual([]);
}

// -- Create Calendar Event, one item at a time ----------------------------------------------------

/** Every field comes from the item, so one item can be made bad while the others stay good. */
export const PER_ITEM_PARAMETERS: INodeParameters = createParameters({
	organizerUserId: '={{ $json.organizer }}',
	title: '={{ $json.title }}',
	startTime: '={{ $json.start }}',
	endTime: '={{ $json.end }}',
	timezone: '={{ $json.zone }}',
	ownerId: '={{ $json.owner }}',
	associations: {
		association: [
			{
				objectType: '={{ $json.assocType }}',
				recordIds: '={{ $json.assocIds }}',
				label: 'default',
			},
		],
	},
	reminders: {
		reminder: [{ amount: '={{ $json.reminderAmount }}', unit: '={{ $json.reminderUnit }}' }],
	},
	additionalFields: {
		attendeeOwnerIds: '={{ $json.attendees }}',
		attachmentIds: '={{ $json.attachments }}',
	},
});

/** An item that PER_ITEM_PARAMETERS turns into a valid meeting titled "Meeting n". */
export function goodItem(n: number): IDataObject {
	return {
		organizer: ADA.userId,
		title: `Meeting ${n}`,
		start: '2026-06-02T09:00',
		end: '2026-06-02T09:45',
		zone: 'Europe/Berlin',
		owner: GRACE.ownerId,
		assocType: 'contact',
		assocIds: '501, 502',
		reminderAmount: 10,
		reminderUnit: 'MINUTES',
		attendees: '100003',
		attachments: '',
	};
}

// -- Get, Update, Delete ----------------------------------------------------------------------------

export const MEETINGS = '/crm/objects/2026-03/meetings';

/** Parameters of a Get, Update or Delete on a meeting. */
export const followUp = (operation: string, overrides: INodeParameters = {}): INodeParameters => ({
	authentication: 'accessToken',
	resource: 'meeting',
	operation,
	...overrides,
});

/** Creates a calendar meeting (with a contact association and an attendee) and returns its id. */
export async function createMeeting(emulator: HubspotEmulator): Promise<string> {
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		parameters: createParameters({
			associations: { association: [{ objectType: 'contact', recordIds: '501, 502' }] },
			additionalFields: { attendeeOwnerIds: ['100002', '100003'], outcome: 'SCHEDULED' },
		}),
	});
	expect(result.error).toBeUndefined();
	return String(result.items[0].json.id);
}

// -- Meeting Link -----------------------------------------------------------------------------------

export const LINKS_PATH = '/scheduler/2026-03/meetings/meeting-links';

export function linkParameters(
	operation: string,
	overrides: INodeParameters = {},
): INodeParameters {
	return { authentication: 'accessToken', resource: 'meetingLink', operation, ...overrides };
}

/** A valid Book Meeting: Jane Doe on Ada's personal link, 2026-10-24 09:00 Berlin, 30 minutes. */
export function bookParameters(overrides: INodeParameters = {}): INodeParameters {
	return linkParameters('book', {
		slug: 'ada-lovelace',
		firstName: 'Jane',
		lastName: 'Doe',
		email: 'jane.doe@example.com',
		startTime: '2026-10-24T09:00',
		durationMinutes: 30,
		timezone: 'Europe/Berlin',
		...overrides,
	});
}

// -- Transport (pacing, retries, faults) ------------------------------------------------------------

/** n items titled "Meeting 0" … "Meeting n-1". */
export const titled = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ title: `Meeting ${i}` }));
/** Create Calendar Event titled from the item, with an explicit owner (so no owner look-up is sent). */
export const perItemTitle = (overrides: IDataObject = {}) =>
	createParameters({ title: '={{ $json.title }}', ownerId: GRACE.ownerId, ...overrides });
export const status = (code: number) => (r: RecordedRequest) => r.status === code;

/** Each output is paired to its input, and is either a created meeting or an error — never missing. */
export function expectEveryItemAccountedFor(
	items: Array<{ json: IDataObject; error?: unknown; pairedItem?: unknown }>,
	count: number,
) {
	expect(items).toHaveLength(count);
	items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.error !== undefined || typeof item.json.id === 'string').toBe(true);
	});
}

/**
 * An OAuth2 credential whose token URL is the emulator's (the hidden field points at HubSpot; tests
 * point it at the emulator's same path).
 */
/** The OAuth app n8n's credential signs in as (oauthCredential's Client ID). */
const N8N_OAUTH_CLIENT_ID = 'n8n-client';

/** Registers that app with the emulator, so n8n's token refreshes with `refreshToken` are accepted. */
export function registerN8nOAuthClient(
	emulator: HubspotEmulator,
	{
		refreshToken,
		clientSecret = 'n8n-client-secret',
	}: { refreshToken: string; clientSecret?: string },
): void {
	emulator.registerOAuthClient({ clientId: N8N_OAUTH_CLIENT_ID, clientSecret, refreshToken });
}

export function oauthCredential(
	emulator: HubspotEmulator,
	accessToken: string,
	{ id, clientSecret, refreshToken }: { id: string; clientSecret: string; refreshToken: string },
): CredentialSpec {
	return {
		type: 'hubspotSchedulerOAuth2Api',
		id,
		data: {
			clientId: N8N_OAUTH_CLIENT_ID,
			clientSecret,
			accessTokenUrl: `${emulator.baseUrl}/oauth/2026-03/token`,
			baseUrl: emulator.baseUrl,
			oauthTokenData: {
				access_token: accessToken,
				refresh_token: refreshToken,
				expires_in: 1800,
				token_type: 'bearer',
			},
		},
	};
}

// -- Pickers ----------------------------------------------------------------------------------------

/** Service keys with one scope each, for pickers whose request HubSpot refuses. */
export const NARROW_TOKEN = 'pat-na1-only-contacts-write';
export const LINKS_ONLY_TOKEN = 'pat-na1-only-meeting-links';

/** Loads one dropdown the way n8n's editor backend does (test/harness/load-options.ts). */
export function loadPicker(
	emulator: HubspotEmulator,
	parameterPath: string,
	parameters = createParameters(),
	extra: { timezone?: string; token?: string } = {},
) {
	return loadOptions({
		parameters,
		parameterPath,
		credentials: serviceKeyCredential(emulator, { accessToken: extra.token }),
		timezone: extra.timezone,
	});
}

/** A resource locator's "From list" search, as n8n's editor backend runs it, on the service-key credential. */
export function searchPicker(
	emulator: HubspotEmulator,
	parameterPath: string,
	parameters = createParameters(),
	extra: { filter?: string; paginationToken?: string; token?: string; credentialId?: string } = {},
) {
	return listSearch({
		parameters,
		parameterPath,
		credentials: serviceKeyCredential(emulator, {
			accessToken: extra.token,
			...(extra.credentialId ? { id: extra.credentialId } : {}),
		}),
		filter: extra.filter,
		paginationToken: extra.paginationToken,
	});
}

/** Every page of a "From list" search, following `paginationToken` as the editor does when the user scrolls. */
export async function searchAllPages(
	emulator: HubspotEmulator,
	parameterPath: string,
	parameters = createParameters(),
	extra: { filter?: string; token?: string } = {},
) {
	const credentialId = `search-${Math.random().toString(36).slice(2)}`;
	const pages: Array<Awaited<ReturnType<typeof listSearch>>> = [];
	let paginationToken: string | undefined;
	for (let n = 0; n < 50; n++) {
		const page = await searchPicker(emulator, parameterPath, parameters, {
			...extra,
			paginationToken,
			credentialId,
		});
		pages.push(page);
		paginationToken = page.paginationToken;
		if (!paginationToken) break;
	}
	return { pages, results: pages.flatMap((page) => page.results) };
}
