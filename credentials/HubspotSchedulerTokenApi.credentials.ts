import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import {
	BASE_URL_EXPRESSION,
	DEFAULT_BASE_URL,
	OWNERS_PATH,
} from '../nodes/HubspotScheduler/http/endpoints';

export class HubspotSchedulerTokenApi implements ICredentialType {
	name = 'hubspotSchedulerTokenApi';

	displayName = 'HubSpot Scheduler Access Token API';

	icon: Icon = {
		light: 'file:../icons/hubspotScheduler.svg',
		dark: 'file:../icons/hubspotScheduler.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-hubspot-scheduler/n8n-nodes-hubspot-scheduler#service-key-or-private-app-token';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A HubSpot service key, or the access token of a legacy private app. Give it the scopes crm.objects.contacts.read, crm.objects.contacts.write, crm.objects.owners.read and scheduler.meetings.meeting-link.read.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				"HubSpot's API address. Change it only to point the node at a local HubSpot emulator or sandbox.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: OWNERS_PATH,
			qs: { limit: 1 },
			method: 'GET',
		},
	};
}
