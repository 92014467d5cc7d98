/**
 * CRM search over meetings (`POST /crm/objects/2026-03/meetings/search`), batch read with property
 * history (`…/meetings/batch/read`), contacts by id (`…/contacts/batch/read`): what the trigger polls.
 *
 * HubSpot's semantics, as documented: filter groups OR'ed, filters inside a group AND'ed, one sort
 * ("prop" ascending, "-prop" descending), `limit` at most 200, `after` an offset cursor that cannot pass
 * 10,000 results, `total` the count of all matches; about 5 searches a second per account (more → 429);
 * a record shows up in search only `indexLagMs` after it was written (earlier writes stay visible).
 */
import type { HandlerContext, HubspotEmulator } from './emulator';
import { HttpError, errorBody, validationError, type EmulatorResponse } from './errors';
import { crmMeetingState } from './crmMeetings';
import { HUBSPOT_DEFINED_MEETING_ASSOCIATIONS } from './seed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type StoredMeeting = any;

export interface HistoryEntry {
	value: string;
	timestamp: string;
}

/** What search sees of a meeting: its properties as of a write, visible from `at + indexLagMs`. */
interface IndexedVersion {
	at: number;
	properties: Record<string, string>;
}

export interface SearchState {
	/** How long after a write search shows it (HubSpot: a few seconds). Tests may change it. */
	indexLagMs: number;
	/** Searches allowed per second per access token (HubSpot: about 5). */
	searchesPerSecond: number;
	/** Results one query can page through (HubSpot: 10,000). Tests lower it to exercise the cap. */
	resultCap: number;
	/** Property history of meetings, by stored meeting and property (oldest first); by object, so reset() forgets it. */
	history: WeakMap<object, Record<string, HistoryEntry[]>>;
	/** What search sees, by stored meeting (oldest first); meetings never edited are indexed at creation. */
	versions: WeakMap<object, IndexedVersion[]>;
	/** The account's contacts: id → email. */
	contacts: Map<string, string>;
	/** receivedAt of searches by token, for the per-second limit. */
	searchTimes: Map<string, number[]>;
	/** Searches answered 429 because of the per-second limit. */
	searchRateLimited: number;
}

const states = new WeakMap<HubspotEmulator, SearchState>();

export function searchState(emulator: HubspotEmulator): SearchState {
	let state = states.get(emulator);
	if (!state) {
		state = {
			indexLagMs: 0,
			searchesPerSecond: 5,
			resultCap: 10_000,
			history: new WeakMap(),
			versions: new WeakMap(),
			contacts: new Map([
				['501', 'jane.doe@acme.example'],
				['502', 'john.smith@globex.example'],
				['503', 'maria.garcia@initech.example'],
			]),
			searchTimes: new Map(),
			searchRateLimited: 0,
		};
		states.set(emulator, state);
	}
	return state;
}

const DATE_PROPERTIES = new Set([
	'hs_createdate',
	'hs_lastmodifieddate',
	'hs_meeting_start_time',
	'hs_meeting_end_time',
	'hs_timestamp',
]);

function asString(value: unknown): string {
	if (Array.isArray(value)) return value.map(String).join(';');
	return value === null || value === undefined ? '' : String(value);
}

/** Every property of a stored meeting as HubSpot's CRM shows it (strings; the date ones included). */
export function currentProperties(meeting: StoredMeeting): Record<string, string> {
	const all: Record<string, string> = {
		hs_createdate: meeting.createdAt,
		hs_lastmodifieddate: meeting.lastUpdatedAt,
		hs_object_id: meeting.id,
	};
	for (const [name, value] of Object.entries(meeting.properties as Record<string, unknown>)) {
		if (value !== undefined && value !== null) all[name] = asString(value);
	}
	return all;
}

/** Every live meeting: created through the calendar endpoint or added by a test, and the seeded ones. */
function liveMeetings(emulator: HubspotEmulator): StoredMeeting[] {
	const crm = crmMeetingState(emulator);
	return [...emulator.meetings.values(), ...crm.seeded.values()].filter(
		(meeting) => !crm.archivedRecords.has(meeting),
	);
}

/**
 * Records a write of `meeting` (at its lastUpdatedAt): a new version for search and a history entry for
 * each property whose value changed. Called by the PATCH handler and by `addMeeting`.
 */
