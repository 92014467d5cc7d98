import type { IExecuteSingleFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { API_VERSION } from '../../http/endpoints';
import { hubspotRequest } from '../../http/request';
import { runMemory } from '../../http/runMemory';
import { InputError, itemError } from '../../input/errors';
import { idList, isEmail, parseHubspotId, splitList } from '../../input/values';
import type { AssociationEntry, AssociationRow, AssociationSpec } from './associations';

/**
 * Contacts named by email and companies named by domain in association rows: looked up once per run
 * (items naming the same person share one look-up), paced like every request; a contact can be
 * created when missing. Reading a contact by email (`idProperty=email`) is not a search, so a contact
 * created a moment ago is found at once, without HubSpot's search index lag.
 */

const CONTACTS_PATH = `/crm/objects/${API_VERSION}/contacts`;
const COMPANIES_SEARCH_PATH = `/crm/objects/${API_VERSION}/companies/search`;

/** The run's look-ups: key → the record id, or undefined when none exists. */
const peopleOfRun = (context: IExecuteSingleFunctions) =>
	runMemory<string | undefined>(context, 'people');

/** One look-up per run and key; an item whose shared look-up failed (for another item) looks up on its own. */
async function once(
	context: IExecuteSingleFunctions,
	key: string,
	lookUp: () => Promise<string | undefined>,
): Promise<string | undefined> {
	const lookUps = peopleOfRun(context);
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
			peopleOfRun(context).set(key, Promise.resolve(made));
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

/**
 * A row's records: ids, and the emails (contact rows) or domains (company rows) to look up. Anything else is
 * refused, naming the row.
 */
export function recordsOfRow(
	row: AssociationRow,
	rowName: string,
): { ids: string[]; named: string[] } {
	const objectType = String(row.objectType ?? '');
	const entries = splitList(row.recordIds).filter(
		(entry) => !(typeof entry === 'string' && entry.trim() === ''),
	);
	const byName = (entry: unknown) =>
		typeof entry === 'string' && parseHubspotId(entry) === undefined;
	const named: string[] = [];
	for (const entry of entries.filter(byName) as string[]) {
		if (objectType === 'contact' && entry.includes('@')) {
			if (!isEmail(entry.trim()))
				throw new InputError(
					rowName,
					`"${entry.trim()}" is not an email address`,
					"Give the contact's email (jane@acme.com) or its ID.",
				);
			named.push(entry.trim().toLowerCase());
		} else if (objectType === 'company' && domainOf(entry) !== undefined) {
			named.push(domainOf(entry) as string);
		}
	}
	const ids = idList(
		rowName,
		entries.filter(
			(entry) => !byName(entry) || !named.includes(normalName(objectType, entry as string) ?? ''),
		),
		objectType === 'contact'
			? 'Give contact IDs or emails, comma-separated (e.g. 101, jane@acme.com) or as an array from an expression.'
			: objectType === 'company'
				? 'Give company IDs or domains, comma-separated (e.g. 101, acme.com) or as an array from an expression.'
				: 'Give record IDs as a comma-separated list (e.g. 101, 102) or an array from an expression.',
	);
	return { ids, named };
}

function normalName(objectType: string, entry: string): string | undefined {
	return objectType === 'company' ? domainOf(entry) : entry.trim().toLowerCase();
}

/** A company's domain as HubSpot keeps it: `https://www.Acme.com/about` → `acme.com`. */
function domainOf(entry: string): string | undefined {
	const host = entry
		.trim()
		.toLowerCase()
		.replace(/^[a-z]+:\/\//, '')
		.replace(/[/?#].*$/, '')
		.replace(/^www\./, '');
	return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) && !/^[\d.]+$/.test(host) ? host : undefined;
}

/**
 * The associations as HubSpot takes them, once every item is checked: records named by email or domain
 * looked up (people.ts, once per run); a record named twice (by id and by email) is sent once. Each
 * keeps its row's object type for Create's output; the request takes only `to` and `types`.
 */
export async function resolveAssociations(
	context: IExecuteSingleFunctions,
	baseURL: string | undefined,
	entries: AssociationEntry[],
): Promise<Array<AssociationSpec & { objectType: string }>> {
	const ids = await Promise.all(
		entries.map(async (entry) => {
			if ('to' in entry) return entry.to.id;
			const { email, domain, field, create } = entry.lookUp;
			return domain
				? await companyIdOfDomain(context, baseURL, { domain, field })
				: await contactIdOfEmail(context, baseURL, { email: email as string, field, create });
		}),
	);
	const seen = new Set<string>();
	const resolved: Array<AssociationSpec & { objectType: string }> = [];
	entries.forEach((entry, index) => {
		const [{ associationCategory, associationTypeId }] = entry.types;
		const key = `${ids[index]}/${associationCategory}/${associationTypeId}`;
		if (seen.has(key)) return;
		seen.add(key);
		resolved.push({ to: { id: ids[index] }, types: entry.types, objectType: entry.objectType });
	});
	return resolved;
}
