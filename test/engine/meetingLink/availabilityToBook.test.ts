/**
 * examples/availability-to-book.json through the engine: its Get Availability node's parameters, then its
 * Book node's with the first node's output as input (as n8n passes it), against the emulator's seeded link
 * and its upcoming slots. (test:e2e runs the same file in a real n8n.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { INodeParameters } from 'n8n-workflow';

import type { HubspotEmulator } from '../../emulator';
import { meetingLinkState } from '../../emulator/followUpHandlers';
import { REPO_ROOT, runNode } from '../../harness/engine';
import { LINKS_PATH, emulatorForSuite, expectSpecValid, serviceKeyCredential } from '../fixtures';

interface WorkflowFile {
	settings?: { timezone?: string };
	nodes: Array<{ name: string; type: string; parameters: INodeParameters }>;
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const workflow = JSON.parse(
	readFileSync(path.join(REPO_ROOT, 'examples', 'availability-to-book.json'), 'utf8'),
) as WorkflowFile;
const node = (name: string) => workflow.nodes.find((n) => n.name === name)!;

let emulator: HubspotEmulator;
beforeAll(async () => (emulator = await emulatorForSuite()));
afterAll(async () => await emulator.stop());

test('availability-to-book.json: the first free slot, then that slot booked', async () => {
	expect(workflow.connections['First free slot'].main[0][0].node).toBe('Book it');
	const credentials = serviceKeyCredential(emulator);
	const timezone = workflow.settings?.timezone;
	const slot = await runNode({
		credentials,
		timezone,
		parameters: node('First free slot').parameters,
	});
	expect(slot.error).toBeUndefined();
	expect(slot.items).toHaveLength(1);
	const first = slot.items[0].json;
	expect(Date.parse(String(first.startUtc))).toBeGreaterThan(Date.now());
	// This month's page; next month's too only when this month has no free slot left.
	const sameMonth = DateTime.fromISO(String(first.start), { setZone: true }).hasSame(
		DateTime.now().setZone('Europe/Berlin'),
		'month',
	);
	expect(emulator.requests.map((r) => r.path)).toEqual(
		Array(sameMonth ? 1 : 2).fill(`${LINKS_PATH}/book/availability-page/ada-lovelace`),
	);

	const booked = await runNode({
		credentials,
		timezone,
		parameters: node('Book it').parameters,
		items: slot.items.map((i) => i.json),
	});
	expect(booked.error).toBeUndefined();
	expect(booked.items[0].json).toMatchObject({
		slug: 'ada-lovelace',
		start: first.startUtc,
		startLocal: first.start,
		timezone: 'Europe/Berlin',
		durationMinutes: first.durationMinutes,
		contactId: expect.stringMatching(/^\d+$/),
	});
	const bookings = meetingLinkState(emulator).bookings;
	expect(bookings.map((b) => b.body.startTime)).toEqual([first.startUtc]);
	expectSpecValid(emulator);
});