export function recordWrite(
	emulator: HubspotEmulator,
	meeting: StoredMeeting,
	changed: string[],
): void {
	const state = searchState(emulator);
	const at = Date.parse(meeting.lastUpdatedAt);
	const properties = currentProperties(meeting);
	const versions = state.versions.get(meeting) ?? [
		{ at: Date.parse(meeting.createdAt), properties: { ...properties } },
	];
	versions.push({ at, properties });
	state.versions.set(meeting, versions);
	const history = historyOf(emulator, meeting);
	for (const name of changed) {
		const value = properties[name];
		if (value !== undefined)
			(history[name] ??= []).push({ value, timestamp: meeting.lastUpdatedAt });
	}
}

/** The meeting's property history; a property never written since creation has its creation value. */
function historyOf(
	emulator: HubspotEmulator,
	meeting: StoredMeeting,
): Record<string, HistoryEntry[]> {
	const state = searchState(emulator);
	let history = state.history.get(meeting);
	if (!history) {
		history = {};
		const initial = state.versions.get(meeting)?.[0]?.properties ?? currentProperties(meeting);
		for (const [name, value] of Object.entries(initial))
			history[name] = [{ value, timestamp: meeting.createdAt }];
		state.history.set(meeting, history);
	}
	return history;
}

/** A meeting as a test (or the sandbox) creates it in the CRM, with any properties; returns its id. */
export function addMeeting(
	emulator: HubspotEmulator,
	properties: Record<string, unknown>,
	{
		createdAt = new Date(),
		associatedContactIds = [],
	}: { createdAt?: Date; associatedContactIds?: string[] } = {},
): string {
	const id = emulator.nextMeetingId();
	const iso = createdAt.toISOString();
	const meeting = {
		id,
		createdAt: iso,
		lastUpdatedAt: iso,
		properties: { ...properties },
		requestBody: {
			associations: associatedContactIds.map((contactId) => ({
				to: { id: contactId },
				types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }],
			})),
		},
	};
	emulator.meetings.set(id, meeting);
	return id;
}

/** Changes properties of a meeting the way a HubSpot user would (history and search index follow). */
export function editMeeting(
	emulator: HubspotEmulator,
	id: string,
	properties: Record<string, string>,
	at = new Date(),
): void {
	const meeting = emulator.meetings.get(id) ?? crmMeetingState(emulator).seeded.get(id);
	if (!meeting) throw new Error(`no meeting ${id}`);
	historyOf(emulator, meeting);
	Object.assign(meeting.properties, properties);
	meeting.lastUpdatedAt = at.toISOString();
	recordWrite(emulator, meeting, Object.keys(properties));
}

/** What search shows of a meeting now: its newest version already indexed, or nothing yet. */
function indexedProperties(
	emulator: HubspotEmulator,
	meeting: StoredMeeting,
	now: number,
): Record<string, string> | undefined {
	const state = searchState(emulator);
	const versions = state.versions.get(meeting) ?? [
		{ at: Date.parse(meeting.createdAt), properties: currentProperties(meeting) },
	];
	const visible = versions.filter((version) => version.at + state.indexLagMs <= now);
	return visible[visible.length - 1]?.properties;
}

interface Filter {
	propertyName: string;
	operator: string;
	value?: string;
	highValue?: string;
	values?: string[];
}

