/**
 * The emulator's built-in endpoint handlers. Each is registered with `emulator.handle(key, fn)`,
 * the same call tests use to add or override behaviour.
 */
import { randomBytes } from 'node:crypto';
import type { HubspotEmulator, HandlerContext } from './emulator';
import { HttpError, errorBody, notFound, validationError, type EmulatorResponse } from './errors';
import { HUBSPOT_DEFINED_MEETING_ASSOCIATIONS, type Owner } from './seed';
import { installFollowUpHandlers } from './followUpHandlers';

/** Fixed timestamps keep owner and property responses deterministic. */
const SEED_CREATED_AT = '2024-01-15T09:30:00.000Z';
const SEED_UPDATED_AT = '2025-06-01T12:00:00.000Z';

const SCHEDULER_VERSIONS = ['2026-03', '2026-09', 'v3'];
const OWNERS_BASES = ['/crm/owners/2026-03', '/crm/v3/owners'];
const PROPERTY_TEMPLATES = [
	'/crm/properties/2026-03/{objectType}/{propertyName}',
	'/crm/v3/properties/{objectType}/{propertyName}',
];
const MEETING_OBJECT_TYPES = ['meetings', '0-47'];

function randomId(bytes = 12): string {
	return randomBytes(bytes).toString('hex');
}

