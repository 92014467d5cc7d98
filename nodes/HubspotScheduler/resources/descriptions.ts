import type { IDisplayOptions, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { APP_CREDENTIAL_TYPE, SERVICE_CREDENTIAL_TYPE } from '../http/endpoints';

/** Pieces of field descriptions every resource uses. */

/** Shows a field for some operations of a resource. */
export function showFor(resource: string, ...operation: string[]): IDisplayOptions {
	return { show: { resource: [resource], operation } };
}

/** A "Timezone" dropdown (IANA names, the workflow's first); each use adds a hint saying what it is the timezone of. */
export const TIMEZONE_FIELD: INodeProperties = {
	displayName: 'Timezone Name or ID',
	name: 'timezone',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTimezones' },
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

/** The two credentials both nodes offer, each shown by the Authentication choice below. */
export const HUBSPOT_CREDENTIALS: INodeCredentialDescription[] = [
	{
		name: APP_CREDENTIAL_TYPE,
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
	{
		name: SERVICE_CREDENTIAL_TYPE,
		required: true,
		displayOptions: { show: { authentication: ['accessToken'] } },
	},
];