function comparable(name: string, value: string | undefined): number | string | undefined {
	if (value === undefined) return undefined;
	if (!DATE_PROPERTIES.has(name))
		return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value.toLowerCase();
	return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

/** The records a meeting is associated with, by object type (`contact`, `company`, …): search's `associations.<type>`. */
function associatedIds(meeting: StoredMeeting): Record<string, string[]> {
	const ids: Record<string, string[]> = {};
	for (const association of meeting.requestBody?.associations ?? []) {
		for (const type of association.types ?? []) {
			const kind =
				type.associationCategory === 'HUBSPOT_DEFINED'
					? HUBSPOT_DEFINED_MEETING_ASSOCIATIONS[type.associationTypeId]
					: undefined;
			if (kind) (ids[kind] ??= []).push(String(association.to.id));
		}
	}
	return ids;
}

/** HubSpot's `associations.<type>` pseudo-property: EQ / IN an associated record's id. */
function matchesAssociation(meeting: StoredMeeting, filter: Filter): boolean {
	const ids = associatedIds(meeting)[filter.propertyName.slice('associations.'.length)] ?? [];
	switch (filter.operator) {
		case 'EQ':
			return ids.includes(String(filter.value));
		case 'IN':
			return (filter.values ?? []).some((value) => ids.includes(String(value)));
		case 'HAS_PROPERTY':
			return ids.length > 0;
		case 'NOT_HAS_PROPERTY':
			return ids.length === 0;
		default:
			throw validationError(
				`Operator ${filter.operator} is not supported for ${filter.propertyName}`,
				[{ in: 'filterGroups', message: 'unsupported operator' }],
			);
	}
}

function matches(
	properties: Record<string, string>,
	filter: Filter,
	meeting?: StoredMeeting,
): boolean {
	const { propertyName: name, operator } = filter;
	if (name.startsWith('associations.')) return matchesAssociation(meeting, filter);
	const actual = properties[name] === '' ? undefined : properties[name];
	const have = comparable(name, actual);
	const want = comparable(name, filter.value);
	const list = (filter.values ?? []).map((value) => comparable(name, value));
	switch (operator) {
		case 'HAS_PROPERTY':
			return have !== undefined;
		case 'NOT_HAS_PROPERTY':
			return have === undefined;
		case 'EQ':
			return have !== undefined && have === want;
		case 'NEQ':
			return have !== want;
		case 'IN':
			return have !== undefined && list.includes(have);
		case 'NOT_IN':
			return have === undefined || !list.includes(have);
		case 'LT':
			return have !== undefined && want !== undefined && have < want;
		case 'LTE':
			return have !== undefined && want !== undefined && have <= want;
		case 'GT':
			return have !== undefined && want !== undefined && have > want;
		case 'GTE':
			return have !== undefined && want !== undefined && have >= want;
		case 'BETWEEN': {
			const high = comparable(name, filter.highValue);
			return (
				have !== undefined &&
				want !== undefined &&
				high !== undefined &&
				have >= want &&
				have <= high
			);
		}
		case 'CONTAINS_TOKEN':
			return (
				typeof have === 'string' && typeof want === 'string' && have.split(/[\s;]+/).includes(want)
			);
		case 'NOT_CONTAINS_TOKEN':
			return !(
				typeof have === 'string' &&
				typeof want === 'string' &&
				have.split(/[\s;]+/).includes(want)
			);
		default:
			return false;
	}
}

function publicRecord(
	meeting: StoredMeeting,
	properties: Record<string, string>,
	wanted: string[],
): Record<string, unknown> {
	const shown: Record<string, string> = {};
	for (const name of [
		...new Set(['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', ...wanted]),
	]) {
		if (properties[name] !== undefined) shown[name] = properties[name];
	}
	return {
		id: String(meeting.id),
		properties: shown,
		createdAt: meeting.createdAt,
		updatedAt: properties.hs_lastmodifieddate ?? meeting.lastUpdatedAt,
		archived: false,
	};
}

/** HubSpot's search limit: about 5 a second per account (here: per token). */
function checkSearchRate(ctx: HandlerContext, state: SearchState): void {
	const token = ctx.token?.token ?? 'anonymous';
	const now = ctx.request.receivedAt;
	const recent = (state.searchTimes.get(token) ?? []).filter((at) => at > now - 1000);
	if (recent.length >= state.searchesPerSecond) {
		state.searchRateLimited++;
		throw new HttpError(
			429,
			errorBody('RATE_LIMITS', 'You have reached your secondly limit.', {
				errorType: 'RATE_LIMIT',
				policyName: 'SECONDLY',
			}),
		);
	}
	recent.push(now);
	state.searchTimes.set(token, recent);
}

function searchMeetings(ctx: HandlerContext): EmulatorResponse {
	const state = searchState(ctx.emulator);
	checkSearchRate(ctx, state);
	const body = ctx.body as {
		filterGroups: { filters: Filter[] }[];
		sorts: string[];
		properties: string[];
		limit: number;
		after: string;
	};
	if (body.limit < 1 || body.limit > 200)
		throw validationError(`limit must be between 1 and 200 (got ${body.limit})`, [
			{ in: 'limit', message: 'at most 200' },
		]);
	if (body.filterGroups.length > 5)
		throw validationError('At most 5 filterGroups are allowed', [
			{ in: 'filterGroups', message: 'too many' },
		]);
	const filterCount = body.filterGroups.reduce((n, group) => n + group.filters.length, 0);
	if (filterCount > 18)
		throw validationError('At most 18 filters are allowed in all', [
			{ in: 'filterGroups', message: 'too many filters' },
		]);
	if (body.sorts.length > 1)
		throw validationError('Only one sort is allowed', [{ in: 'sorts', message: 'one sort' }]);
	const offset = body.after === '' ? 0 : Number(body.after);
	if (!Number.isInteger(offset) || offset < 0)
		throw validationError(`Invalid after cursor: ${body.after}`, [
			{ in: 'after', message: 'not a cursor' },
		]);
	if (offset >= state.resultCap) {
		throw validationError(
			`Search can page through ${state.resultCap} results at most; narrow the query`,
			[{ in: 'after', message: 'beyond the result cap' }],
		);
	}
	const now = Date.now();
	const found = liveMeetings(ctx.emulator)
		.map((meeting) => ({ meeting, properties: indexedProperties(ctx.emulator, meeting, now) }))
		.filter(
			(entry): entry is { meeting: StoredMeeting; properties: Record<string, string> } =>
				entry.properties !== undefined,
		)
		.filter(
			({ meeting, properties }) =>
				body.filterGroups.length === 0 ||
				body.filterGroups.some((group) =>
					group.filters.every((filter) => matches(properties, filter, meeting)),
				),
		);
	const sort = body.sorts[0];
	if (sort) {
		const descending = sort.startsWith('-');
		const name = descending ? sort.slice(1) : sort;
		found.sort((a, b) => {
			const x = comparable(name, a.properties[name]);
			const y = comparable(name, b.properties[name]);
			const order =
				x === y
					? Number(a.meeting.id) - Number(b.meeting.id)
					: x === undefined
						? 1
						: y === undefined
							? -1
							: x < y
								? -1
								: 1;
			return descending && x !== y ? -order : order;
		});
	}
	const page = found.slice(offset, Math.min(offset + body.limit, state.resultCap));
	const response: Record<string, unknown> = {
		total: found.length,
		results: page.map(({ meeting, properties }) =>
			publicRecord(meeting, properties, body.properties),
		),
	};
	if (offset + body.limit < Math.min(found.length, state.resultCap))
		response.paging = { next: { after: String(offset + body.limit) } };
	return { status: 200, body: response };
}

function batchReadMeetings(ctx: HandlerContext): EmulatorResponse {
	const body = ctx.body as {
		inputs: { id: string }[];
		properties: string[];
		propertiesWithHistory: string[];
	};
	if (body.inputs.length > 100)
		throw validationError('At most 100 inputs', [{ in: 'inputs', message: 'too many' }]);
	const startedAt = new Date().toISOString();
	const byId = new Map(liveMeetings(ctx.emulator).map((meeting) => [String(meeting.id), meeting]));
	const results = body.inputs
		.map(({ id }) => byId.get(String(id)))
		.filter((meeting) => meeting !== undefined)
		.map((meeting) => {
			const record = publicRecord(meeting, currentProperties(meeting), body.properties);
			if (body.propertiesWithHistory.length) {
				const history = historyOf(ctx.emulator, meeting);
				const withHistory: Record<string, unknown[]> = {};
				// HubSpot lists history newest first.
				for (const name of body.propertiesWithHistory) {
					withHistory[name] = [...(history[name] ?? [])]
						.reverse()
						.map((entry) => ({ ...entry, sourceType: 'CRM_UI' }));
				}
				record.propertiesWithHistory = withHistory;
			}
			return record;
		});
	return {
		status: 200,
		body: { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() },
	};
}

function batchReadContacts(ctx: HandlerContext): EmulatorResponse {
	const body = ctx.body as { inputs: { id: string }[]; properties: string[] };
	const contacts = searchState(ctx.emulator).contacts;
	const startedAt = new Date().toISOString();
	const results = body.inputs
		.filter(({ id }) => contacts.has(String(id)))
		.map(({ id }) => ({
			id: String(id),
			properties: body.properties.includes('email')
				? { email: contacts.get(String(id)) as string, hs_object_id: String(id) }
				: { hs_object_id: String(id) },
			createdAt: '2026-01-05T08:00:00.000Z',
			updatedAt: '2026-01-05T08:00:00.000Z',
			archived: false,
		}));
	return {
		status: 200,
		body: { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() },
	};
}

export function installSearchHandlers(emu: HubspotEmulator): void {
	emu.handle('POST /crm/objects/2026-03/meetings/search', searchMeetings);
	emu.handle('POST /crm/objects/2026-03/meetings/batch/read', batchReadMeetings);
	emu.handle('POST /crm/objects/2026-03/contacts/batch/read', batchReadContacts);
}
