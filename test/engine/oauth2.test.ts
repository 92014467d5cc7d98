/** The OAuth2 credential through n8n-core's real OAuth2 signing and refresh. */
import { runNode, type CredentialSpec } from '../harness/engine';
import type { HubspotEmulator } from '../emulator';
import { GRACE, calendarCreates, createParameters, emulatorForSuite, expectSpecValid } from './fixtures';

let emulator: HubspotEmulator;
beforeAll(async () => {
	emulator = await emulatorForSuite();
	emulator.registerOAuthClient({ clientId: 'n8n-client', clientSecret: 'n8n-client-secret', refreshToken: 'refresh-abc' });
});
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());
afterEach(() => expectSpecValid(emulator));

let credentialSeq = 0;
function oauthCredential(accessToken: string): CredentialSpec {
	return {
		type: 'hubspotSchedulerOAuth2Api',
		id: `oauth-${++credentialSeq}`,
		data: {
			clientId: 'n8n-client',
			clientSecret: 'n8n-client-secret',
			// The hidden token URL points at HubSpot; tests point it at the emulator's same path.
			accessTokenUrl: `${emulator.baseUrl}/oauth/2026-03/token`,
			baseUrl: emulator.baseUrl,
			oauthTokenData: { access_token: accessToken, refresh_token: 'refresh-abc', expires_in: 1800, token_type: 'bearer' },
		},
	};
}

test('a valid access token is sent as a Bearer token', async () => {
	emulator.addAccessToken('oauth-valid', { scopes: ['crm.objects.contacts.write', 'crm.objects.owners.read'] });
	const result = await runNode({ credentials: oauthCredential('oauth-valid'), parameters: createParameters({ authentication: 'oAuth2' }) });
	expect(result.error).toBeUndefined();
	expect(emulator.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
		['/crm/owners/2026-03', 'Bearer oauth-valid'],
		['/scheduler/2026-03/meetings/calendar', 'Bearer oauth-valid'],
	]);
	expect(result.credentialUpdates.filter((u) => (u.oauthTokenData as { access_token?: string })?.access_token !== 'oauth-valid')).toEqual([]);
});

test('an expired access token: 401 → refresh with client id and secret in the body → retry → created once', async () => {
	emulator.addAccessToken('oauth-expired');
	emulator.expireAccessToken('oauth-expired');
	const result = await runNode({
		credentials: oauthCredential('oauth-expired'),
		parameters: createParameters({ authentication: 'oAuth2', ownerId: GRACE.ownerId }),
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
	const credential = oauthCredential('oauth-expired-2');
	(credential.data.oauthTokenData as { refresh_token: string }).refresh_token = 'revoked-refresh';
	const result = await runNode({ credentials: credential, parameters: createParameters({ authentication: 'oAuth2', ownerId: GRACE.ownerId }) });
	expect(result.error).toBeDefined();
	expect(result.error?.message).toBe('HubSpot answered 400: missing or unknown refresh token [item 0]');
	expect(result.error?.description).toMatch(/^HubSpot refused to renew the OAuth2 access token\. Open the credential and reconnect it/);
	expect(emulator.meetings.size).toBe(0);
});
