import type { IExecuteSingleFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { API_VERSION } from '../../http/endpoints';
import { hubspotRequest, limiterKeyOf } from '../../http/request';
import { searchSlot } from '../../http/searchBudget';
import { InputError, itemError } from '../../input/errors';

/**
 * Contacts named by email and companies named by domain in association rows: looked up once per run
 * (items naming the same person share one look-up), paced like every request; a contact can be
 * created when missing. Reading a contact by email (`idProperty=email`) is not a search, so a contact
 * created a moment ago is found at once, without HubSpot's search index lag.
 */

const CONTACTS_PATH = `/crm/objects/${API_VERSION}/contacts`;
const COMPANIES_SEARCH_PATH = `/crm/objects/${API_VERSION}/companies/search`;

/** Look-ups of one run (execution and credential): key → the record id, or undefined when none exists. */
const runs = new Map<string, { at: number; lookUps: Map<string, Promise<string | undefined>> }>();
/** A run's look-ups are forgotten this long after it started (runs of a long-lived process do not pile up). */
const RUN_MEMORY_MS = 30 * 60_000;

function lookUpsOf(context: IExecuteSingleFunctions): Map<string, Promise<string | undefined>> {
	const now = Date.now();
	for (const [key, run] of runs) if (now - run.at > RUN_MEMORY_MS) runs.delete(key);
	const executionId = context.getExecutionId();
	// Without an execution id there is no run to share look-ups with: this item's own.
	if (!executionId) return new Map();
	const key = `${executionId}|${limiterKeyOf(context)}`;
	let run = runs.get(key);
	if (!run) runs.set(key, (run = { at: now, lookUps: new Map() }));
	return run.lookUps;
}

/** One look-up per run and key; an item whose shared look-up failed (for another item) looks up on its own. */
async function once(
	context: IExecuteSingleFunctions,
	key: string,
	lookUp: () => Promise<string | undefined>,
): Promise<string | undefined> {
	const lookUps = lookUpsOf(context);
	const earlier = lookUps.get(key);
	if (earlier) {
		try {
			return await earlier;
		} catch {
			// That item reports its own failure; this one tries for itself.
		}
	}
	const mine = lookUp();
	lookUps.set(key, mine);
	mine.catch(() => {
		if (lookUps.get(key) === mine) lookUps.delete(key);
	});
	return await mine;
}

/** hubspotRequest's failures are NodeApiErrors already; anything else is wrapped. */
function asNodeError(context: IExecuteSingleFunctions, error: unknown): NodeApiError {
	return error instanceof NodeApiError
		? error
		: new NodeApiError(context.getNode(), error as JsonObject);
}

function isHttp(error: unknown, status: string): error is NodeApiError {
	return error instanceof NodeApiError && error.httpCode === status;
}

async function readContactId(
	context: IExecuteSingleFunctions,
	baseURL: string | undefined,
	email: string,
): Promise<string | undefined> {
	try {
		const contact = await hubspotRequest<{ id: string }>(
			context,
			{
				method: 'GET',
				url: `${CONTACTS_PATH}/${encodeURIComponent(email)}`,
				baseURL,
				qs: { idProperty: 'email' },
			},
			'read',
		);
		return String(contact.id);
	} catch (error) {
		if (isHttp(error, '404')) return undefined;
		throw asNodeError(context, error);
	}
}

async function createContact(
	context: IExecuteSingleFunctions,
	baseURL: string | undefined,
	email: string,
	names: ContactNames,
): Promise<string> {
	const properties: Record<string, string> = { email };
	if (names.firstName) properties.firstname = names.firstName;
	if (names.lastName) properties.lastname = names.lastName;
	try {
		const contact = await hubspotRequest<{ id: string }>(
			context,
			// HubSpot requires `associations` on create; the meeting's own request associates it.
			{ method: 'POST', url: CONTACTS_PATH, baseURL, body: { properties, associations: [] } },
			'change',
		);
		return String(contact.id);
	} catch (error) {
		// Made in the meantime (another run): HubSpot names the contact that has the email.
		const existing = isHttp(error, '409')
			? /Existing ID: (\d+)/.exec(error.message)?.[1]
			: undefined;
		if (existing) return existing;
		throw asNodeError(context, error);
	}
}

export interface ContactNames {
	firstName?: string;
	lastName?: string;
}

/** The id of the contact with this email; created when missing if `create` is given; else the item fails. */
export async function contactIdOfEmail(
	context: IExecuteSingleFunctions,
	baseURL: string | undefined,
	{ email, field, create }: { email: string; field: string; create?: ContactNames },
): Promise<string> {
	const key = `contact:${email.toLowerCase()}`;
	const found = await once(context, key, async () => await readContactId(context, baseURL, email));
	if (found) return found;
	if (create) {
		const made = await once(
			context,
			`new ${key}`,
			async () => await createContact(context, baseURL, email, create),
		);
		if (made) {
			lookUpsOf(context).set(key, Promise.resolve(made));
			return made;
		}
	}
	throw itemError(
		context.getNode(),
		context.getItemIndex(),
		new InputError(
			field,
			`no contact with the email ${email} in this HubSpot account`,
			'Check the email, give the contact ID instead, or turn on Create Contact If Missing.',
		),
	);
}

/** The id of the company with this domain (the oldest when several have it); else the item fails. */
export async function companyIdOfDomain(
	context: IExecuteSingleFunctions,
	baseURL: string | undefined,
	{ domain, field }: { domain: string; field: string },
): Promise<string> {
	const found = await once(context, `company:${domain}`, async () => {
		await searchSlot(context);
		const answer = await hubspotRequest<{ results: Array<{ id: string }> }>(
			context,
			{
				method: 'POST',
				url: COMPANIES_SEARCH_PATH,
				baseURL,
				body: {
					filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'EQ', value: domain }] }],
					sorts: ['hs_createdate'],
					properties: ['domain', 'name'],
					limit: 1,
					after: '0',
				},
			},
			'read',
		);
		return answer.results[0] ? String(answer.results[0].id) : undefined;
	});
	if (found) return found;
	throw itemError(
		context.getNode(),
		context.getItemIndex(),
		new InputError(
			field,
			`no company with the domain ${domain} in this HubSpot account`,
			'Check the domain (e.g. acme.com), or give the company ID instead.',
		),
	);
}
