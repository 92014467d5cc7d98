/**
 * The credential's Base URL is applied by the node once per run (http/credentialBaseUrl.ts; the node's
 * requestDefaults name HubSpot's address as a constant). What a run remembers must be that run's: a run with
 * another credential, or the same credential saved with another Base URL, goes to its own address. And
 * n8n's allowlist of a credential restricted to specific domains still names the credential's own host.
 */
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { DOMAIN_RESTRICTION_FIELDS } from 'n8n-workflow';

import type { HubspotEmulator } from '../../emulator';
import {
	executeNode,
	HARNESS_NODE_NAME,
	HarnessCredentialsHelper,
	loadPackage,
	REPO_ROOT,
	runNode,
} from '../../harness/engine';
import {
	calendarCreates,
	createParameters,
	emulatorForSuite,
	MEETINGS,
	SERVICE_KEY,
	serviceKeyCredential,
} from '../fixtures';

let first: HubspotEmulator;
let second: HubspotEmulator;

beforeAll(async () => {
	[first, second] = await Promise.all([emulatorForSuite(), emulatorForSuite()]);
});
afterAll(async () => await Promise.all([first?.stop(), second?.stop()]));
beforeEach(() => {
	first.reset();
	second.reset();
});

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Run meeting #${i}` }));
const perItemTitle = createParameters({ title: '={{ $json.title }}' });

describe("the credential's Base URL, once per run", () => {
	test('the same credential saved with another Base URL: the next run goes to the new address', async () => {
		const id = 'one-credential-two-addresses';
		const before = await runNode({
			parameters: perItemTitle,
			items: items(3),
			credentials: serviceKeyCredential(first, { id }),
		});
		expect(before.error).toBeUndefined();
		const after = await runNode({
			parameters: perItemTitle,
			items: items(2),
			credentials: serviceKeyCredential(second, { id }),
		});
		expect(after.error).toBeUndefined();
		expect(calendarCreates(first)).toHaveLength(3);
		expect(calendarCreates(second)).toHaveLength(2);
	});

	test('two runs at the same time with different credentials each reach their own account', async () => {
		const [a, b] = await Promise.all([
			runNode({
				parameters: perItemTitle,
				items: items(4),
				credentials: serviceKeyCredential(first),
			}),
			runNode({
				parameters: perItemTitle,
				items: items(3),
				credentials: serviceKeyCredential(second),
			}),
		]);
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		expect(calendarCreates(first)).toHaveLength(4);
		expect(calendarCreates(second)).toHaveLength(3);
		// Each run's own look-ups (the organizer's owner record) went to its own account too.
		for (const emulator of [first, second]) {
			expect(emulator.requests.some((request) => request.path.startsWith('/crm/owners/'))).toBe(
				true,
			);
		}
	});

	test('an operation without checks (Get) goes to the Base URL of its run', async () => {
		const created = await runNode({
			parameters: createParameters(),
			credentials: serviceKeyCredential(second),
		});
		const id = String(created.items[0].json.id);
		const read = await runNode({
			parameters: {
				authentication: 'accessToken',
				resource: 'meeting',
				operation: 'get',
				meetingId: id,
			},
			credentials: serviceKeyCredential(second),
		});
		expect(read.error).toBeUndefined();
		expect(second.requests.some((request) => request.path === `${MEETINGS}/${id}`)).toBe(true);
		expect(first.requests).toHaveLength(0);
	});
});

/**
 * Keeps the allowlist n8n hands to the credential with each request, by path. n8n adds the domain fields to
 * every credential type that authenticates (n8n-workflow's injectDomainRestrictionFields); the harness's
 * types lack them, so they are kept here as n8n would keep them.
 */
class AllowlistRecorder extends HarnessCredentialsHelper {
	readonly allowlists: Array<{ url: string; allowedDomains?: string }> = [];

	applyDefaults(
		type: string,
		data: ICredentialDataDecryptedObject,
	): ICredentialDataDecryptedObject {
		const withDefaults = super.applyDefaults(type, data);
		for (const field of DOMAIN_RESTRICTION_FIELDS) {
			if (data[field.name] !== undefined) withDefaults[field.name] = data[field.name];
		}
		return withDefaults;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { url, allowedDomains } = requestOptions as IHttpRequestOptions;
		this.allowlists.push({ url, allowedDomains });
		return await super.authenticate(credentials, typeName, requestOptions, workflow, node);
	}
}

test("a credential restricted to specific domains: n8n's allowlist names the credential's own host", async () => {
	const pkg = await loadPackage(REPO_ROOT);
	const nodeType = pkg.nodeTypeNames.find((name) => !name.endsWith('Trigger'))!;
	const helper = new AllowlistRecorder(pkg.credentialTypes);
	helper.setCredentials('hubspotSchedulerTokenApi', {
		accessToken: SERVICE_KEY,
		baseUrl: first.baseUrl,
		allowedHttpRequestDomains: 'domains',
		allowedDomains: 'example.com',
	});
	const node: INode = {
		id: 'a0000000-0000-4000-8000-00000000a110',
		name: HARNESS_NODE_NAME,
		type: nodeType,
		typeVersion: 1,
		position: [0, 0],
		parameters: perItemTitle,
		credentials: { hubspotSchedulerTokenApi: { id: 'restricted', name: 'restricted' } },
	};
	const run = await executeNode({
		node,
		nodeTypes: pkg.nodeTypes,
		credentialsHelper: helper,
		items: items(2).map((json): INodeExecutionData => ({ json })),
	});
	expect(run.data.resultData.error).toBeUndefined();
	expect(calendarCreates(first)).toHaveLength(2);
	const host = new URL(first.baseUrl).hostname;
	// RoutingNode sets an allowlist for each item's own request (n8n-core ≥ 2.x); each names the emulator.
	const creates = helper.allowlists.filter(({ url }) => url.endsWith('/meetings/calendar'));
	expect(creates).toHaveLength(2);
	for (const { allowedDomains } of creates) {
		expect(allowedDomains?.split(',').map((domain) => domain.trim())).toEqual(
			expect.arrayContaining([host, 'example.com']),
		);
	}
});
