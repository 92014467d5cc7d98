/**
 * The UI test's walk through the editor, as a user does it: add the node, pick the organizer by typing into
 * its locator's search, fill and run Create; then paste a meetings URL (Meeting Link, By URL) and a meeting's
 * record URL (Meeting, By URL) and run Get Booking Info and Get. Each check is a step of run.mjs.
 */
import assert from 'node:assert/strict';
import path from 'node:path';

import { OWNER } from '../../scripts/lib/n8n.mjs';
import {
	STEP_TIMEOUT,
	dismissPopups,
	fillParameter,
	locatorText,
	outputShows,
	parameter,
	pasteIntoLocator,
	poll,
	runNode,
	searchLocator,
	selectOption,
} from './editor.mjs';

/**
 * One pass through the editor in one theme. `step(name, fn, page)` runs and records a step (true when it
 * passed); `base` is n8n's address, `shots` the screenshots' folder.
 */
export async function runEditorFlow(page, theme, { sandbox, base, shots, step }) {
	const ok = (name, fn) => step(`[${theme}] ${name}`, fn, page);

	if (
		!(await ok('logs in', async () => {
			await page.goto(`${base}/signin`);
			await page
				.locator('input[name="emailOrLdapLoginId"], input[name="email"]')
				.first()
				.fill(OWNER.email);
			await page.locator('input[name="password"]').fill(OWNER.password);
			await page.locator('[data-test-id="form-submit-button"]').click();
			await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: STEP_TIMEOUT });
		}))
	)
		return;

	if (
		!(await ok('adds "HubSpot Scheduler" from the nodes panel by search', async () => {
			await page.goto(`${base}/workflow/new`);
			await dismissPopups(page);
			await page
				.locator('[data-test-id="canvas-add-button"], [data-test-id="canvas-plus-button"]')
				.first()
				.click();
			const search = page
				.locator(
					'[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]',
				)
				.first();
			await search.fill('HubSpot Scheduler');
			const item = page
				.locator('[data-test-id="node-creator-item-name"]', { hasText: 'HubSpot Scheduler' })
				.first();
			await item.waitFor();
			await item.click();
		}))
	)
		return;

	await ok('the node icon renders in the nodes panel', async () => {
		const icon = page
			.locator(
				'[data-test-id="node-creator"] img[src*="hubspot"], [data-test-id="node-creator"] img[src*="icons"]',
			)
			.first();
		await icon.waitFor();
		const size = await icon.evaluate((img) => ({
			w: img.naturalWidth,
			h: img.naturalHeight,
			complete: img.complete,
		}));
		assert.ok(
			size.complete && size.w > 0 && size.h > 0,
			`icon did not load: ${JSON.stringify(size)}`,
		);
		await page.waitForTimeout(800); // let the panel finish sliding in
		await page.screenshot({ path: path.join(shots, `nodes-panel-${theme}.png`) });
	});

	if (
		!(await ok('opens the Create operation', async () => {
			const creator = page.locator('[data-test-id="node-creator"]').first();
			const action = creator.getByText('Create a calendar event', { exact: true }).first();
			// With the trigger in the package, an empty canvas opens the package with its Triggers
			// expanded and its Actions folded: unfold them first.
			if (!(await action.isVisible().catch(() => false))) {
				await creator
					.getByText(/^Actions \(\d+\)$/)
					.first()
					.click();
			}
			await action.click();
			await page.locator('[data-test-id="ndv"]').first().waitFor();
		}))
	)
		return;

	await ok('uses the sandbox credential', async () => {
		// Older node versions ask for the authentication kind first; the credential select follows it.
		if (
			await parameter(page, 'authentication')
				.isVisible()
				.catch(() => false)
		) {
			await selectOption(page, 'authentication', 'Service Key or Private App Token');
		}
		// With exactly one usable credential, n8n selects it.
		const select = page.locator('[data-test-id="node-credentials-select"]').first();
		await select.waitFor();
		const deadline = Date.now() + STEP_TIMEOUT;
		let value = '';
		while (Date.now() < deadline) {
			value = await select
				.locator('input')
				.first()
				.inputValue()
				.catch(() => '');
			if (!value) value = await select.innerText().catch(() => '');
			if (value.includes('HubSpot sandbox (service key)')) return;
			await page.waitForTimeout(250);
		}
		assert.fail(`credential select shows "${value}"`);
	});

	await ok('the organizer locator finds a person by the name typed into its search', async () => {
		const found = await searchLocator(page, 'organizerUserId', 'lovelace');
		// n8n asked the node's list search with the typed term, and the list shrank to what it returned.
		assert.equal(found.method, 'searchOrganizers');
		assert.equal(found.filter, 'lovelace');
		assert.deepEqual(found.results, ['Ada Lovelace (ada.lovelace@example.com)']);
		assert.ok(
			found.before.length > found.after.length && found.before.some((o) => /Grace Hopper/.test(o)),
			`before: ${found.before.join(' | ')}`,
		);
		assert.deepEqual(found.after, ['Ada Lovelace (ada.lovelace@example.com)']);
		if (theme === 'light')
			await page.screenshot({ path: path.join(shots, 'organizer-search-light.png') });
		await page
			.locator('[data-test-id="rlc-item"]:visible', { hasText: 'Ada Lovelace' })
			.first()
			.click();
		assert.match(await locatorText(page, 'organizerUserId'), /Ada Lovelace/);
	});

	await ok('fills title and times', async () => {
		await fillParameter(page, 'title', `Demo from the editor (${theme})`);
		await fillParameter(page, 'startTime', '2026-06-01T10:00:00');
		await fillParameter(page, 'endTime', '2026-06-01T10:30:00');
	});

	await ok('the timezone picker offers IANA zones', async () => {
		const input = parameter(page, 'timezone').locator('input').first();
		await input.click();
		await input.fill('Berlin');
		const option = page
			.locator('.el-select-dropdown__item:visible, [role="option"]:visible', {
				hasText: 'Europe/Berlin',
			})
			.first();
		await option.click();
	});

	await ok('the owner locator lists the sandbox owners', async () => {
		await page
			.locator('[data-test-id="resource-locator-ownerId"] [data-test-id="rlc-input"]')
			.first()
			.click();
		const items = page.locator('[data-test-id="rlc-item"]:visible');
		await items.first().waitFor();
		const options = await items.allInnerTexts();
		assert.ok(
			options.some((o) => /Grace Hopper/.test(o)),
			`options: ${options.join(' | ')}`,
		);
		await items.filter({ hasText: 'Ada Lovelace' }).first().click();
	});

	let createdId = '';
	await ok('runs the node and reads the output', async () => {
		const before = sandbox.emulator.createdMeetingCount();
		await runNode(page, [`Demo from the editor (${theme})`]);
		assert.equal(sandbox.emulator.createdMeetingCount(), before + 1);
		// The organizer picked by the typed search is the one HubSpot was asked for.
		const created = sandbox.emulator.creations.at(-1);
		assert.match(created.key, /^9000001\|/, `created: ${created.key}`);
		createdId = created.id;
		await page.waitForTimeout(800); // let the "Node executed successfully" toast finish sliding in
		await page.screenshot({ path: path.join(shots, `editor-create-${theme}.png`) });
	});

	await ok('Get Booking Info reads the meeting link whose URL was pasted (By URL)', async () => {
		const slug = 'grace-hopper';
		assert.ok(
			sandbox.meetingLinkSlugs.includes(slug),
			`sandbox links: ${sandbox.meetingLinkSlugs}`,
		);
		await selectOption(page, 'resource', 'Meeting Link');
		await selectOption(page, 'operation', 'Get Booking Info');
		await pasteIntoLocator(page, 'slug', 'url', `https://meetings.hubspot.com/${slug}`);
		const seen = sandbox.emulator.requests.length;
		// 7003 is that link's id in the sandbox (the first link, ada-lovelace, is 7001).
		await runNode(page, ['7003', 'PERSONAL_LINK']);
		const reads = sandbox.emulator.requests.slice(seen).map((r) => `${r.method} ${r.path}`);
		assert.ok(
			reads.includes(`GET /scheduler/2026-03/meetings/meeting-links/book/${slug}`),
			`the sandbox saw: ${reads.join(', ')}`,
		);
	});

	await ok('Get reads the meeting whose HubSpot URL was pasted (By URL)', async () => {
		assert.ok(createdId, 'no meeting was created in this run');
		await selectOption(page, 'resource', 'Meeting');
		await selectOption(page, 'operation', 'Get');
		const url = `https://app.hubspot.com/contacts/123456/record/0-47/${createdId}`;
		await pasteIntoLocator(page, 'meetingId', 'url', url);
		const seen = sandbox.emulator.requests.length;
		await page.locator('[data-test-id="node-execute-button"]').first().click();
		const read = `/crm/objects/2026-03/meetings/${createdId}`;
		const reads = await poll(
			page,
			() => sandbox.emulator.requests.slice(seen).map((r) => `${r.method} ${r.path}`),
			(r) => r.includes(`GET ${read}`),
			60_000,
		);
		assert.ok(reads.includes(`GET ${read}`), `the sandbox saw: ${reads.join(', ')}`);
		await outputShows(page, [createdId, `Demo from the editor (${theme})`]);
	});
}
