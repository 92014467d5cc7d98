/**
 * Issue 11 #6: errors the node finds itself (bad input, a look-up's refusal, a wait too long) are
 * operation errors when they fail the node, not RoutingNode's NodeApiError with httpCode 'none' (which the
 * editor showed as "Error code: none"); with continue-on-fail they are the item's NodeOperationError. HubSpot's
 * own refusals stay API errors with HubSpot's status. Fix hints cite no input field the user may not have,
 * and times in messages carry no milliseconds.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HubspotEmulator } from '../../emulator';
import { runNode, type RunResult } from '../../harness/engine';
import {
	ADA,
	GRACE,
	calendarCreates,
	createParameters,
	followUp,
	serviceKeyCredential,
} from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
useFileEmulator((started) => (emulator = started), {
	specCheckEachTest: true,
});

type ShownError = IDataObject & { name?: string; message: string; description?: string | null };

/** The node's error as n8n stores and shows it (WorkflowExecute keeps `{ ...error, message, stack }`). */
const nodeError = (result: RunResult) => result.error as unknown as ShownError;
/** An item's error under continue-on-fail: the error object itself. */
const itemError = (result: RunResult, index: number) =>
	result.items[index].error as unknown as ShownError;

/** What n8n's editor needs to show an operation error: its class name, no error code. */
function expectOperationError(error: ShownError | undefined) {
	expect(error?.name).toBe('NodeOperationError');
	expect(error).not.toHaveProperty('httpCode');
	expect(error?.errorResponse).toBeUndefined();
	expect(error?.level).toBe('warning');
}

describe('bad input fails the node as an operation error', () => {
	test('one item, an empty title: NodeOperationError with the field, the item and the fix; no error code', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: [{ title: '' }],
			parameters: createParameters({ title: '={{ $json.title }}' }),
		});
		const error = nodeError(result);
		expectOperationError(error);
		expect(error.message).toBe('Title: is empty [item 0]');
		expect(error.description).toBe(
			"Give the meeting a title; it becomes the calendar event's subject.",
		);
		expect((error.context as IDataObject).itemIndex).toBe(0);
		expect(emulator.requests).toHaveLength(0);
	});

	test("several items, one invalid: the gate's summary in the description, still an operation error", async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: [{ title: 'Fine' }, { title: '' }, { title: 'Also fine' }],
			parameters: createParameters({ title: '={{ $json.title }}' }),
		});
		const error = nodeError(result);
		expectOperationError(error);
		expect(error.message).toBe('Title: is empty [item 1]');
		expect(error.description).toMatch(/^Give the meeting a title/);
		expect(error.description).toMatch(/Nothing was sent for any of the 3 items/);
		expect(calendarCreates(emulator)).toHaveLength(0);
	});

	test('continue-on-fail: the item error is the NodeOperationError itself, with the same words', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: [{ title: 'Fine' }, { title: '' }],
			parameters: createParameters({ title: '={{ $json.title }}', ownerId: GRACE.ownerId }),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const error = itemError(result, 1);
		expectOperationError(error);
		expect(error.message).toBe('Title: is empty [item 1]');
		expect(error.description).toBe(
			"Give the meeting a title; it becomes the calendar event's subject.",
		);
		expect(result.items[1].json).toEqual({ error: 'Title: is empty [item 1]' });
		expect(calendarCreates(emulator)).toHaveLength(1);
	});

	test("failing the node or continuing, n8n gets the same fields (besides the stored copy's message and stack)", async () => {
		const run = (continueOnFail: boolean) =>
			runNode({
				credentials: serviceKeyCredential(emulator),
				items: [{ title: '' }],
				parameters: createParameters({ title: '={{ $json.title }}' }),
				continueOnFail,
			});
		const failed = nodeError(await run(false));
		const continued = itemError(await run(true), 0);
		const fields = (error: ShownError) =>
			Object.keys(error)
				.filter((key) => key !== 'message' && key !== 'stack')
				.sort();
		expect(fields(failed)).toEqual(fields(continued));
		for (const key of ['name', 'message', 'description', 'level', 'functionality'])
			expect([key, failed[key]]).toEqual([key, continued[key]]);
	});

	test("a read's own check (Get, a meeting ID that is not a number): an operation error too", async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: followUp('get', { meetingId: { __rl: true, mode: 'id', value: '={{ "abc" }}' } }),
		});
		const error = nodeError(result);
		expectOperationError(error);
		expect(error.message).toMatch(/^Meeting ID: .*\[item 0\]$/);
		expect(error.description).not.toContain('$json');
		expect(emulator.requests).toHaveLength(0);
	});
});

