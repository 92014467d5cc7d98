import {
	NodeConnectionTypes,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { meetingDescription } from './resources/meeting';
import { meetingLinkDescription } from './resources/meetingLink';
import { DEFAULT_BASE_URL } from './http/endpoints';
import { HUBSPOT_CREDENTIALS } from './resources/descriptions';
import { listSearchMethods } from './methods/listSearch';
import { loadOptionsMethods } from './methods/loadOptions';

/** The canvas subtitle: the operation's action in words ("Create a calendar event"), not its internal value. */
const OPERATION_SUBTITLE = `={{ (${JSON.stringify(
	Object.fromEntries(
		[...meetingDescription, ...meetingLinkDescription]
			.filter((property) => property.name === 'operation')
			.flatMap((property) => (property.options ?? []) as INodePropertyOptions[])
			.map((option) => [option.value, option.action ?? option.name]),
	),
)})[$parameter["operation"]] ?? $parameter["operation"] }}`;

export class HubspotScheduler implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Scheduler',
		name: 'hubspotScheduler',
		icon: {
			light: 'file:../../icons/hubspotScheduler.svg',
			dark: 'file:../../icons/hubspotScheduler.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		// The editor's Docs link; taken as it is (the codex link would get "?utm_…" after its "#").
		documentationUrl:
			'https://github.com/n8n-nodes-hubspot-scheduler/n8n-nodes-hubspot-scheduler#readme',
		description:
			'Schedule real HubSpot calendar meetings with invitations, reminders and CRM associations',
		defaults: {
			name: 'HubSpot Scheduler',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: HUBSPOT_CREDENTIALS,
		requestDefaults: {
			// A constant: the credential's Base URL is applied once per run (http/credentialBaseUrl.ts).
			baseURL: DEFAULT_BASE_URL,
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
			},
			json: true,
		},
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'OAuth2', value: 'oAuth2' },
					{ name: 'Service Key or Private App Token', value: 'accessToken' },
				],
				default: 'oAuth2',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Meeting', value: 'meeting' },
					{ name: 'Meeting Link', value: 'meetingLink' },
				],
				default: 'meeting',
			},
			...meetingDescription,
			...meetingLinkDescription,
		],
	};

	// Dropdowns and locator lists only; with requestDefaults above and no execute(), the node still runs declaratively.
	methods = { loadOptions: loadOptionsMethods, listSearch: listSearchMethods };
}
