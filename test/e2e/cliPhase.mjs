/**
 * The CLI phase of `npm run test:e2e`: the packed tarball installed as a community package, credentials
 * and workflows imported, each workflow run once with `n8n execute` against the emulator.
 */
import assert from 'node:assert/strict';

import {
	NODE_TYPE,
	OAUTH2_CREDENTIAL_TYPE,
	TOKEN_CREDENTIAL_TYPE,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	nodeError,
	nodeOutput,
} from '../../scripts/lib/n8n.mjs';
import { exampleWorkflows, prepareWorkflow } from '../../scripts/lib/workflows.mjs';
import { creates, executeFailure, expectSpecValid } from './checks.mjs';
import * as wf from './workflows/index.mjs';
import { extraWorkflowTests } from './workflows/operations.mjs';

/**
 * Runs the CLI-phase tests; returns our own workflows (imported here, activated by the server phase):
 * [create with all fields, continue on fail, OAuth2 webhook, AI tool].
 */
export async function cliPhase({ test, install, env, home, tarball, sandbox, credentials: CREDS }) {
	const emulator = sandbox.emulator;
	await test(
		'the tarball installs as a community package',
		async () => {
			const v = await installCommunityPackage(home, tarball);
			assert.match(v, /^\d+\.\d+\.\d+/);
		},
		{ setup: true },
	);

	const examples = exampleWorkflows().map((e) => ({
		...e,
		workflow: prepareWorkflow(e.workflow, { key: e.key, credentials: CREDS }),
	}));
	const own = [wf.createAllFields(), wf.continueOnFail(), wf.oauthWebhook(), wf.aiTool()].map((w) =>
		prepareWorkflow(w, { key: w.name, credentials: CREDS }),
	);
	const extra = extraWorkflowTests({ credentials: CREDS });
	const extraWorkflows = extra.map((t) =>
		prepareWorkflow(t.workflow, { key: t.workflow.name, credentials: CREDS }),
	);

	await test(
		'credentials and workflows import',
		async () => {
			await importCredentials(install, env, [
				{
					...CREDS.token,
					type: TOKEN_CREDENTIAL_TYPE,
					data: { accessToken: sandbox.serviceKey, baseUrl: sandbox.apiUrl },
				},
				{
					...CREDS.oauth2,
					type: OAUTH2_CREDENTIAL_TYPE,
					data: {
						clientId: sandbox.oauthClient.clientId,
						clientSecret: sandbox.oauthClient.clientSecret,
						requiredScopes:
							'oauth crm.objects.contacts.read crm.objects.contacts.write crm.objects.owners.read scheduler.meetings.meeting-link.read',
						baseUrl: sandbox.apiUrl,
					},
				},
			]);
			await importWorkflows(install, env, [
				...examples.map((e) => e.workflow),
				...own,
				...extraWorkflows,
			]);
		},
		{ setup: true },
	);

	for (const example of examples) {
		await test(`example ${example.file} runs`, async () => {
			emulator.reset();
			const r = await executeWorkflow(install, env, example.workflow.id);
			assert.ok(r.ok, executeFailure(r));
			const hubspotNodes = example.workflow.nodes.filter((n) => n.type === NODE_TYPE);
			assert.ok(hubspotNodes.length > 0, 'the example has no HubSpot Scheduler node');
			for (const n of hubspotNodes) {
				const out = nodeOutput(r.data, n.name);
				assert.ok(out && out.length > 0, `node "${n.name}" produced no items`);
				for (const item of out)
					assert.ok(!item.error, `node "${n.name}" item failed: ${JSON.stringify(item.error)}`);
			}
			assert.ok(emulator.requests.length > 0, 'the emulator saw no request');
			expectSpecValid(emulator);
		});
	}

	await test('create: all fields, several items, expressions', async () => {
		emulator.reset();
		const w = own[0];
		const r = await executeWorkflow(install, env, w.id);
		assert.ok(r.ok, executeFailure(r));
		const out = nodeOutput(r.data, 'Create Meeting');
		assert.equal(out?.length, wf.CREATE_ROWS.length);
		const sent = creates(emulator);
		assert.equal(sent.length, wf.CREATE_ROWS.length);
		assert.equal(
			emulator.requests.filter((r) => r.path === '/account-info/2026-03/details').length,
			1,
			'one account read for all the rows',
		);
		assert.equal(emulator.createdMeetingCount(), wf.CREATE_ROWS.length);
		wf.CREATE_ROWS.forEach((row, i) => {
			const item = out[i];
			assert.equal(item.title, row.title);
			assert.equal(item.timezone, row.tz);
			assert.match(String(item.id), /^\d+$/);
			assert.match(String(item.calendarEventUrl), /^https:\/\//);
			// Issue 11 #6: the record URL (the account read once per credential) and what was sent.
			assert.equal(item.recordUrl, `https://app.hubspot.com/contacts/12345/record/0-47/${item.id}`);
			assert.deepEqual(item.reminders, [
				{ before: 1, unit: 'days' },
				{ before: 30, unit: 'minutes' },
			]);
			assert.ok(item.associations.some((a) => a.type === 'contact'));
			const body = sent.find((s) => s.body.properties.hs_meeting_title === row.title)?.body;
			assert.ok(body, `no create request for ${row.title}`);
			assert.equal(body.timezone, row.tz);
			assert.equal(body.properties.hubspot_owner_id, wf.ADA.ownerId);
			assert.equal(body.properties.hs_meeting_body, `Agenda for ${row.title}`);
			assert.equal(body.properties.hs_meeting_location, 'Room 4.02');
			assert.equal(body.properties.hs_activity_type, 'DEMO');
			assert.equal(body.properties.hs_timestamp, body.properties.hs_meeting_start_time);
			assert.match(body.properties.hs_meeting_start_time, /Z$/);
			const localStart = new Date(body.properties.hs_meeting_start_time)
				.toLocaleString('sv-SE', { timeZone: row.tz })
				.replace(' ', 'T');
			assert.equal(localStart, row.start, 'start is wall-clock time in the row timezone');
			assert.deepEqual((body.properties.hs_attendee_owner_ids ?? []).map(String), row.attendees);
			const contactIds = body.associations
				.filter((a) => a.types[0].associationTypeId === 200)
				.map((a) => String(a.to.id));
			assert.deepEqual(contactIds.sort(), row.contacts.split(',').sort());
			assert.ok(
				body.associations.some(
					(a) => String(a.to.id) === '9001' && a.types[0].associationTypeId === 212,
				),
			);
			assert.deepEqual(body.emailReminderSchedule.reminders, [
				{ numberOfTimeUnits: 1, timeUnit: 'DAYS' },
				{ numberOfTimeUnits: 30, timeUnit: 'MINUTES' },
			]);
			assert.equal(body.emailReminderSchedule.shouldIncludeInviteDescription, true);
			assert.equal(sent.find((s) => s.body === body).query.organizerUserId, wf.ADA.userId);
		});
		expectSpecValid(emulator);
	});

	await test('continue on fail: a bad item fails alone', async () => {
		emulator.reset();
		const r = await executeWorkflow(install, env, own[1].id);
		assert.ok(r.ok, executeFailure(r));
		const out = nodeOutput(r.data, 'Create Meeting');
		assert.equal(out?.length, 3);
		assert.ok(out[0].id && !out[0].error, 'first item created');
		assert.ok(out[1].error, `second item carries the error: ${JSON.stringify(out[1])}`);
		assert.match(JSON.stringify(out[1].error), /end|after|start/i);
		assert.ok(out[2].id && !out[2].error, 'third item created');
		assert.equal(emulator.createdMeetingCount(), 2);
		expectSpecValid(emulator);
	});

	for (const t of extra) {
		await test(t.name, async () => {
			emulator.reset();
			if (t.before) await t.before(emulator, sandbox);
			const w = extraWorkflows[extra.indexOf(t)];
			const r = await executeWorkflow(install, env, w.id);
			await t.check({
				r,
				emulator,
				nodeOutput: (name) => nodeOutput(r.data, name),
				nodeError: (name) => nodeError(r.data, name),
				assert,
			});
			expectSpecValid(emulator);
		});
	}
	return own;
}
