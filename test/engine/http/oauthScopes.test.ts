/**
 * Issue 10 #14: HubSpot adds `oauth` to every app's required scopes and refuses an authorization URL that does
 * not list all required scopes ("Required scopes … must be present in the scope query parameter in your app's
 * install URL", developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/scopes;
 * n8n-io/n8n#23204 is the same failure in n8n's own HubSpot credential).
 *
 * The authorization URL is built here the way n8n's "Connect my account" builds it (n8n 2.x,
 * packages/cli/src/oauth/oauth.service.ts: getOAuthCredentials → applyDefaultsAndOverwrites →
 * convertCredentialToOptions → @n8n/client-oauth2's code.getUri()), from the credential type of the BUILT
 * package, and sent to the sandbox's stand-in for HubSpot's consent page, which applies HubSpot's rule.
 */
import { ClientOAuth2 } from '@n8n/client-oauth2';
import { parse as parseQuery } from 'node:querystring';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeParameters,
	type INodeTypes,
} from 'n8n-workflow';

import { HarnessCredentialsHelper, loadPackage, REPO_ROOT } from '../../harness/engine';
import { SANDBOX_OAUTH_CLIENT, startSandbox, type Sandbox } from '../../emulator/sandbox';

const TYPE = 'hubspotSchedulerOAuth2Api';

/** n8n keeps a stored `scope` only for these generic types (packages/cli/src/constants.ts). */
const N8N_GENERIC_OAUTH2_CREDENTIALS_WITH_EDITABLE_SCOPE = [
	'oAuth2Api',
	'googleOAuth2Api',
	'microsoftOAuth2Api',
	'highLevelOAuth2Api',
	'mcpOAuth2Api',
];

/** n8n's CredentialsHelper resolves credential expressions ($self) on a mock node of a mock workflow. */
const MOCK_NODE: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};
const MOCK_NODE_TYPES = {
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

/** The authorization URL n8n sends the user to when they click "Connect my account" on `stored`. */
async function authorizationUrl(stored: ICredentialDataDecryptedObject): Promise<URL> {
	const pkg = await loadPackage(REPO_ROOT);
	const helper = new HarnessCredentialsHelper(pkg.credentialTypes);
	// getOAuthCredentials: a stored scope is dropped for every OAuth2 type outside n8n's editable list …
	const data = { ...stored };
	if (
		data.scope &&
		TYPE.includes('OAuth2') &&
		!N8N_GENERIC_OAUTH2_CREDENTIALS_WITH_EDITABLE_SCOPE.includes(TYPE)
	)
		delete data.scope;
	// … then applyDefaultsAndOverwrites: the type's defaults, then expressions resolved with $self = the data.
	const withDefaults = helper.applyDefaults(TYPE, data);
	const workflow = new Workflow({
		nodes: [MOCK_NODE],
		connections: {},
		active: false,
		nodeTypes: MOCK_NODE_TYPES,
	});
	const credential = workflow.expression.getComplexParameterValue(
		MOCK_NODE,
		withDefaults as INodeParameters,
		'internal',
		{} as never,
		undefined,
		undefined,
		withDefaults,
	) as ICredentialDataDecryptedObject;
	// convertCredentialToOptions + authQueryParameters, then @n8n/client-oauth2 builds the URL.
	const scope = credential.scope as string | undefined;
	const client = new ClientOAuth2({
		clientId: credential.clientId as string,
		clientSecret: (credential.clientSecret as string) ?? '',
		accessTokenUri: (credential.accessTokenUrl as string) ?? '',
		authorizationUri: (credential.authUrl as string) ?? '',
		authentication: (credential.authentication as 'body' | 'header') ?? 'header',
		redirectUri: 'http://localhost:5678/rest/oauth2-credential/callback',
		scopes: (scope ?? 'openid').split(','),
		scopesSeparator: scope?.includes(',') ? ',' : ' ',
		state: 'state-from-n8n',
		...(credential.authQueryParameters
			? { query: parseQuery(credential.authQueryParameters as string) as Record<string, string> }
			: {}),
	});
	return new URL(client.code.getUri());
}

const scopesOf = (url: URL) =>
	(url.searchParams.get('scope') ?? '').split(/\s+/).filter(Boolean).sort();

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.stop());

/**
 * What HubSpot's consent page answers: the page with the scopes (200), and on "Connect app" 302 back to n8n,
 * when the scopes are accepted; a refusal (400) at once otherwise.
 */
async function consentStatus(url: URL): Promise<number> {
	const atSandbox = new URL(sandbox.authorizeUrl);
	atSandbox.search = url.search; // like CREDENTIALS_OVERWRITE_DATA pointing authUrl at the sandbox
	const answer = await fetch(atSandbox, { redirect: 'manual' });
	await answer.text();
	if (answer.status !== 200) return answer.status;
	const form = new URLSearchParams(url.search);
	form.set('decision', 'grant');
	const granted = await fetch(atSandbox.origin + atSandbox.pathname, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: form.toString(),
		redirect: 'manual',
	});
	await granted.text();
	return granted.status;
}

it('the default credential: the authorization URL asks for `oauth` and HubSpot accepts it', async () => {
	const url = await authorizationUrl({
		clientId: SANDBOX_OAUTH_CLIENT.clientId,
		clientSecret: SANDBOX_OAUTH_CLIENT.clientSecret,
	});
	expect(`${url.origin}${url.pathname}`).toBe('https://app.hubspot.com/oauth/authorize');
	expect(scopesOf(url)).toContain('oauth');
	expect(scopesOf(url)).toEqual([
		'crm.objects.contacts.read',
		'crm.objects.contacts.write',
		'crm.objects.owners.read',
		'oauth',
		'scheduler.meetings.meeting-link.read',
	]);
	expect(await consentStatus(url)).toBe(302);
});

// Found while testing #14: n8n drops a stored `scope` of this credential type before building the URL, so an
// edited Scope never reached HubSpot and the README's "editable scopes" did not hold.
it("scopes edited in the credential reach the authorization URL (an app whose write scope is deals')", async () => {
	const edited =
		'oauth crm.objects.deals.write crm.objects.contacts.read crm.objects.owners.read scheduler.meetings.meeting-link.read';
	// What the user typed into the visible Scope field, stored under that field's name: `scope` until issue 10,
	// `requiredScopes` since (the hidden `scope` now reads it).
	const url = await authorizationUrl({
		clientId: 'my-app',
		clientSecret: 'my-secret',
		scope: edited,
		requiredScopes: edited,
	});
	expect(scopesOf(url)).toEqual(edited.split(' ').sort());
});

it('optional scopes go in optional_scope (as today)', async () => {
	const url = await authorizationUrl({
		clientId: 'my-app',
		clientSecret: 'my-secret',
		optionalScopes: 'crm.objects.deals.write tickets',
	});
	expect(url.searchParams.get('optional_scope')).toBe('crm.objects.deals.write tickets');
});

it("HubSpot's consent page refuses a URL without `oauth` (the sandbox applies HubSpot's rule)", async () => {
	const url = new URL('https://app.hubspot.com/oauth/authorize');
	url.searchParams.set('client_id', SANDBOX_OAUTH_CLIENT.clientId);
	url.searchParams.set('redirect_uri', 'http://localhost:5678/rest/oauth2-credential/callback');
	url.searchParams.set(
		'scope',
		'crm.objects.contacts.read crm.objects.contacts.write crm.objects.owners.read scheduler.meetings.meeting-link.read',
	);
	expect(await consentStatus(url)).toBe(400);
});