export function publicOwner(o: Owner): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: o.id,
		email: o.email,
		firstName: o.firstName,
		lastName: o.lastName,
		type: o.type,
		archived: !!o.archived,
		createdAt: SEED_CREATED_AT,
		updatedAt: SEED_UPDATED_AT,
		teams: [],
	};
	if (o.userId !== undefined) {
		out.userId = o.userId;
		out.userIdIncludingInactive = o.userId;
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// POST /scheduler/{version}/meetings/calendar
// ---------------------------------------------------------------------------------------------

function createCalendarMeeting(ctx: HandlerContext): EmulatorResponse {
	const emu = ctx.emulator;
	const body = ctx.body as {
		associations: {
			to: { id: string };
			types: { associationCategory: string; associationTypeId: number }[];
		}[];
		emailReminderSchedule: { shouldIncludeInviteDescription: boolean };
		properties: Record<string, unknown> & {
			hubspot_owner_id: string;
			hs_meeting_start_time: string;
			hs_meeting_end_time: string;
			hs_attendee_owner_ids?: string[];
		};
	};
	const problems: { message: string; in: string }[] = [];

	const organizer = String(ctx.query.organizerUserId);
	const organizerOk = emu.owners.some(
		(o) =>
			o.type === 'PERSON' &&
			!o.archived &&
			o.userId !== undefined &&
			String(o.userId) === organizer,
	);
	if (!organizerOk) {
		problems.push({
			in: 'organizerUserId',
			message: `Invalid organizerUserId: ${organizer} is not a user in this account`,
		});
	}

	const props = body.properties;
	if (!emu.owners.some((o) => o.id === props.hubspot_owner_id)) {
		problems.push({
			in: 'properties.hubspot_owner_id',
			message: `Invalid hubspot_owner_id: ${props.hubspot_owner_id} is not an owner in this account`,
		});
	}
	for (const id of props.hs_attendee_owner_ids ?? []) {
		if (!emu.owners.some((o) => o.id === id)) {
			problems.push({
				in: 'properties.hs_attendee_owner_ids',
				message: `Invalid hs_attendee_owner_ids: ${id} is not an owner in this account`,
			});
		}
	}
	if (Date.parse(props.hs_meeting_end_time) <= Date.parse(props.hs_meeting_start_time)) {
		problems.push({
			in: 'properties.hs_meeting_end_time',
			message: `hs_meeting_end_time (${props.hs_meeting_end_time}) must be after hs_meeting_start_time (${props.hs_meeting_start_time})`,
		});
	}
	body.associations.forEach((a, i) =>
		a.types.forEach((t, j) => {
			const where = `associations[${i}].types[${j}].associationTypeId`;
			if (t.associationCategory === 'HUBSPOT_DEFINED') {
				if (!(t.associationTypeId in HUBSPOT_DEFINED_MEETING_ASSOCIATIONS)) {
					const known = Object.entries(HUBSPOT_DEFINED_MEETING_ASSOCIATIONS)
						.map(([id, name]) => `${id} (${name})`)
						.join(', ');
					problems.push({
						in: where,
						message: `Invalid associationTypeId ${t.associationTypeId} for HUBSPOT_DEFINED meeting associations; valid: ${known}`,
					});
				}
			} else if (!(t.associationTypeId > 0)) {
				problems.push({
					in: where,
					message: `Invalid associationTypeId ${t.associationTypeId} for ${t.associationCategory}`,
				});
			}
		}),
	);
	if (problems.length) {
		throw validationError(problems.map((p) => p.message).join('; '), problems);
	}

	const now = new Date().toISOString();
	const id = emu.nextMeetingId();
	const properties: Record<string, unknown> = {
		...props,
		hs_meeting_external_url: `https://calendar.google.com/calendar/event?eid=${randomId()}`,
		hs_unique_id: randomId(),
		hs_engagement_source: 'MEETINGS',
		hs_engagement_source_id: randomId(8),
		hs_include_description_in_reminder: String(
			!!body.emailReminderSchedule.shouldIncludeInviteDescription,
		),
	};
	const meeting = { id, createdAt: now, lastUpdatedAt: now, properties };
	emu.meetings.set(id, {
		...meeting,
		organizerUserId: organizer,
		apiVersion: ctx.template.split('/')[2],
		requestBody: JSON.parse(JSON.stringify(ctx.body)),
	});
	emu.recordCreation(id, String(organizer), body);
	return { status: 200, body: meeting };
}

// ---------------------------------------------------------------------------------------------
// Owners
// ---------------------------------------------------------------------------------------------

function listOwners(ctx: HandlerContext): EmulatorResponse {
	const archived = ctx.query.archived === true;
	const email = typeof ctx.query.email === 'string' ? ctx.query.email.toLowerCase() : undefined;
	const limit = Math.min(
		500,
		Math.max(1, typeof ctx.query.limit === 'number' ? ctx.query.limit : 100),
	);
	let offset = 0;
	if (ctx.query.after !== undefined) {
		offset = Number(ctx.query.after);
		if (!/^\d+$/.test(String(ctx.query.after))) {
			throw validationError(`Invalid after cursor: ${String(ctx.query.after)}`, [
				{ in: 'after', message: 'not a cursor returned by this API' },
			]);
		}
	}
	const matching = ctx.emulator.owners.filter(
		(o) => !!o.archived === archived && (email === undefined || o.email.toLowerCase() === email),
	);
	const page = matching.slice(offset, offset + limit);
	const body: Record<string, unknown> = { results: page.map(publicOwner) };
	if (offset + limit < matching.length) {
		const after = String(offset + limit);
		const link = new URL(ctx.path, ctx.emulator.baseUrl);
		link.searchParams.set('after', after);
		link.searchParams.set('limit', String(limit));
		if (email !== undefined) link.searchParams.set('email', email);
		if (archived) link.searchParams.set('archived', 'true');
		body.paging = { next: { after, link: link.toString() } };
	}
	return { status: 200, body };
}

function getOwner(ctx: HandlerContext): EmulatorResponse {
	const wanted = String(ctx.params.ownerId);
	const byUserId = ctx.query.idProperty === 'userId';
	const archived = ctx.query.archived === true;
	const owner = ctx.emulator.owners.find(
		(o) => (byUserId ? String(o.userId) === wanted : o.id === wanted) && !!o.archived === archived,
	);
	if (!owner) throw notFound(`Owner with ${byUserId ? 'userId' : 'id'} ${wanted} not found`);
	return { status: 200, body: publicOwner(owner) };
}

// ---------------------------------------------------------------------------------------------
// Properties: the meeting enumeration properties the node loads options from
// ---------------------------------------------------------------------------------------------

const PROPERTY_LABELS: Record<string, { label: string; description: string }> = {
	hs_activity_type: {
		label: 'Call and meeting type',
		description: 'The type of the call or meeting.',
	},
	hs_meeting_outcome: { label: 'Meeting outcome', description: 'The outcome of the meeting.' },
};

function getProperty(ctx: HandlerContext): EmulatorResponse {
	const objectType = String(ctx.params.objectType);
	const name = String(ctx.params.propertyName);
	if (!MEETING_OBJECT_TYPES.includes(objectType)) {
		throw notFound(`Unable to infer object type from: ${objectType}`);
	}
	const options = ctx.emulator.propertyOptions[name];
	if (!options) throw notFound(`Property ${name} does not exist`);
	const meta = PROPERTY_LABELS[name] ?? { label: name, description: '' };
	return {
		status: 200,
		body: {
			name,
			label: meta.label,
			description: meta.description,
			type: 'enumeration',
			fieldType: 'select',
			groupName: 'engagement',
			options: options.map((o, i) => ({
				label: o.label,
				value: o.value,
				hidden: o.hidden,
				displayOrder: o.displayOrder ?? i,
				description: '',
			})),
			displayOrder: -1,
			calculated: false,
			externalOptions: false,
			hasUniqueValue: false,
			hidden: false,
			hubspotDefined: true,
			formField: false,
			archived: false,
			dataSensitivity: 'non_sensitive',
			createdAt: SEED_CREATED_AT,
			updatedAt: SEED_UPDATED_AT,
			modificationMetadata: {
				archivable: false,
				readOnlyDefinition: true,
				readOnlyValue: false,
				readOnlyOptions: false,
			},
		},
	};
}

// ---------------------------------------------------------------------------------------------
// OAuth token endpoint
// ---------------------------------------------------------------------------------------------

function oauthError(status: string, message: string): HttpError {
	return new HttpError(400, { ...errorBody('VALIDATION_ERROR', message), status });
}

function oauthToken(ctx: HandlerContext): EmulatorResponse {
	const form = (ctx.body ?? {}) as Record<string, string | undefined>;
	// Clients may also authenticate with HTTP Basic (client_id:client_secret).
	let clientId = form.client_id;
	let clientSecret = form.client_secret;
	const basic = /^Basic\s+(\S+)$/i.exec(String(ctx.headers.authorization ?? ''));
	if (basic && clientId === undefined) {
		const [id, ...secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
		clientId = decodeURIComponent(id);
		clientSecret = decodeURIComponent(secret.join(':'));
	}
	const grantType = form.grant_type;
	if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
		throw oauthError('BAD_GRANT_TYPE', `Unsupported grant_type: ${grantType ?? '(missing)'}`);
	}
	const client = clientId === undefined ? undefined : ctx.emulator.oauthClients.get(clientId);
	if (!client) throw oauthError('BAD_CLIENT_ID', 'missing or unknown client id');
	if (client.clientSecret !== clientSecret)
		throw oauthError('BAD_CLIENT_SECRET', 'missing or invalid client secret');

	if (grantType === 'authorization_code') {
		if (client.redirectUri !== undefined && form.redirect_uri !== client.redirectUri) {
			throw oauthError(
				'BAD_REDIRECT_URI',
				'redirect_uri does not match the one the authorization code was issued for',
			);
		}
		const codeOk =
			!!form.code &&
			(client.authorizationCode === undefined || form.code === client.authorizationCode) &&
			!ctx.emulator.usedAuthorizationCodes.has(form.code);
		if (!codeOk) throw oauthError('BAD_AUTH_CODE', 'missing or unknown auth code');
		ctx.emulator.usedAuthorizationCodes.add(form.code!);
	} else if (form.refresh_token !== client.refreshToken) {
		throw oauthError('BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
	}

	const issued = ctx.emulator.issueToken(client, grantType);
	return {
		status: 200,
		body: {
			access_token: issued.accessToken,
			refresh_token: client.refreshToken,
			expires_in: 1800,
			token_type: 'bearer',
			token_use: 'access_token',
			hub_id: 12345,
			scopes: issued.scopes,
			user_id: 9000001,
		},
	};
}

export function installDefaultHandlers(emu: HubspotEmulator): void {
	for (const v of SCHEDULER_VERSIONS)
		emu.handle(`POST /scheduler/${v}/meetings/calendar`, createCalendarMeeting);
	for (const base of OWNERS_BASES) {
		emu.handle(`GET ${base}`, listOwners);
		emu.handle(`GET ${base}/{ownerId}`, getOwner);
	}
	for (const t of PROPERTY_TEMPLATES) emu.handle(`GET ${t}`, getProperty);
	emu.handle('POST /oauth/2026-03/token', oauthToken); // also serves the /oauth/v1/token alias
	installFollowUpHandlers(emu);
}
