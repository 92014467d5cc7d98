import { ACCOUNT_DETAILS_PATH, accountKeyOf } from './endpoints';
import { hubspotRequest, type HubspotContext } from './request';

/**
 * The HubSpot account behind a credential: its portal id (the "Hub ID") and the domain of HubSpot's web
 * app for it (`app.hubspot.com`, `app-eu1.hubspot.com`, …), which a record's URL in HubSpot is made of.
 * Read once per credential in this n8n process, not per item: a run of 500 creates costs one read.
 *
 * Optional by design: the read needs the `oauth` scope, which OAuth apps always have but service keys and
 * private-app tokens may not, and a created meeting must never fail because of its link. A failed read
 * (missing scope, HubSpot down, Stop) gives no account, and the meeting is returned without its URL.
 */

export interface HubspotAccount {
	portalId: number;
	uiDomain: string;
}

/** An account's portal and domain do not change; the hour only covers a credential pointed at another account. */
const KNOWN_TTL_MS = 60 * 60 * 1000;
/** A failed read is not repeated for every item or run, but is tried again after a while (a scope added). */
const UNKNOWN_TTL_MS = 5 * 60 * 1000;

const cache = new Map<string, { expires: number; account: Promise<HubspotAccount | undefined> }>();

function accountOf(details: unknown): HubspotAccount | undefined {
	const { portalId, uiDomain } = (details ?? {}) as { portalId?: unknown; uiDomain?: unknown };
	const domain = typeof uiDomain === 'string' ? uiDomain.trim() : '';
	if (!Number.isSafeInteger(portalId) || (portalId as number) <= 0) return undefined;
	if (!/^[a-z0-9.-]+$/i.test(domain)) return undefined; // a host name only: the URL is built from it
	return { portalId: portalId as number, uiDomain: domain };
}

/**
 * The account behind the node's credential, read once and cached (every item of a run shares the one
 * read, also while it is under way); undefined when it cannot be read. Never throws.
 */
export async function hubspotAccount(
	context: HubspotContext,
	itemBaseURL?: string,
): Promise<HubspotAccount | undefined> {
	let key: string;
	let baseURL: string;
	try {
		({ key, baseURL } = await accountKeyOf(context, itemBaseURL));
	} catch {
		return undefined;
	}
	const now = Date.now();
	const cached = cache.get(key);
	if (cached && cached.expires > now) return await cached.account;
	// Settles with the account or undefined, never rejects.
	const account = hubspotRequest<unknown>(
		context,
		{ method: 'GET', url: ACCOUNT_DETAILS_PATH, baseURL },
		'read',
	).then(accountOf, () => undefined);
	const entry = { expires: now + KNOWN_TTL_MS, account };
	cache.set(key, entry);
	void account.then((known) => {
		if (!known) entry.expires = Date.now() + UNKNOWN_TTL_MS;
	});
	return await account;
}

/** HubSpot's object type id of meetings, as its record URLs and object APIs name them. */
const MEETING_OBJECT_TYPE_ID = '0-47';

/** The meeting's record page in HubSpot: `https://<uiDomain>/contacts/<portalId>/record/0-47/<id>`. */
export function meetingRecordUrl(account: HubspotAccount, meetingId: unknown): string | undefined {
	const id = String(meetingId ?? '');
	if (!/^\d+$/.test(id)) return undefined;
	return `https://${account.uiDomain}/contacts/${account.portalId}/record/${MEETING_OBJECT_TYPE_ID}/${id}`;
}
