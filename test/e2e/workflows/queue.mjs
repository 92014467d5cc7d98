/** The workflow `npm run test:queue` loads: one webhook call creates one meeting per row it carries. */
import { NODE_TYPE, TOKEN_CREDENTIAL_TYPE } from '../../../scripts/lib/n8n.mjs';
import { prepareWorkflow, stableId } from '../../../scripts/lib/workflows.mjs';

/** Webhook (POST { rows }) → Split Out → Create Calendar Event for each row, with the service-key credential. */
export function queueWorkflow({ webhookPath, credential: CRED }) {
	return prepareWorkflow(
		{
			id: stableId('queue:create'),
			name: 'queue: create meetings from a webhook',
			nodes: [
				{
					parameters: {
						httpMethod: 'POST',
						path: webhookPath,
						responseMode: 'lastNode',
						responseData: 'allEntries',
						options: {},
					},
					id: 'q-webhook',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'c9f6e3a4-7d8b-4a5c-9e0f-2a3b4c5d6e7f',
				},
				{
					parameters: { fieldToSplitOut: 'body.rows', options: {} },
					id: 'q-split',
					name: 'Split Rows',
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					position: [200, 0],
				},
				{
					parameters: {
						authentication: 'accessToken',
						resource: 'meeting',
						operation: 'createCalendarEvent',
						organizerUserId: '9000001',
						title: '={{ $json.title }}',
						startTime: '={{ $json.start }}',
						endTime: '={{ $json.end }}',
						timezone: 'Europe/Berlin',
					},
					id: 'q-create',
					name: 'Create Meeting',
					type: NODE_TYPE,
					typeVersion: 1,
					position: [400, 0],
					credentials: { [TOKEN_CREDENTIAL_TYPE]: CRED },
				},
			],
			connections: {
				Webhook: { main: [[{ node: 'Split Rows', type: 'main', index: 0 }]] },
				'Split Rows': { main: [[{ node: 'Create Meeting', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		},
		{ key: 'queue', credentials: { token: CRED } },
	);
}
