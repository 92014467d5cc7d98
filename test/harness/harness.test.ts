/**
 * Self-test of the engine harness against a throw-away fixture package and a local HTTP server.
 * Proves that n8n-core's real loader, WorkflowExecute, RoutingNode, generic auth and OAuth2
 * signing/refresh run end to end — independent of the real node being built.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { loadPackage, runNode } from './engine';
import type { CredentialSpec } from './engine';

const packageDir = path.join(__dirname, 'fixture-package');
const NODE_TYPE = 'n8n-nodes-harness-fixture.harnessFixture';

interface Recorded {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

let server: Server;
let baseUrl: string;
let requests: Recorded[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
			const send = (status: number, payload: unknown) => {
				res.writeHead(status, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(payload));
			};
			if (req.url === '/oauth/token' && req.method === 'POST') {
				const form = new URLSearchParams(body);
				if (
					form.get('grant_type') === 'refresh_token' &&
					form.get('refresh_token') === 'refresh-1' &&
					form.get('client_id') === 'client-id' &&
					form.get('client_secret') === 'client-secret'
				) {
					return send(200, {
						access_token: 'fresh-token',
						refresh_token: 'refresh-2',
						expires_in: 1800,
						token_type: 'bearer',
					});
				}
				return send(400, { error: 'invalid_grant' });
			}
			if (req.url === '/things' && req.method === 'POST') {
				if (req.headers.authorization === 'Bearer expired-token') {
					return send(401, { message: 'The access token expired' });
				}
				const { title } = JSON.parse(body || '{}') as { title?: string };
				if (title === 'fail') return send(422, { message: 'Title "fail" is not allowed' });
				return send(201, { id: `thing-${requests.length}`, title });
			}
			send(404, { message: 'not found' });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	requests = [];
});

const tokenCredentials = (): CredentialSpec => ({
	type: 'fixtureTokenApi',
	data: { accessToken: 'tok-123', baseUrl },
});

const oauthCredentials = (accessToken: string): CredentialSpec => ({
	type: 'fixtureOAuth2Api',
	data: {
		clientId: 'client-id',
		clientSecret: 'client-secret',
		accessTokenUrl: `${baseUrl}/oauth/token`,
		baseUrl,
		oauthTokenData: {
			access_token: accessToken,
			refresh_token: 'refresh-1',
			expires_in: 1800,
			token_type: 'bearer',
		},
	},
});

const thingRequests = () => requests.filter((r) => r.url === '/things');

describe('loadPackage', () => {
	it('loads the package through PackageDirectoryLoader with n8n type names', async () => {
		const pkg = await loadPackage(packageDir);
		expect(pkg.nodeTypeNames).toEqual([NODE_TYPE]);
		expect(pkg.credentialTypes.getParentTypes('fixtureOAuth2Api')).toEqual(['oAuth2Api']);
		expect(pkg.credentialTypes.getParentTypes('fixtureTokenApi')).toEqual([]);
		// the loader injects the declarative "Request Options" setting
		const description = pkg.nodeTypes.getByNameAndVersion(NODE_TYPE).description;
		expect(description.properties.map((p) => p.name)).toContain('requestOptions');
	});

	it('tells to run the build when the package files are missing', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'harness-unbuilt-'));
		writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: 'n8n-nodes-unbuilt', n8n: { nodes: ['dist/nodes/X/X.node.js'] } }),
		);
		await expect(loadPackage(dir)).rejects.toThrow(/npm run build/);
	});
});

describe('runNode', () => {
	it('sends one request per item with per-item expressions and the token header', async () => {
		const result = await runNode({
			packageDir,
			parameters: { authentication: 'token', operation: 'create', title: '={{ $json.title }}' },
			items: [{ title: 'one' }, { title: 'two' }, { title: 'three' }],
			credentials: tokenCredentials(),
		});

		expect(result.error).toBeUndefined();
		const sent = thingRequests();
		expect(sent).toHaveLength(3);
		expect(sent.map((r) => JSON.parse(r.body))).toEqual(
			expect.arrayContaining([{ title: 'one' }, { title: 'two' }, { title: 'three' }]),
		);
		for (const r of sent) expect(r.headers.authorization).toBe('Bearer tok-123');
		expect(result.items.map((i) => i.json.title)).toEqual(['one', 'two', 'three']);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.credentialUpdates).toEqual([]);
	});

	it('uses the only node of the package by default and the default single empty item', async () => {
		const result = await runNode({
			packageDir,
			parameters: { title: 'static' },
			credentials: tokenCredentials(),
		});
		expect(result.error).toBeUndefined();
		expect(thingRequests().map((r) => JSON.parse(r.body))).toEqual([{ title: 'static' }]);
		expect(result.items).toHaveLength(1);
	});

	it('signs with the OAuth2 access token', async () => {
		const result = await runNode({
			packageDir,
			parameters: { authentication: 'oAuth2', title: 'x' },
			credentials: oauthCredentials('valid-token'),
		});
		expect(result.error).toBeUndefined();
		expect(thingRequests().map((r) => r.headers.authorization)).toEqual(['Bearer valid-token']);
		expect(requests.filter((r) => r.url === '/oauth/token')).toHaveLength(0);
	});

	it('refreshes an expired OAuth2 token on 401, retries, and writes the new token back', async () => {
		const result = await runNode({
			packageDir,
			parameters: { authentication: 'oAuth2', title: 'after refresh' },
			credentials: oauthCredentials('expired-token'),
		});

		expect(result.error).toBeUndefined();
		expect(requests.map((r) => `${r.method} ${r.url} ${r.headers.authorization ?? ''}`)).toEqual([
			'POST /things Bearer expired-token',
			'POST /oauth/token ',
			'POST /things Bearer fresh-token',
		]);
		const tokenRequest = new URLSearchParams(requests[1].body);
		expect(tokenRequest.get('grant_type')).toBe('refresh_token');
		expect(tokenRequest.get('client_id')).toBe('client-id');
		expect(tokenRequest.get('client_secret')).toBe('client-secret');

		expect(result.items.map((i) => i.json.title)).toEqual(['after refresh']);
		expect(result.credentialUpdates).toHaveLength(1);
		expect(result.credentialUpdates[0].oauthTokenData).toMatchObject({
			access_token: 'fresh-token',
			refresh_token: 'refresh-2',
		});
		expect(result.credentialsAfter?.oauthTokenData).toMatchObject({ access_token: 'fresh-token' });
	});

	it('applies inherited oAuth2Api defaults and the type defaults to the credential', async () => {
		const pkg = await loadPackage(packageDir);
		const { HarnessCredentialsHelper } = await import('./credentials-helper');
		const helper = new HarnessCredentialsHelper(pkg.credentialTypes);
		expect(helper.getParentTypes('fixtureOAuth2Api')).toEqual(['oAuth2Api']);
		const data = helper.applyDefaults('fixtureOAuth2Api', { clientId: 'c' });
		expect(data).toMatchObject({
			clientId: 'c',
			clientSecret: '',
			grantType: 'authorizationCode',
			authentication: 'body',
			scope: 'things.write',
			accessTokenUrl: 'https://auth.example.com/token',
		});
		expect(data.oauthTokenData).toBeUndefined();
	});

	it('continue-on-fail: a failing item becomes an error item, the others succeed', async () => {
		const result = await runNode({
			packageDir,
			parameters: { title: '={{ $json.title }}' },
			items: [{ title: 'a' }, { title: 'fail' }, { title: 'c' }],
			credentials: tokenCredentials(),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(thingRequests()).toHaveLength(3);
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.title).toBe('a');
		expect(result.items[2].json.title).toBe('c');
		const failed = result.items[1];
		// RoutingNode yields { json: {}, error }; the engine copies the message into json.error
		expect(failed.error?.name).toBe('NodeApiError');
		expect(failed.error?.description).toBe('Title "fail" is not allowed');
		expect(failed.json.error).toBe(failed.error?.message);
		expect(failed.pairedItem).toEqual({ item: 1 });
	});

	it('without continue-on-fail the run fails and returns the node error', async () => {
		const result = await runNode({
			packageDir,
			parameters: { title: '={{ $json.title }}' },
			items: [{ title: 'a' }, { title: 'fail' }],
			credentials: tokenCredentials(),
		});

		expect(result.items).toEqual([]);
		expect(result.error).toBeDefined();
		expect(result.error!.name).toBe('NodeApiError');
		expect((result.error as unknown as { httpCode?: string }).httpCode).toBe('422');
		expect(result.fullExecutionData.data.resultData.error).toBeDefined();
		expect(result.fullExecutionData.status).toBe('error');
	});

	it('returns the workflow-issues error when a required parameter is empty', async () => {
		const result = await runNode({
			packageDir,
			parameters: { title: '' },
			credentials: tokenCredentials(),
		});
		expect(thingRequests()).toHaveLength(0);
		expect(result.items).toEqual([]);
		expect(result.error?.name).toBe('WorkflowHasIssuesError');
	});

	it('honours the workflow timezone in expressions', async () => {
		const result = await runNode({
			packageDir,
			parameters: { title: '={{ $now.zoneName }}' },
			credentials: tokenCredentials(),
			timezone: 'Asia/Tokyo',
		});
		expect(result.error).toBeUndefined();
		expect(JSON.parse(thingRequests()[0].body)).toEqual({ title: 'Asia/Tokyo' });
	});
});
