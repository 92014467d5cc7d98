'use strict';
class FixtureTokenApi {
	constructor() {
		this.name = 'fixtureTokenApi';
		this.displayName = 'Fixture Token API';
		this.documentationUrl = 'https://example.com/docs';
		this.properties = [
			{
				displayName: 'Access Token',
				name: 'accessToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
			},
			{
				displayName: 'Base URL',
				name: 'baseUrl',
				type: 'string',
				default: 'https://api.example.com',
			},
		];
		this.authenticate = {
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
		};
		this.test = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/me' } };
	}
}
exports.FixtureTokenApi = FixtureTokenApi;
