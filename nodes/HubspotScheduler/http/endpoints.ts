import type {
	ICredentialDataDecryptedObject,
	IExecuteSingleFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

/**
 * Where HubSpot is: the API address, the credential types, the API date version and every path the
 * node calls. Nothing else in the node writes a version or a path.
 */

export const DEFAULT_BASE_URL = 'https://api.hubapi.com';

/**
 * The API address as an expression over the credential (the credential test). The credential's Base URL
 * lets tests and the offline sandbox point the node at an emulator. The node's own requests do not use it:
 * RoutingNode would evaluate it twice per item (credentialBaseUrl.ts applies the Base URL once per run).
 */
export const BASE_URL_EXPRESSION = `={{ String($credentials.baseUrl || "${DEFAULT_BASE_URL}").replace(/\\/+$/, "") }}`;

/** The same address, for code that holds the credential itself. */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/** Names of the credential types: OAuth2 app, and service key / private-app token. */
export const APP_CREDENTIAL_TYPE = 'hubspotSchedulerOAuth2Api';
export const SERVICE_CREDENTIAL_TYPE = 'hubspotSchedulerTokenApi';

/**
 * What an item's hooks ask about the node's credential, kept per run instead of read again per item
 * (each read costs a parameter read or a copy of the node). RoutingNode gives every item of a run the
 * same execute data, so that object keys the run; dropdowns and triggers have none and read each time.
 */
export interface RunFacts {
	credentialType?: string;
	limiterKey?: string;
	/** The credential's id, else the node's (accountKeyOf). */
	accountId?: string;
	/** Where the run's requests go (credentialBaseUrl.ts). */
	apiTarget?: Promise<ApiTarget>;
}

/** The API address of a run's requests, and the domains n8n lets its credential reach from there. */
export interface ApiTarget {
	baseURL: string;
	/** n8n's allowlist for a credential restricted to some domains (set only where n8n set one). */
	allowedDomains?: string;
}

const factsByRun = new WeakMap<object, RunFacts>();

export function runFactsOf(context: object): RunFacts | undefined {
	const { getExecuteData } = context as Partial<Pick<IExecuteSingleFunctions, 'getExecuteData'>>;
	if (typeof getExecuteData !== 'function') return undefined;
	const run = getExecuteData.call(context) as object | undefined;
	if (!run || typeof run !== 'object') return undefined;
	let facts = factsByRun.get(run);
	if (!facts) factsByRun.set(run, (facts = {}));
	return facts;
}

/** `compute`d once per run and kept in its facts; computed every time where there is no run. */
function perRun<K extends 'credentialType' | 'limiterKey' | 'accountId'>(
	context: object,
	fact: K,
	compute: () => string,
): string {
	const facts = runFactsOf(context);
	return (facts?.[fact] as string | undefined) ?? (facts ? (facts[fact] = compute()) : compute());
}

/** The credential type behind the node's "Authentication" selector (in a run or in a dropdown). */
export function credentialTypeOf(
	context: Pick<IExecuteSingleFunctions, 'getNodeParameter'>,
): string {
	return perRun(context, 'credentialType', () =>
		context.getNodeParameter('authentication', 'oAuth2') === 'accessToken'
			? SERVICE_CREDENTIAL_TYPE
			: APP_CREDENTIAL_TYPE,
	);
}

/** Where a request comes from: an item's hook, a dropdown or a polling trigger (neither has an item). */
export type HubspotContext = IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The key of the credential's budgets (rate limiter, search spacing): one HubSpot account = one credential. */
export function limiterKeyOf(context: HubspotContext): string {
	return perRun(context, 'limiterKey', () => {
		const type = credentialTypeOf(context);
		const node = context.getNode();
		return `${type}:${node.credentials?.[type]?.id ?? `${context.getWorkflow().id}/${node.name}`}`;
	});
}

/**
 * The account a credential reads from, as the caches of what an account holds (owners, account details) key
 * it, with the base URL the read goes to (an item's own, else the credential's).
 */
export async function accountKeyOf(
	context: HubspotContext,
	itemBaseURL?: string,
): Promise<{ key: string; baseURL: string }> {
	const credentialType = credentialTypeOf(context);
	const baseURL = itemBaseURL || baseUrlOf(await context.getCredentials(credentialType));
	const credentialId = perRun(context, 'accountId', () => {
		const node = context.getNode();
		return node.credentials?.[credentialType]?.id ?? node.id;
	});
	return { key: `${credentialType}:${credentialId}:${baseURL}`, baseURL };
}

/** HubSpot's date-versioned API every call uses. */
export const API_VERSION = '2026-03';
/** Scheduler API versions Create Calendar Event offers (its "API Version" option); both take the same request. */
export const SCHEDULER_API_VERSIONS = [API_VERSION, '2026-09'] as const;

/** Create Calendar Event, in the version chosen under the operation's Options (empty: API_VERSION). */
export function calendarMeetingPath(apiVersion: unknown): string {
	return `/scheduler/${String(apiVersion || API_VERSION)}/meetings/calendar`;
}
/** A meeting's CRM record (Get, Update, Delete): `${MEETINGS_PATH}/{id}`. */
export const MEETINGS_PATH = `/crm/objects/${API_VERSION}/meetings`;
/** A meeting property's definition, with its options (pickers): `${MEETING_PROPERTIES_PATH}/{name}`. */
export const MEETING_PROPERTIES_PATH = `/crm/properties/${API_VERSION}/meetings`;
/** The account's owners: people (user id and owner id) and queues. */
export const OWNERS_PATH = `/crm/owners/${API_VERSION}`;
/** Scheduling pages: list; `/book/{slug}` booking info and booking; `/book/availability-page/{slug}` free slots. */
export const MEETING_LINKS_PATH = `/scheduler/${API_VERSION}/meetings/meeting-links`;
/** OAuth2 token endpoint (the credential's hidden Access Token URL). */
export const OAUTH_TOKEN_URL = `${DEFAULT_BASE_URL}/oauth/${API_VERSION}/token`;
/** CRM search over meetings (the trigger): filters, one sort, cursor paging; about 5 requests/s per account. */
export const MEETINGS_SEARCH_PATH = `${MEETINGS_PATH}/search`;
/** Meetings by id with property history (`propertiesWithHistory`), up to 100 a request. */
export const MEETINGS_BATCH_READ_PATH = `${MEETINGS_PATH}/batch/read`;
/** Contacts by id (the trigger's associated contacts' emails), up to 100 a request. */
export const CONTACTS_BATCH_READ_PATH = `/crm/objects/${API_VERSION}/contacts/batch/read`;
/** The account's details: portal id and web-app domain (Create's record URL). */
export const ACCOUNT_DETAILS_PATH = `/account-info/${API_VERSION}/details`;
