/**
 * The canvas subtitle, evaluated by n8n-workflow's own expression engine as the editor evaluates it: the
 * operation's action in words, the same words as the action in the node panel.
 */
import type { INode, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { loadPackage, REPO_ROOT } from '../../harness/package-types';

async function subtitleFor(resource: string, operation: string) {
	const pkg = await loadPackage(REPO_ROOT);
	const typeName = pkg.nodeTypeNames.find((name) => name.endsWith('.hubspotScheduler'))!;
	const nodeType = pkg.nodeTypes.getByNameAndVersion(typeName) as INodeType;
	const node: INode = {
		id: '1',
		name: 'HubSpot Scheduler',
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource, operation },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: pkg.nodeTypes,
	});
	const subtitle = workflow.expression.getSimpleParameterValue(
		node,
		nodeType.description.subtitle,
		'internal',
		{},
	);
	const action = nodeType.description.properties
		.filter(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource),
		)
		.flatMap((property) => property.options as INodePropertyOptions[])
		.find((option) => option.value === operation)?.action;
	return { subtitle, action };
}

test.each([
	['meeting', 'createCalendarEvent', 'Create a calendar event'],
	['meeting', 'get', 'Get a meeting'],
	['meeting', 'update', 'Update a meeting'],
	['meeting', 'delete', 'Delete a meeting'],
	['meetingLink', 'book', 'Book a meeting'],
	['meetingLink', 'getAvailability', 'Get availability of a meeting link'],
	['meetingLink', 'getBookingInfo', 'Get booking info of a meeting link'],
	['meetingLink', 'getMany', 'Get many meeting links'],
])('%s → %s: the subtitle is the action in words', async (resource, operation, words) => {
	const { subtitle, action } = await subtitleFor(resource, operation);
	expect(subtitle).toBe(words);
	expect(action).toBe(words);
});
