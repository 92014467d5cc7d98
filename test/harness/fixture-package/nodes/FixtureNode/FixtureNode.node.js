'use strict';
// Hand-written declarative node for the harness self-test (mirrors what tsc emits for a real node).
class FixtureNode {
	constructor() {
		this.description = {
			displayName: 'Harness Fixture',
			name: 'harnessFixture',
			group: ['transform'],
			version: 1,
			description: 'Creates things on the test server',
			defaults: { name: 'Harness Fixture' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [
				{
					name: 'fixtureTokenApi',
					required: true,
					displayOptions: { show: { authentication: ['token'] } },
				},
				{
					name: 'fixtureOAuth2Api',
					required: true,
					displayOptions: { show: { authentication: ['oAuth2'] } },
				},
			],
			requestDefaults: {
				baseURL: '={{$credentials.baseUrl}}',
				headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			},
			properties: [
				{
					displayName: 'Authentication',
					name: 'authentication',
					type: 'options',
					options: [
						{ name: 'Access Token', value: 'token' },
						{ name: 'OAuth2', value: 'oAuth2' },
					],
					default: 'token',
				},
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					noDataExpression: true,
					options: [
						{
							name: 'Create',
							value: 'create',
							action: 'Create a thing',
							routing: { request: { method: 'POST', url: '/things' } },
						},
					],
					default: 'create',
				},
				{
					displayName: 'Title',
					name: 'title',
					type: 'string',
					default: '',
					required: true,
					displayOptions: { show: { operation: ['create'] } },
					routing: { send: { type: 'body', property: 'title' } },
				},
			],
		};
	}
}
exports.FixtureNode = FixtureNode;
