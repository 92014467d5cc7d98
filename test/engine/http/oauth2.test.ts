/**
 * The OAuth2 credential (the same for every operation) through n8n-core's real OAuth2 signing and
 * refresh: the access token is sent as a Bearer token; on HubSpot's 401 n8n refreshes it once (client
 * id and secret in the body), retries, and stores the new token; secrets never reach outputs, errors
 * or execution data.
 */
import type { HubspotEmulator } from '../../emulator';
import { runNode } from '../../harness/engine';
import {
	GRACE,
	calendarCreates,
	createParameters,
	emulatorForSuite,
	expectEveryItemAccountedFor,
	expectSpecValid,
	oauthCredential,
	perItemTitle,
	titled,
	registerN8nOAuthClient,
} from '../fixtures';

describe("n8n-core's OAuth2 signing and refresh", () => {
	let emulator: HubspotEmulator;
	beforeAll(async () => {
		emulator = await emulatorForSuite();
		registerN8nOAuthClient(emulator, { refreshToken: 'refresh-abc' });
	});
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.reset());
	afterEach(() => expectSpecValid(emulator));

	let credentialSeq = 0;
	const oauth2Credential = (accessToken: string) =>
		oauthCredential(emulator, accessToken, {
			id: `oauth-${++credentialSeq}`,
			clientSecret: 'n8n-client-secret',
			refreshToken: 'refresh-abc',
		});

	test('a valid access token is sent as a Bearer token', async () => {
		emulator.addAccessToken('oauth-valid', {
			scopes: ['crm.objects.contacts.write', 'crm.objects.owners.read'],
		});
		const result = await runNode({
			credentials: oauth2Credential('oauth-valid'),
			parameters: createParameters({ authentication: 'oAuth2' }),
		});
		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
			['/crm/owners/2026-03', 'Bearer oauth-valid'],
			['/account-info/2026-03/details', 'Bearer oauth-valid'], // the record URL's portal, once per credential
			['/scheduler/2026-03/meetings/calendar', 'Bearer oauth-valid'],
		]);
		expect(
			result.credentialUpdates.filter(
				(u) => (u.oauthTokenData as { access_token?: string })?.access_token !== 'oauth-valid',
			),
		).toEqual([]);
	});

	test('an expired access token: 401 → refresh with client id and secret in the body → retry → created once', async () => {
		emulator.addAccessToken('oauth-expired');
		emulator.expireAccessToken('oauth-expired');
		const result = await runNode({
			credentials: oauth2Credential('oauth-expired'),
			// Simplify off: the create is the first request (no account read for the record URL).
			parameters: createParameters({
				authentication: 'oAuth2',
				ownerId: GRACE.ownerId,
				simplify: false,
			}),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);

		const tokenRequests = emulator.requests.filter((r) => r.path === '/oauth/2026-03/token');
		expect(tokenRequests).toHaveLength(1);
		expect(tokenRequests[0].body).toMatchObject({
			grant_type: 'refresh_token',
			refresh_token: 'refresh-abc',
			client_id: 'n8n-client',
			client_secret: 'n8n-client-secret',
		});
		expect(tokenRequests[0].headers.authorization).toBeUndefined();

		const [first, retry] = emulator.requests.filter((r) => r.path.endsWith('/meetings/calendar'));
		expect(first.status).toBe(401);
		expect(retry.status).toBe(200);
		expect(retry.headers.authorization).toBe(`Bearer ${emulator.issuedTokens[0].accessToken}`);
		expect(calendarCreates(emulator).filter((r) => r.status === 200)).toHaveLength(1);
		expect(emulator.meetings.size).toBe(1);

		// n8n stores the refreshed token on the credential for the next runs.
		const stored = result.credentialsAfter?.oauthTokenData as { access_token: string };
		expect(stored.access_token).toBe(emulator.issuedTokens[0].accessToken);
	});

	test('a refresh token HubSpot no longer accepts: a clear 401 error, nothing created', async () => {
		emulator.addAccessToken('oauth-expired-2');
		emulator.expireAccessToken('oauth-expired-2');
		const credential = oauth2Credential('oauth-expired-2');
		(credential.data.oauthTokenData as { refresh_token: string }).refresh_token = 'revoked-refresh';
		const result = await runNode({
			credentials: credential,
			parameters: createParameters({ authentication: 'oAuth2', ownerId: GRACE.ownerId }),
		});
		expect(result.error).toBeDefined();
		expect(result.error?.message).toBe(
			'HubSpot answered 400: missing or unknown refresh token [item 0]',
		);
		expect(result.error?.description).toMatch(
			/^HubSpot refused to renew the OAuth2 access token\. Open the credential and reconnect it/,
		);
		expect(emulator.meetings.size).toBe(0);
	});
});

describe('OAuth2 token expiry and secrets', () => {
	let emulator: HubspotEmulator;
	afterEach(async () => {
		expectSpecValid(emulator);
		await emulator.stop();
	});
	const oauth2Credential = (accessToken: string) =>
		oauthCredential(emulator, accessToken, {
			id: `oauth-faults-${accessToken}`,
			clientSecret: 'n8n-client-secret-value',
			refreshToken: 'refresh-token-value',
		});

	test('an expired token is refreshed once for the whole run, and the run continues', async () => {
		emulator = await emulatorForSuite();
		registerN8nOAuthClient(emulator, {
			refreshToken: 'refresh-token-value',
			clientSecret: 'n8n-client-secret-value',
		});
		emulator.addAccessToken('expired-access-token');
		emulator.expireAccessToken('expired-access-token');
		const result = await runNode({
			credentials: oauth2Credential('expired-access-token'),
			items: titled(8),
			parameters: perItemTitle({ authentication: 'oAuth2' }),
		});
		expect(result.error).toBeUndefined();
		expectEveryItemAccountedFor(result.items, 8);
		expect(emulator.requests.filter((r) => r.path === '/oauth/2026-03/token')).toHaveLength(1);
		expect(emulator.creations).toHaveLength(8);
	});

	test('access token, refresh token and client secret never appear in outputs, errors or execution data', async () => {
		emulator = await emulatorForSuite();
		registerN8nOAuthClient(emulator, {
			refreshToken: 'refresh-token-value',
			clientSecret: 'n8n-client-secret-value',
		});
		emulator.addAccessToken('live-access-token-value');
		emulator.injectFault({
			method: 'POST',
			path: /\/meetings\/calendar$/,
			status: 400,
			body: {
				message: 'Bad',
				correlationId: 'c0ffee00-0000-4000-8000-000000000001',
				category: 'VALIDATION_ERROR',
			},
		});
		emulator.injectFault({
			method: 'POST',
			path: /\/meetings\/calendar$/,
			status: 500,
			afterHandler: true,
		});
		const result = await runNode({
			credentials: oauth2Credential('live-access-token-value'),
			items: [...titled(3), { title: '' }],
			parameters: perItemTitle({ authentication: 'oAuth2' }),
			continueOnFail: true,
		});
		expect(result.items.filter((item) => item.error)).toHaveLength(3);
		const errors = result.items.map((item) => item.error).filter(Boolean) as Error[];
		const everything = [
			JSON.stringify(result.fullExecutionData),
			...errors.map(
				(error) =>
					`${error.message} ${(error as { description?: string }).description} ${JSON.stringify((error as { context?: unknown }).context)} ${error.stack}`,
			),
		].join('\n');
		for (const secret of [
			'live-access-token-value',
			'refresh-token-value',
			'n8n-client-secret-value',
		]) {
			expect(everything).not.toContain(secret);
		}
	});
});
