/**
 * The workload both nodes run: N "create calendar meeting" items, and the node parameters that make
 * our node and n8n's HTTP Request node send the same request for each of them.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

/** Seeded emulator data (test/emulator/seed.ts): owner 100001 is HubSpot user 9000001. */
export const ORGANIZER_USER_ID = '9000001';
export const OWNER_ID = '100001';
export const SERVICE_KEY = 'pat-na1-bench-service-key-0001';
export const CREATE_PATH = '/scheduler/2026-03/meetings/calendar';
export const CREATE_ROUTE = `POST ${CREATE_PATH}`;

export type VariantName = 'ours' | 'http-default' | 'http-tuned';

export const VARIANT_LABEL: Record<VariantName, string> = {
	ours: 'HubSpot Scheduler (ours)',
	'http-default': 'HTTP Request, defaults',
	'http-tuned': 'HTTP Request, batching tuned',
};

const BASE_START = Date.parse('2026-07-01T08:00:00.000Z');
const SLOT_MS = 30 * 60_000;

export interface BenchItem extends IDataObject {
	i: number;
	title: string;
	/** Local wall-clock time in the item's timezone (UTC here), as a user would type it. */
	start: string;
	end: string;
	/** The same instants as ISO UTC, what HubSpot receives. */
	startUtc: string;
	endUtc: string;
}

/** `prefix` keeps warm-up items apart from measured ones. */
export function makeItems(n: number, prefix = 'Bench meeting'): BenchItem[] {
	const items: BenchItem[] = [];
	for (let i = 0; i < n; i++) {
		const start = new Date(BASE_START + i * SLOT_MS).toISOString();
		const end = new Date(BASE_START + i * SLOT_MS + SLOT_MS).toISOString();
		items.push({
			i,
			title: `${prefix} #${i}`,
			start: start.slice(0, 19),
			end: end.slice(0, 19),
			startUtc: start,
			endUtc: end,
		});
	}
	return items;
}

/** The idempotency-relevant key of a create: organizer + title + start. */
export function idempotencyKey(organizer: string, title: unknown, start: unknown): string {
	return `${organizer}|${String(title)}|${String(start)}`;
}

export function itemKey(item: BenchItem): string {
	return idempotencyKey(ORGANIZER_USER_ID, item.title, item.startUtc);
}

/** The body our node builds for an item (checked against the real request in the parity check). */
export function expectedBody(item: BenchItem): IDataObject {
	return {
		properties: {
			hs_meeting_title: item.title,
			hs_meeting_start_time: item.startUtc,
			hs_meeting_end_time: item.endUtc,
			hs_timestamp: item.startUtc,
			hs_meeting_outcome: 'SCHEDULED',
			hubspot_owner_id: OWNER_ID,
		},
		associations: [],
		emailReminderSchedule: { reminders: [], shouldIncludeInviteDescription: false },
		timezone: 'UTC',
	};
}

/** Our node: Create Calendar Event with the minimal fields, values from the item by expression. */
export function ourParameters(): INodeParameters {
	return {
		authentication: 'accessToken',
		resource: 'meeting',
		operation: 'createCalendarEvent',
		organizerUserId: ORGANIZER_USER_ID,
		ownerId: OWNER_ID,
		title: '={{ $json.title }}',
		startTime: '={{ $json.start }}',
		endTime: '={{ $json.end }}',
		timezone: 'UTC',
	};
}

/**
 * HTTP Request node (v4.x = HttpRequestV3 class): the same POST, JSON body written the way a user
 * writes it in the editor (a JSON template with expressions), Bearer token through a Header Auth
 * credential. `batching` undefined = the node's defaults (no batching).
 */
export function httpParameters(
	baseUrl: string,
	batching?: { batchSize: number; batchInterval: number },
): INodeParameters {
	const jsonBody = `={
  "properties": {
    "hs_meeting_title": {{ JSON.stringify($json.title) }},
    "hs_meeting_start_time": "{{ $json.startUtc }}",
    "hs_meeting_end_time": "{{ $json.endUtc }}",
    "hs_timestamp": "{{ $json.startUtc }}",
    "hs_meeting_outcome": "SCHEDULED",
    "hubspot_owner_id": "${OWNER_ID}"
  },
  "associations": [],
  "emailReminderSchedule": { "reminders": [], "shouldIncludeInviteDescription": false },
  "timezone": "UTC"
}`;
	return {
		method: 'POST',
		url: `${baseUrl}${CREATE_PATH}`,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		sendQuery: true,
		queryParameters: { parameters: [{ name: 'organizerUserId', value: ORGANIZER_USER_ID }] },
		sendBody: true,
		contentType: 'json',
		specifyBody: 'json',
		jsonBody,
		options: batching ? { batching: { batch: batching } } : {},
	};
}
