/**
 * The example workflows in examples/ stay runnable: our node's parameters from each file run through the
 * engine against the emulator, fed with what the example's Code node returns. (test:e2e runs the same
 * files in a real n8n.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { REPO_ROOT, runNode } from '../harness/engine';
import type { HubspotEmulator } from '../emulator';
import { calendarCreates, serviceKeyCredential } from './fixtures';
import { useFileEmulator } from './suite';

interface WorkflowFile {
	name: string;
	settings?: { timezone?: string };
	nodes: Array<{ name: string; type: string; parameters: INodeParameters; onError?: string }>;
}

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const examples = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json'));
const readExample = (file: string) =>
	JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as WorkflowFile;
/** The examples that create meetings; availability-to-book.json is run in meetingLink/availabilityToBook.test.ts. */
const createExamples = examples.filter((file) =>
	readExample(file).nodes.some((node) => node.parameters.operation === 'createCalendarEvent'),
);

let emulator: HubspotEmulator;
useFileEmulator((started) => (emulator = started), {
	specCheckEachTest: true,
});

test('there are at least three examples', () => expect(examples.length).toBeGreaterThanOrEqual(3));

test.each(createExamples)('%s creates its meetings', async (file) => {
	const workflow = readExample(file);
	const ours = workflow.nodes.filter(
		(node) => node.type === 'n8n-nodes-hubspot-scheduler.hubspotScheduler',
	);
	expect(ours).toHaveLength(1);
	const codeNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.code');
	// The Code node's script is ours (examples/), so running it here is running the example.
	const items = codeNode
		? (new Function(String(codeNode.parameters.jsCode))() as Array<{ json: IDataObject }>).map(
				(item) => item.json,
			)
		: [{}];

	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		parameters: ours[0].parameters,
		items,
		timezone: workflow.settings?.timezone,
		continueOnFail: ours[0].onError === 'continueRegularOutput',
	});
	expect(result.error).toBeUndefined();
	expect(result.items.filter((item) => item.error)).toEqual([]);
	expect(calendarCreates(emulator).filter((request) => request.status === 200)).toHaveLength(
		items.length,
	);
	expect(result.items.every((item) => typeof item.json.calendarEventUrl === 'string')).toBe(true);
});
