/**
 * The e2e suite's own workflows, built in code. Every HubSpot Scheduler node is given the package's
 * community-node type and a credential by scripts/lib/workflows.mjs (prepareWorkflow) before import.
 */
import {
	NODE_TYPE,
	OAUTH2_CREDENTIAL_TYPE,
	TOKEN_CREDENTIAL_TYPE,
	TOOL_NODE_TYPE,
} from '../../../scripts/lib/n8n.mjs';
import { stableId } from '../../../scripts/lib/workflows.mjs';

export const ADA = { ownerId: '100001', userId: '9000001' };
export const GRACE = { ownerId: '100002', userId: '9000002' };

const TOKEN = { [TOKEN_CREDENTIAL_TYPE]: { id: 'placeholder', name: 'placeholder' } };
const OAUTH2 = { [OAUTH2_CREDENTIAL_TYPE]: { id: 'placeholder', name: 'placeholder' } };

export function manualTrigger() {
	return {
		parameters: {},
		id: 'e2e-trigger',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
	};
}

/** Items from a JSON array: Set (raw JSON) -> Split Out. No Code node, so no task runner is involved. */
export function rows(rowsArray) {
	return [
		{
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows: rowsArray }), options: {} },
			id: 'e2e-rows',
			name: 'Rows',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
		},
		{
			parameters: { fieldToSplitOut: 'rows', options: {} },
			id: 'e2e-split',
			name: 'Split Rows',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [400, 0],
		},
	];
}

