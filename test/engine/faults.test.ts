/**
 * Rate limits and faults: every item created exactly once or reported, never silently dropped.
 * Runs through n8n's real engine against the emulator's rolling rate window and injected faults.
 */
import type { IDataObject } from 'n8n-workflow';

import { runNode, type CredentialSpec } from '../harness/engine';
import type { HubspotEmulator, RecordedRequest } from '../emulator';
import { GRACE, calendarCreates, createParameters, emulatorForSuite, expectSpecValid, serviceKeyCredential } from './fixtures';

const RATE_LIMITED_BODY = {
	status: 'error',
	message: 'You have reached your ten_secondly_rolling limit.',
	errorType: 'RATE_LIMIT',
	correlationId: '3f1a5c9e-0d7b-4d2e-9a41-6f0c2b7e8d11',
	policyName: 'TEN_SECONDLY_ROLLING',
	category: 'RATE_LIMITS',
};

let emulator: HubspotEmulator;
afterEach(async () => {
	expectSpecValid(emulator);
	await emulator.stop();
});

const titled = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Meeting ${i}` }));
const perItemTitle = (overrides: IDataObject = {}) => createParameters({ title: '={{ $json.title }}', ownerId: GRACE.ownerId, ...overrides });
const status = (code: number) => (r: RecordedRequest) => r.status === code;

/** Each output is paired to its input, and is either a created meeting or an error — never missing. */
function expectEveryItemAccountedFor(items: Array<{ json: IDataObject; error?: unknown; pairedItem?: unknown }>, count: number) {
	expect(items).toHaveLength(count);
	items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.error !== undefined || typeof item.json.id === 'string').toBe(true);
	});
}

describe('pacing below the burst window', () => {
	test('30 items against a window of 5 per second: no 429, each created once', async () => {
		emulator = await emulatorForSuite({ rateLimit: { max: 5, intervalMs: 1000 } });
		const result = await runNode({ credentials: serviceKeyCredential(emulator), items: titled(30), parameters: perItemTitle() });
		expect(result.error).toBeUndefined();
		expectEveryItemAccountedFor(result.items, 30);
		expect(emulator.requests.filter(status(429))).toHaveLength(0);
		expect(emulator.creations).toHaveLength(30);
		expect(emulator.duplicateCreations()).toBe(0);
	});

	test('three executions at once with one credential share the budget: no 429', async () => {
		emulator = await emulatorForSuite({ rateLimit: { max: 6, intervalMs: 1000 } });
		const credentials = serviceKeyCredential(emulator);
		const runs = await Promise.all(
			[0, 1, 2].map((run) =>
				runNode({ credentials, items: titled(8).map((item) => ({ title: `${item.title} of run ${run}` })), parameters: perItemTitle() }),
			),
		);
		for (const run of runs) expectEveryItemAccountedFor(run.items, 8);
		expect(emulator.requests.filter(status(429))).toHaveLength(0);
		expect(emulator.creations).toHaveLength(24);
		expect(emulator.duplicateCreations()).toBe(0);
	});
});

describe('429 answers', () => {
	test('ten-secondly 429s are waited out and retried for those items only', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({
			method: 'POST',
			path: /\/meetings\/calendar$/,
			status: 429,
			body: RATE_LIMITED_BODY,
			// A used-up window of 100 per second, as HubSpot reports it on a 429.
			headers: {
				'Retry-After': '1',
				'X-HubSpot-RateLimit-Max': '100',
				'X-HubSpot-RateLimit-Remaining': '0',
				'X-HubSpot-RateLimit-Interval-Milliseconds': '1000',
			},
			times: 3,
		});
		const result = await runNode({ credentials: serviceKeyCredential(emulator), items: titled(6), parameters: perItemTitle() });
		expect(result.error).toBeUndefined();
		expectEveryItemAccountedFor(result.items, 6);
		expect(result.items.every((item) => !item.error)).toBe(true);
		expect(calendarCreates(emulator).filter(status(429))).toHaveLength(3);
		expect(emulator.creations).toHaveLength(6);
		expect(emulator.duplicateCreations()).toBe(0);
	});

	test('a 429 without Retry-After falls back to backoff and still succeeds', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({ method: 'POST', path: /\/meetings\/calendar$/, status: 429, body: RATE_LIMITED_BODY, headers: { 'X-HubSpot-RateLimit-Remaining': '40' } });
		const result = await runNode({ credentials: serviceKeyCredential(emulator), items: titled(2), parameters: perItemTitle() });
		expect(result.error).toBeUndefined();
		expect(emulator.creations).toHaveLength(2);
	});

	test('the DAILY limit is not retried; the item says when it resets', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({
			method: 'POST',
			path: /\/meetings\/calendar$/,
			status: 429,
			body: { ...RATE_LIMITED_BODY, message: 'You have reached your daily limit.', policyName: 'DAILY' },
		});
		const result = await runNode({ credentials: serviceKeyCredential(emulator), items: titled(1), parameters: perItemTitle(), continueOnFail: true });
		expect(result.items[0].error?.message).toMatch(/^HubSpot answered 429: You have reached your daily limit\. \[item 0\]$/);
		expect(result.items[0].error?.description).toMatch(/daily API limit is used up.*resets at midnight/);
		expect(calendarCreates(emulator)).toHaveLength(1);
	});

	test('an item that keeps getting 429s fails with a clear message when its retry budget runs out', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({
			method: 'POST',
			path: /\/meetings\/calendar$/,
			status: 429,
			body: RATE_LIMITED_BODY,
			headers: { 'Retry-After': '0', 'X-HubSpot-RateLimit-Remaining': '50' },
			times: 9,
		});
		const result = await runNode({ credentials: serviceKeyCredential(emulator), items: titled(1), parameters: perItemTitle(), continueOnFail: true });
		expectEveryItemAccountedFor(result.items, 1);
		expect(result.items[0].error?.message).toMatch(/^HubSpot answered 429: .*\[item 0\]$/);
		expect(result.items[0].error?.description).toMatch(/kept answering 429 .* 9 tries .* Nothing was created for it/);
		expect(calendarCreates(emulator)).toHaveLength(9);
		expect(emulator.creations).toHaveLength(0);
	});
});

describe('other failures', () => {
	test('a 5xx on a read (owner look-up) is retried', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({ method: 'GET', path: '/crm/owners/2026-03', status: 503, times: 2 });
		const result = await runNode({ credentials: serviceKeyCredential(emulator), parameters: createParameters() });
		expect(result.error).toBeUndefined();
		expect(emulator.requests.filter((r) => r.path === '/crm/owners/2026-03').map((r) => r.status)).toEqual([503, 503, 200]);
		expect(emulator.creations).toHaveLength(1);
	});

	test.each([
		['500 before HubSpot acted', { status: 500 }, 0],
		['502 after HubSpot acted', { status: 502, afterHandler: true }, 1],
		['504 after HubSpot acted', { status: 504, afterHandler: true }, 1],
		['connection dropped after HubSpot acted', { status: 0, afterHandler: true, dropConnection: true }, 1],
	])('create with %s: not retried, reported as "may have been created"', async (_name, fault, createdByHubspot) => {
		emulator = await emulatorForSuite();
		emulator.injectFault({ method: 'POST', path: /\/meetings\/calendar$/, ...fault });
		const result = await runNode({ credentials: serviceKeyCredential(emulator), items: titled(3), parameters: perItemTitle(), continueOnFail: true });
		expectEveryItemAccountedFor(result.items, 3);
		const failed = result.items.filter((item) => item.error);
		expect(failed).toHaveLength(1);
		expect(failed[0].error?.description).toMatch(/may or may not have been created.*not retried, to avoid a duplicate/);
		expect(calendarCreates(emulator)).toHaveLength(3); // one request per item: nothing sent twice
		expect(emulator.creations).toHaveLength(2 + createdByHubspot);
		expect(emulator.duplicateCreations()).toBe(0);
	});

	test('a create that times out is not retried and says it may exist', async () => {
		emulator = await emulatorForSuite();
		emulator.injectFault({ method: 'POST', path: /\/meetings\/calendar$/, status: 200, afterHandler: true, delayMs: 1500 });
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: perItemTitle({ requestOptions: { timeout: 400 } }),
			items: titled(1),
			continueOnFail: true,
		});
		expect(result.items[0].error?.message).toBe('Could not reach HubSpot: no answer within the timeout [item 0]');
		expect(result.items[0].error?.description).toMatch(/may or may not have been created/);
		expect(calendarCreates(emulator)).toHaveLength(1);
	});

	test('connection refused: nothing was sent, so the create is retried, then reported', async () => {
		emulator = await emulatorForSuite();
		const closedPort = serviceKeyCredential(emulator);
		closedPort.data.baseUrl = 'http://127.0.0.1:9'; // discard port: nothing listens there
		const result = await runNode({ credentials: closedPort, parameters: perItemTitle(), items: titled(1), continueOnFail: true });
		expect(result.items[0].error?.message).toBe('Could not reach HubSpot: the connection was refused [item 0]');
		expect(result.items[0].error?.description).toMatch(/Check the network connection and the Base URL/);
	});
});

describe("n8n's Retry On Fail re-runs the node without duplicating meetings", () => {
	test('items created in the first try are not created again in the second', async () => {
		emulator = await emulatorForSuite();
		// One create fails before HubSpot acts; without continue-on-fail the node fails and n8n runs it again.
		emulator.injectFault({
			method: 'POST',
			path: /\/meetings\/calendar$/,
			status: 503,
			body: { message: 'Service unavailable', correlationId: 'c0ffee00-0000-4000-8000-000000000000', category: 'INTERNAL_ERROR' },
		});
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: titled(4),
			parameters: perItemTitle(),
			nodeOverrides: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
		});
		expect(result.error).toBeUndefined();
		expectEveryItemAccountedFor(result.items, 4);
		// First try: 4 requests, one answered 503. Second try: only the failed item is sent again.
		expect(calendarCreates(emulator)).toHaveLength(5);
		expect(emulator.creations).toHaveLength(4);
		expect(emulator.duplicateCreations()).toBe(0);
	});
});

describe('OAuth2 token expiry and secrets', () => {
	function oauthCredential(accessToken: string): CredentialSpec {
		return {
			type: 'hubspotSchedulerOAuth2Api',
			id: `oauth-faults-${accessToken}`,
			data: {
				clientId: 'n8n-client',
				clientSecret: 'n8n-client-secret-value',
				accessTokenUrl: `${emulator.baseUrl}/oauth/2026-03/token`,
				baseUrl: emulator.baseUrl,
				oauthTokenData: { access_token: accessToken, refresh_token: 'refresh-token-value', expires_in: 1800, token_type: 'bearer' },
			},
		};
	}

	test('an expired token is refreshed once for the whole run, and the run continues', async () => {
		emulator = await emulatorForSuite();
		emulator.registerOAuthClient({ clientId: 'n8n-client', clientSecret: 'n8n-client-secret-value', refreshToken: 'refresh-token-value' });
		emulator.addAccessToken('expired-access-token');
		emulator.expireAccessToken('expired-access-token');
		const result = await runNode({
			credentials: oauthCredential('expired-access-token'),
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
		emulator.registerOAuthClient({ clientId: 'n8n-client', clientSecret: 'n8n-client-secret-value', refreshToken: 'refresh-token-value' });
		emulator.addAccessToken('live-access-token-value');
		emulator.injectFault({ method: 'POST', path: /\/meetings\/calendar$/, status: 400, body: { message: 'Bad', correlationId: 'c0ffee00-0000-4000-8000-000000000001', category: 'VALIDATION_ERROR' } });
		emulator.injectFault({ method: 'POST', path: /\/meetings\/calendar$/, status: 500, afterHandler: true });
		const result = await runNode({
			credentials: oauthCredential('live-access-token-value'),
			items: [...titled(3), { title: '' }],
			parameters: perItemTitle({ authentication: 'oAuth2' }),
			continueOnFail: true,
		});
		expect(result.items.filter((item) => item.error)).toHaveLength(3);
		const errors = result.items.map((item) => item.error).filter(Boolean) as Error[];
		const everything = [
			JSON.stringify(result.fullExecutionData),
			...errors.map((error) => `${error.message} ${(error as { description?: string }).description} ${JSON.stringify((error as { context?: unknown }).context)} ${error.stack}`),
		].join('\n');
		for (const secret of ['live-access-token-value', 'refresh-token-value', 'n8n-client-secret-value']) {
			expect(everything).not.toContain(secret);
		}
	});
});
