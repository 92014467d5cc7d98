import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { DEFAULT_BASE_URL, OAUTH_TOKEN_URL } from '../nodes/HubspotScheduler/http/endpoints';

/**
 * Scopes that cover every call the node makes: contacts.write lets it create and book meetings,
 * contacts.read lets it read meetings and property options, owners.read fills the people pickers and
 * finds the organizer's owner record, meeting-link.read lists scheduling pages. `oauth` is in every HubSpot
 * app's required scopes (HubSpot adds it and it cannot be removed), and HubSpot refuses an authorization URL
 * that does not ask for all of them.
 */
const DEFAULT_SCOPES = [
	'oauth',
	'crm.objects.contacts.read',
	'crm.objects.contacts.write',
	'crm.objects.owners.read',
	'scheduler.meetings.meeting-link.read',
].join(' ');

export class HubspotSchedulerOAuth2Api implements ICredentialType {
	name = 'hubspotSchedulerOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HubSpot Scheduler OAuth2 API';

	icon: Icon = {
		light: 'file:../icons/hubspotScheduler.svg',
		dark: 'file:../icons/hubspotScheduler.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-hubspot-scheduler/n8n-nodes-hubspot-scheduler#oauth2';

	properties: INodeProperties[] = [
		{
			displayName:
				'In your HubSpot app, add n8n\'s OAuth Redirect URL (shown above) as a redirect URL, and make its required scopes exactly the ones listed in "Scope" below. HubSpot adds "oauth" to every app\'s required scopes, so "Scope" lists it too. HubSpot refuses the connection when the two lists differ.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://app.hubspot.com/oauth/authorize',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: OAUTH_TOKEN_URL,
			required: true,
		},
		{
			// n8n drops a saved value of a field named "scope" on OAuth2 credential types before it builds the
			// authorization URL, so what the user edits lives in its own field; the hidden `scope` below reads it.
			displayName: 'Scope',
			name: 'requiredScopes',
			type: 'string',
			default: DEFAULT_SCOPES,
			description:
				'Space-separated scopes to request; they must match the required scopes of your HubSpot app, oauth included. The default covers every operation of the node; if your app uses another write scope (e.g. crm.objects.deals.write), list that one instead.',
		},
		{
			displayName: 'Scope (Sent to HubSpot)',
			name: 'scope',
			type: 'hidden',
			default: '={{ String($self["requiredScopes"] || "").trim() }}',
		},
		{
			displayName: 'Optional Scopes',
			name: 'optionalScopes',
			type: 'string',
			default: '',
			placeholder: 'e.g. crm.objects.deals.write tickets',
			description:
				'Space-separated scopes your HubSpot app lists as optional. HubSpot grants them when the installing account has them and ignores them otherwise.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default:
				'={{ $self["optionalScopes"] ? "optional_scope=" + encodeURIComponent(String($self["optionalScopes"]).trim()) : "" }}',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
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
}
