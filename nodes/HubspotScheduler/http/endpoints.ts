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
 * The API address as an expression over the credential (requestDefaults, credential test). The
 * credential's Base URL lets tests and the offline sandbox point the node at an emulator.
 */
export const BASE_URL_EXPRESSION = `={{ String($credentials.baseUrl || "${DEFAULT_BASE_URL}").replace(/\\/+$/, "") }}`;

/** The same address, for code that holds the credential itself. */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/** Names of the credential types: OAuth2 app, and service key / private-app token. */
export const APP_CREDENTIAL_TYPE = 'hubspotSchedulerOAuth2Api';
export const SERVICE_CREDENTIAL_TYPE = 'hubspotSchedulerTokenApi';

/** The credential type behind the node's "Authentication" selector (in a run or in a dropdown). */
export function credentialTypeOf(
	context: Pick<IExecuteSingleFunctions, 'getNodeParameter'>,
): string {
	return context.getNodeParameter('authentication', 'oAuth2') === 'accessToken'
		? SERVICE_CREDENTIAL_TYPE
		: APP_CREDENTIAL_TYPE;
}

/** Where a request comes from: an item's hook, a dropdown or a polling trigger (neither has an item). */
export type HubspotContext = IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The key of the credential's budgets (rate limiter, search spacing): one HubSpot account = one credential. */
export function limiterKeyOf(context: HubspotContext): string {
	const type = credentialTypeOf(context);
	const id =
		context.getNode().credentials?.[type]?.id ??
		`${context.getWorkflow().id}/${context.getNode().name}`;
	return `${type}:${id}`;
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
	const credentialId = context.getNode().credentials?.[credentialType]?.id ?? context.getNode().id;
	return { key: `${credentialType}:${credentialId}:${baseURL}`, baseURL };
}

/** HubSpot's date-versioned API every call uses. */
export const API_VERSION = '2026-03';
/** Scheduler API versions Create Calendar Event offers (its "API Version" option); both take the same request. */
export const SCHEDULER_API_VERSIONS = [API_VERSION, '2026-09'] as const;

/** Create Calendar Event, in the version chosen under the operation's Options. */
export const CALENDAR_MEETING_URL = `=/scheduler/{{ $parameter.options?.apiVersion || "${API_VERSION}" }}/meetings/calendar`;
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
