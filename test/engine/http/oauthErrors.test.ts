/**
 * Issue 10 #4: a refused or failed OAuth2 token renewal is not a network failure.
 * The create got a 401 and nothing was created, so the item must say that the credential needs reconnecting
 * (keeping n8n's own "needs to be reconnected" wording) and that nothing was created — not "Could not reach
 * HubSpot … the meeting may or may not have been created". A token endpoint answering 503 with an HTML page
 * must not show the page, nor claim the meeting may exist.
 */
import { runNode, type CredentialSpec } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import {
	GRACE,
	calendarCreates,
	createParameters,
	emulatorForSuite,
	expectSpecValid,
	titled,
	registerN8nOAuthClient,
} from '../fixtures';

let emulator: HubspotEmulator;
beforeAll(async () => {
	emulator = await emulatorForSuite();
	registerN8nOAuthClient(emulator, { refreshToken: 'refresh-abc' });
});
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.reset());
afterEach(() => expectSpecValid(emulator));

const TOKEN_PATH = '/oauth/2026-03/token';
let credentialSeq = 0;

/** An OAuth2 credential whose access token has expired: the first create gets a 401 and n8n renews the token. */
function expiredOAuthCredential(): CredentialSpec {
	const accessToken = `expired-${++credentialSeq}`;
	emulator.addAccessToken(accessToken);
	emulator.expireAccessToken(accessToken);
	return {
		type: 'hubspotSchedulerOAuth2Api',
		id: `oauth-errors-${credentialSeq}`,
		name: 'HubSpot (reconnect me)',
		data: {
			clientId: 'n8n-client',
			clientSecret: 'n8n-client-secret',
			accessTokenUrl: `${emulator.baseUrl}${TOKEN_PATH}`,
			baseUrl: emulator.baseUrl,
			oauthTokenData: {
				access_token: accessToken,
				refresh_token: 'refresh-abc',
				expires_in: 1800,
				token_type: 'bearer',
			},
		},
	};
}

const parameters = createParameters({
	authentication: 'oAuth2',
	ownerId: GRACE.ownerId,
	title: '={{ $json.title }}',
});
const text = (error: { message: string; description?: string | null } | undefined) =>
	`${error?.message}\n${error?.description ?? ''}`;

// issue 10 #4
it('refresh answered invalid_grant: every item says reconnect the credential and that nothing was created', async () => {
	emulator.injectFault({
		method: 'POST',
		path: TOKEN_PATH,
		status: 400,
		body: {
			error: 'invalid_grant',
			error_description: 'refresh token is invalid, expired or revoked',
		},
		times: 10,
	});
	const result = await runNode({
		credentials: expiredOAuthCredential(),
		items: titled(3),
		parameters,
		continueOnFail: true,
	});
	expect(emulator.creations).toHaveLength(0);
	expect(result.items).toHaveLength(3);
	result.items.forEach((item, index) => {
		expect(item.error?.message).toMatch(/needs to be reconnected/); // n8n's own wording kept
		expect(item.error?.message).toMatch(new RegExp(`\\[item ${index}\\]$`));
		expect(text(item.error)).toMatch(/nothing was created|no meeting was created/i);
		expect(text(item.error)).not.toMatch(
			/Could not reach HubSpot|may or may not have been created/,
		);
	});
});

// issue 10 #4
it('refresh answered invalid_grant, no continue-on-fail: the node error says reconnect and nothing was created', async () => {
	emulator.injectFault({
		method: 'POST',
		path: TOKEN_PATH,
		status: 400,
		body: { error: 'invalid_grant' },
		times: 10,
	});
	const result = await runNode({
		credentials: expiredOAuthCredential(),
		items: titled(1),
		parameters,
	});
	expect(emulator.creations).toHaveLength(0);
	expect(result.error?.message).toMatch(/needs to be reconnected/);
	expect(text(result.error)).toMatch(/nothing was created|no meeting was created/i);
	expect(text(result.error)).not.toMatch(
		/Could not reach HubSpot|may or may not have been created/,
	);
});

// issue 10 #4
it('token endpoint answering 503 with an HTML page: no page in the message, no false "may have been created"', async () => {
	emulator.injectFault({
		method: 'POST',
		path: TOKEN_PATH,
		status: 503,
		body: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>',
		headers: { 'Content-Type': 'text/html' },
		times: 10,
	});
	const result = await runNode({
		credentials: expiredOAuthCredential(),
		items: titled(2),
		parameters,
		continueOnFail: true,
	});
	expect(emulator.creations).toHaveLength(0);
	expect(calendarCreates(emulator).every((request) => request.status === 401)).toBe(true);
	result.items.forEach((item) => {
		expect(item.error?.message).not.toMatch(/<html|<head|<title/i);
		expect(text(item.error)).not.toMatch(/may or may not have been created/);
		expect(text(item.error)).toMatch(/nothing was created|no meeting was created/i);
		// It says what failed: renewing the OAuth2 token, and that it is worth trying again later.
		expect(text(item.error)).toMatch(/token/i);
	});
});

it("HubSpot's own refusal of the refresh token (BAD_REFRESH_TOKEN) keeps its reconnect hint (as today)", async () => {
	emulator.injectFault({
		method: 'POST',
		path: TOKEN_PATH,
		status: 400,
		body: {
			status: 'BAD_REFRESH_TOKEN',
			message: 'missing or unknown refresh token',
			correlationId: 'c0ffee00-0000-4000-8000-00000000000a',
			category: 'VALIDATION_ERROR',
		},
	});
	const result = await runNode({
		credentials: expiredOAuthCredential(),
		items: titled(1),
		// Simplify off: the one refusal (the fault answers once) meets the create, not the account read.
		parameters: { ...parameters, simplify: false },
	});
	expect(emulator.creations).toHaveLength(0);
	expect(result.error?.description).toMatch(/reconnect it/);
});