export function hubspot(
	name,
	parameters,
	{ credentials = TOKEN, onError, position = [600, 0] } = {},
) {
	const node = {
		parameters,
		id: `e2e-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		credentials: JSON.parse(JSON.stringify(credentials)),
	};
	if (onError) node.onError = onError;
	return node;
}

function chain(names) {
	const connections = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

export function workflow(name, nodes) {
	return {
		id: stableId(`e2e:${name}`),
		name: `e2e: ${name}`,
		nodes,
		connections: chain(nodes.map((n) => n.name)),
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** Rows for the "several items, all fields, expressions" create. */
export const CREATE_ROWS = [
	{
		title: 'Kick-off Acme',
		start: '2026-06-01T10:00:00',
		end: '2026-06-01T10:45:00',
		tz: 'Europe/Berlin',
		contacts: '501,502',
		attendees: [GRACE.ownerId],
	},
	{
		title: 'Demo Globex',
		start: '2026-06-02T09:30:00',
		end: '2026-06-02T10:00:00',
		tz: 'America/New_York',
		contacts: '502',
		attendees: [],
	},
	{
		title: 'Review Initech',
		start: '2026-06-03T15:00:00',
		end: '2026-06-03T16:00:00',
		tz: 'Asia/Tokyo',
		contacts: '503',
		attendees: ['100003', '100004'],
	},
];

export function createAllFields() {
	return workflow('create, all fields, several items, expressions', [
		manualTrigger(),
		...rows(CREATE_ROWS),
		hubspot('Create Meeting', {
			authentication: 'accessToken',
			resource: 'meeting',
			operation: 'createCalendarEvent',
			organizerUserId: {
				__rl: true,
				mode: 'list',
				value: ADA.userId,
				cachedResultName: 'Ada Lovelace (ada.lovelace@example.com)',
			},
			title: '={{ $json.title }}',
			startTime: '={{ $json.start }}',
			endTime: '={{ $json.end }}',
			timezone: '={{ $json.tz }}',
			ownerId: { __rl: true, mode: 'id', value: ADA.ownerId },
			associations: {
				association: [
					{ objectType: 'contact', recordIds: '={{ $json.contacts }}', label: 'default' },
					{ objectType: 'deal', recordIds: '9001', label: 'default' },
				],
			},
			reminders: {
				reminder: [
					{ amount: 1, unit: 'DAYS' },
					{ amount: 30, unit: 'MINUTES' },
				],
			},
			includeDescriptionInReminders: true,
			additionalFields: {
				attendeeOwnerIds: '={{ $json.attendees }}',
				body: '=Agenda for {{ $json.title }}',
				internalNotes: 'Created by the e2e suite',
				location: 'Room 4.02',
				locationType: 'ADDRESS',
				meetingType: 'DEMO',
				outcome: 'SCHEDULED',
			},
		}),
	]);
}

/** Three items; the second ends before it starts. With "continue" error handling the others still run. */
export const CONTINUE_ROWS = [
	{ title: 'Good one', start: '2026-07-01T10:00:00', end: '2026-07-01T10:30:00' },
	{ title: 'Bad one', start: '2026-07-01T11:00:00', end: '2026-07-01T10:00:00' },
	{ title: 'Good two', start: '2026-07-01T12:00:00', end: '2026-07-01T12:30:00' },
];

export function continueOnFail() {
	return workflow('continue on fail with a bad item', [
		manualTrigger(),
		...rows(CONTINUE_ROWS),
		hubspot(
			'Create Meeting',
			{
				authentication: 'accessToken',
				resource: 'meeting',
				operation: 'createCalendarEvent',
				organizerUserId: ADA.userId,
				title: '={{ $json.title }}',
				startTime: '={{ $json.start }}',
				endTime: '={{ $json.end }}',
				timezone: 'Europe/Berlin',
			},
			{ onError: 'continueRegularOutput' },
		),
	]);
}

/** A webhook that creates one meeting with the OAuth2 credential (runs inside `n8n start`). */
export const OAUTH_WEBHOOK_PATH = 'hubspot-e2e-oauth2';
export function oauthWebhook() {
	const wf = workflow('OAuth2 create via webhook', [
		{
			parameters: {
				httpMethod: 'POST',
				path: OAUTH_WEBHOOK_PATH,
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
			id: 'e2e-webhook',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'a7d4c1e2-5b6f-4e3a-9c8d-0e1f2a3b4c5d',
		},
		hubspot(
			'Create Meeting',
			{
				authentication: 'oAuth2',
				resource: 'meeting',
				operation: 'createCalendarEvent',
				organizerUserId: ADA.userId,
				title: '={{ $json.body.title }}',
				startTime: '={{ $json.body.start }}',
				endTime: '={{ $json.body.end }}',
				timezone: 'Europe/Berlin',
				associations: {
					association: [{ objectType: 'contact', recordIds: '501', label: 'default' }],
				},
			},
			{ credentials: OAUTH2, position: [300, 0] },
		),
	]);
	return wf;
}

/**
 * The node as an AI-agent tool: the generated "HubSpot Scheduler Tool" connected to an MCP Server Trigger,
 * its fields filled by $fromAI() — what an agent's tool call supplies (ids and ISO strings, no pickers).
 */
export const MCP_PATH = 'hubspot-e2e-mcp';
export function aiTool() {
	const tool = {
		parameters: {
			descriptionType: 'manual',
			toolDescription: 'Create a HubSpot calendar meeting',
			authentication: 'accessToken',
			resource: 'meeting',
			operation: 'createCalendarEvent',
			organizerUserId:
				"={{ $fromAI('organizerUserId', 'HubSpot user id of the organizer', 'string') }}",
			title: "={{ $fromAI('title', 'Meeting title', 'string') }}",
			startTime: "={{ $fromAI('start', 'Start, ISO 8601', 'string') }}",
			endTime: "={{ $fromAI('end', 'End, ISO 8601', 'string') }}",
			timezone: "={{ $fromAI('timezone', 'IANA timezone', 'string') }}",
			associations: {
				association: [
					{
						objectType: 'contact',
						recordIds: "={{ $fromAI('contactIds', 'Comma-separated contact ids', 'string') }}",
						label: 'default',
					},
				],
			},
		},
		id: 'e2e-tool',
		name: 'Create HubSpot meeting',
		type: TOOL_NODE_TYPE,
		typeVersion: 1,
		position: [200, 200],
		credentials: JSON.parse(JSON.stringify(TOKEN)),
	};
	return {
		id: stableId('e2e:ai tool via MCP'),
		name: 'e2e: AI tool via MCP server trigger',
		nodes: [
			{
				parameters: { path: MCP_PATH },
				id: 'e2e-mcp',
				name: 'MCP Server Trigger',
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b8e5d2f3-6c7a-4f4b-8d9e-1f2a3b4c5d6e',
			},
			tool,
		],
		connections: {
			[tool.name]: { ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
