/**
 * Contacts and companies for association rows that name people by email and companies by domain:
 * a contact by id or by email (`GET …/contacts/{contactId}?idProperty=email`), a new contact
 * (`POST …/contacts`; 409 with the existing id when the email is taken, as HubSpot answers), and
 * companies by search (`POST …/companies/search`, `domain` EQ). Emails are one contact each, in any
 * letter case: a booking for an email that has a contact reuses it, as HubSpot does.
 */
import type { HandlerContext, HubspotEmulator } from './emulator';
import { HttpError, errorBody, notFound, validationError, type EmulatorResponse } from './errors';
import { searchState } from './crmSearch';

export interface StoredCompany {
	id: string;
	name: string;
	domain: string;
}

export interface PeopleState {
	/** Names of contacts, by id (their emails are in searchState().contacts). */
	names: Map<string, { firstname?: string; lastname?: string }>;
	/** Contacts created through POST …/contacts. */
	created: string[];
	companies: Map<string, StoredCompany>;
	contactSeq: number;
}

const states = new WeakMap<HubspotEmulator, PeopleState>();

export function peopleState(emulator: HubspotEmulator): PeopleState {
	let state = states.get(emulator);
	if (!state) {
		state = {
			names: new Map(),
			created: [],
			companies: new Map([
				['9001', { id: '9001', name: 'Acme', domain: 'acme.example' }],
				['9002', { id: '9002', name: 'Globex', domain: 'globex.example' }],
			]),
			contactSeq: 500001,
		};
		states.set(emulator, state);
	}
	return state;
}

/** The id of the contact with this email (any letter case), if there is one. */
export function contactIdByEmail(emulator: HubspotEmulator, email: string): string | undefined {
	const wanted = email.trim().toLowerCase();
	for (const [id, stored] of searchState(emulator).contacts)
		if (stored.toLowerCase() === wanted) return id;
	return undefined;
}

/** The contact with this email, made if there is none (a booking's guest): its id. */
export function contactForEmail(
	emulator: HubspotEmulator,
	email: string,
	names: { firstname?: string; lastname?: string } = {},
): string {
	const existing = contactIdByEmail(emulator, email);
	if (existing) return existing;
	const state = peopleState(emulator);
	const id = String(state.contactSeq++);
	searchState(emulator).contacts.set(id, email.trim().toLowerCase());
	state.names.set(id, names);
	return id;
}

const CREATED_AT = '2026-01-05T08:00:00.000Z';

function contactRecord(
	emulator: HubspotEmulator,
	id: string,
	wanted: string[],
): Record<string, unknown> {
	const all: Record<string, string | undefined> = {
		email: searchState(emulator).contacts.get(id),
		hs_object_id: id,
		...peopleState(emulator).names.get(id),
	};
	const properties: Record<string, string> = {};
	for (const name of ['email', 'hs_object_id', ...wanted])
		if (all[name] !== undefined) properties[name] = all[name] as string;
	return { id, properties, createdAt: CREATED_AT, updatedAt: CREATED_AT, archived: false };
}

function listParam(value: unknown): string[] {
	return (Array.isArray(value) ? value : value === undefined ? [] : [value])
		.flatMap((v) => String(v).split(','))
		.map((v) => v.trim())
		.filter(Boolean);
}

function getContact(ctx: HandlerContext): EmulatorResponse {
	const key = String(ctx.params.contactId);
	const idProperty =
		ctx.query.idProperty === undefined ? 'hs_object_id' : String(ctx.query.idProperty);
	let id: string | undefined;
	if (idProperty === 'email') id = contactIdByEmail(ctx.emulator, key);
	else if (idProperty === 'hs_object_id')
		id = searchState(ctx.emulator).contacts.has(key) ? key : undefined;
	else
		throw validationError(`${idProperty} is not a unique property of contacts`, [
			{ in: 'idProperty', message: 'not unique' },
		]);
	if (!id) throw notFound('Object not found.  objectId are usually numeric.');
	return { status: 200, body: contactRecord(ctx.emulator, id, listParam(ctx.query.properties)) };
}

function createContact(ctx: HandlerContext): EmulatorResponse {
	const body = ctx.body as { properties: Record<string, string>; associations: unknown[] };
	const email = body.properties.email;
	if (email) {
		const existing = contactIdByEmail(ctx.emulator, email);
		if (existing)
			throw new HttpError(
				409,
				errorBody('CONFLICT', `Contact already exists. Existing ID: ${existing}`),
			);
	}
	const state = peopleState(ctx.emulator);
	const id = String(state.contactSeq++);
	searchState(ctx.emulator).contacts.set(id, (email ?? '').toLowerCase());
	state.names.set(id, { firstname: body.properties.firstname, lastname: body.properties.lastname });
	state.created.push(id);
	return { status: 201, body: contactRecord(ctx.emulator, id, Object.keys(body.properties)) };
}

interface Filter {
	propertyName: string;
	operator: string;
	value?: string;
}

function searchCompanies(ctx: HandlerContext): EmulatorResponse {
	const body = ctx.body as {
		filterGroups: { filters: Filter[] }[];
		properties: string[];
		limit: number;
		after: string;
	};
	const matches = (company: StoredCompany, filter: Filter): boolean => {
		const have = (company as unknown as Record<string, string>)[
			filter.propertyName === 'hs_object_id' ? 'id' : filter.propertyName
		];
		if (filter.operator !== 'EQ')
			throw validationError(`The emulator's company search knows EQ only (got ${filter.operator})`);
		return have !== undefined && have.toLowerCase() === String(filter.value ?? '').toLowerCase();
	};
	const found = [...peopleState(ctx.emulator).companies.values()].filter(
		(company) =>
			body.filterGroups.length === 0 ||
			body.filterGroups.some((group) => group.filters.every((filter) => matches(company, filter))),
	);
	const offset = Number(body.after || 0);
	const results = found.slice(offset, offset + body.limit).map((company) => ({
		id: company.id,
		properties: { domain: company.domain, name: company.name, hs_object_id: company.id },
		createdAt: CREATED_AT,
		updatedAt: CREATED_AT,
		archived: false,
	}));
	return { status: 200, body: { total: found.length, results } };
}

export function installPeopleHandlers(emu: HubspotEmulator): void {
	emu.handle('GET /crm/objects/2026-03/contacts/{contactId}', getContact);
	emu.handle('POST /crm/objects/2026-03/contacts', createContact);
	emu.handle('POST /crm/objects/2026-03/companies/search', searchCompanies);
}
