'use strict';
class FixtureOAuth2Api {
	constructor() {
		this.name = 'fixtureOAuth2Api';
		this.extends = ['oAuth2Api'];
		this.displayName = 'Fixture OAuth2 API';
		this.documentationUrl = 'https://example.com/docs';
		this.properties = [
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
				default: 'https://auth.example.com/authorize',
			},
			{
				displayName: 'Access Token URL',
				name: 'accessTokenUrl',
				type: 'hidden',
				default: 'https://auth.example.com/token',
			},
			{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'things.write' },
			{
				displayName: 'Auth URI Query Parameters',
				name: 'authQueryParameters',
				type: 'hidden',
				default: '',
			},
			{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
			{
				displayName: 'Base URL',
				name: 'baseUrl',
				type: 'string',
				default: 'https://api.example.com',
			},
		];
	}
}
exports.FixtureOAuth2Api = FixtureOAuth2Api;