describe("errors found in a look-up are operation errors; HubSpot's refusals stay API errors", () => {
	test('an owner ID given as organizer, caught in the owners look-up: NodeOperationError', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({ organizerUserId: ADA.ownerId }),
		});
		const error = nodeError(result);
		expectOperationError(error);
		expect(error.message).toBe(
			'Organizer: 100001 is the owner ID of Ada Lovelace (ada.lovelace@example.com), not a user ID [item 0]',
		);
		expect(calendarCreates(emulator)).toHaveLength(0);
	});

	test("HubSpot's 403 (missing scopes) is still a NodeApiError with HubSpot's status", async () => {
		emulator.addAccessToken('owners-only', { scopes: ['crm.objects.owners.read'] });
		const result = await runNode({
			credentials: serviceKeyCredential(emulator, { accessToken: 'owners-only' }),
			parameters: createParameters({ ownerId: GRACE.ownerId }),
		});
		const error = nodeError(result);
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('403');
		expect(error.message).toMatch(/^HubSpot answered 403: /);
	});
});

describe('fix hints and times in messages', () => {
	test('epoch seconds: the fix says to multiply, citing no input field', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({
				startTime: '={{ 1780300800 }}',
				endTime: '={{ 1780302600 }}',
			}),
		});
		const error = nodeError(result);
		expectOperationError(error);
		expect(error.message).toMatch(/^Start: 1780300800 looks like epoch seconds/);
		expect(error.description).toMatch(/^Multiply it by 1000/);
		expect(error.description).not.toContain('$json');
	});

	test('an oversized description: the fix says how to shorten it, citing no input field', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({ additionalFields: { body: 'x'.repeat(70_000) } }),
		});
		const error = nodeError(result);
		expectOperationError(error);
		expect(error.description).toMatch(/^Shorten the description, e\.g\. by adding \.slice/);
		expect(error.description).not.toContain('$json');
	});

	test('record IDs that are not IDs (a deal row): the fix cites no input field', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			parameters: createParameters({
				associations: {
					association: [{ objectType: 'deal', recordIds: 'big-deal', label: 'default' }],
				},
			}),
		});
		const error = nodeError(result);
		expectOperationError(error);
		expect(error.description).toMatch(/comma-separated list/);
		expect(error.description).not.toContain('$json');
	});

	test('a wait longer than an item may wait: the time it names has whole seconds, no milliseconds', async () => {
		emulator.injectFault({
			method: 'POST',
			path: /\/meetings\/calendar$/,
			status: 429,
			headers: { 'Retry-After': '3600' },
		});
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: [{ title: 'First' }, { title: 'Second' }],
			parameters: createParameters({
				title: '={{ $json.title }}',
				ownerId: GRACE.ownerId,
				simplify: false,
			}),
			continueOnFail: true,
		});
		const waitedTooLong = result.items
			.map((item) => item.error as unknown as ShownError | undefined)
			.find((error) => /^HubSpot asked to wait/.test(error?.message ?? ''));
		expectOperationError(waitedTooLong);
		expect(waitedTooLong?.description).toMatch(
			/until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, longer than/,
		);
		expect(calendarCreates(emulator)).toHaveLength(1);
	});
});
