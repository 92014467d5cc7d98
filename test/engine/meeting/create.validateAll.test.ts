/**
 * Issue 10 #1: without continue-on-fail, one bad item must stop the whole node BEFORE any item's create
 * is sent (else the good items' meetings exist, invitations are out, and a re-run duplicates them), and
 * the error names every invalid item. With continue-on-fail nothing changes: the good items go through.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import {
	ADA,
	GRACE,
	calendarCreates,
	createBody,
	createParameters,
	expectSpecValid,
	serviceKeyCredential,
} from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
useFileEmulator((started) => (emulator = started));

/** Title, Start and End come from the item; Owner is set, so a valid item needs no look-up before its create. */
const PARAMETERS: INodeParameters = createParameters({
	organizerUserId: ADA.userId,
	ownerId: GRACE.ownerId,
	title: '={{ $json.title }}',
	startTime: '={{ $json.start }}',
	endTime: '={{ $json.end }}',
});

const item = (n: number, overrides: IDataObject = {}): IDataObject => ({
	title: `Meeting ${n}`,
	start: '2026-06-02T09:00',
	end: '2026-06-02T09:45',
	...overrides,
});

/** The whole error as a user reads it in n8n's error panel. */
const errorText = (error: { message: string; description?: string | null } | undefined) =>
	`${error?.message ?? ''}\n${error?.description ?? ''}`;

// issue 10 #1
it('one invalid item among three, no continue-on-fail: nothing is sent, the error names the item and field', async () => {
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		items: [item(0), item(1, { start: '2026-02-30T10:00' }), item(2)],
		parameters: PARAMETERS,
	});
	// Creations first: that is the harm (meetings 0 and 2 exist, invitations sent).
	expect(emulator.creations).toHaveLength(0);
	expect(calendarCreates(emulator)).toHaveLength(0);
	expect(emulator.requests).toHaveLength(0);
	expect(result.error?.message).toMatch(/Start: "2026-02-30T10:00" is not a valid date/);
	expect(result.error?.message).toMatch(/\[item 1\]/);
	// Decision: the error also says that the valid items were held back, so the user knows a re-run is safe.
	expect(errorText(result.error)).toMatch(
		/nothing was sent|no meeting was created|none of the .*items? (was|were) sent/i,
	);
});

// issue 10 #1
it('two invalid items: every invalid item is named with its field and index, nothing is sent', async () => {
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		items: [
			item(0),
			item(1, { start: 'next tuesday' }),
			item(2),
			item(3, { title: '   ' }),
			item(4),
		],
		parameters: PARAMETERS,
	});
	expect(emulator.creations).toHaveLength(0);
	expect(calendarCreates(emulator)).toHaveLength(0);
	const text = errorText(result.error);
	expect(text).toMatch(/Start: "next tuesday" is not a valid date[^\n]*\[item 1\]/);
	expect(text).toMatch(/Title: is empty[^\n]*\[item 3\]/);
	// The valid items are not reported as invalid.
	expect(text).not.toMatch(/\[item (0|2|4)\]/);
});

it('with continue-on-fail behaviour stays as today: the valid items are created, the invalid one is its own error', async () => {
	const result = await runNode({
		credentials: serviceKeyCredential(emulator),
		items: [item(0), item(1, { start: '2026-02-30T10:00' }), item(2)],
		parameters: PARAMETERS,
		continueOnFail: true,
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(3);
	expect(result.items[1].error?.message).toMatch(
		/^Start: "2026-02-30T10:00" is not a valid date.*\[item 1\]$/,
	);
	const titles = calendarCreates(emulator).map(
		(r) => (createBody(r).properties as IDataObject).hs_meeting_title,
	);
	expect(titles.sort()).toEqual(['Meeting 0', 'Meeting 2']);
	expect(emulator.creations).toHaveLength(2);
	expectSpecValid(emulator);
});
