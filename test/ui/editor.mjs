/**
 * What the UI test does in n8n's editor, as a user would: parameters by their test ids, dropdowns, the
 * resource locator's list search (typed key by key) and its URL modes (pasted from the clipboard).
 */
/* global window, navigator -- the callbacks handed to the page run in the browser */
import assert from 'node:assert/strict';

export const STEP_TIMEOUT = 30_000;

/** n8n's REST call behind a locator's "From list" mode (one page, with the typed filter if any). */
const LIST_SEARCH_PATH = '/rest/dynamic-node-parameters/resource-locator-results';

const OPTION = '.el-select-dropdown__item:visible, [role="option"]:visible';

/** Closes n8n's first-visit popups if any show up. */
export async function dismissPopups(page) {
	for (const sel of [
		'[data-test-id="personalization-form"] button',
		'.el-dialog__headerbtn',
		'[data-test-id="close-button"]',
	]) {
		const el = page.locator(sel).first();
		if (await el.isVisible().catch(() => false)) await el.click().catch(() => {});
	}
}

export function parameter(page, name) {
	return page.locator(`[data-test-id="parameter-input-${name}"]`).first();
}

function resourceLocator(page, name) {
	return page.locator(`[data-test-id="resource-locator-${name}"]`).first();
}

async function openOptions(page, name) {
	// A dropdown that is still closing (its fade-out) would be read instead of this one.
	await page
		.locator(OPTION)
		.first()
		.waitFor({ state: 'hidden', timeout: 5_000 })
		.catch(() => {});
	await parameter(page, name).click();
	const items = page.locator(OPTION);
	await items.first().waitFor();
	return items.allInnerTexts();
}

/** Picks the option whose first line (its name; a description may follow) is `name`. */
export async function selectOption(page, parameterName, name) {
	const texts = await openOptions(page, parameterName);
	const index = texts.findIndex((t) => t.split('\n')[0].trim() === name);
	assert.ok(index >= 0, `${parameterName} offers no "${name}": ${texts.join(' | ')}`);
	await page.locator(OPTION).nth(index).click();
}

export async function fillParameter(page, name, value) {
	const input = parameter(page, name).locator('input, textarea').first();
	await input.click();
	await input.fill(value);
	await input.press('Tab');
}

/** Polls `read` until `done(value)` holds or STEP_TIMEOUT passes; returns the last value read. */
export async function poll(page, read, done, timeout = STEP_TIMEOUT) {
	const deadline = Date.now() + timeout;
	let value = await read();
	while (!done(value) && Date.now() < deadline) {
		await page.waitForTimeout(200);
		value = await read();
	}
	return value;
}

/**
 * Opens a resource locator's "From list" mode, waits for its first page, then types `term` key by key
 * into the list's search box and waits for n8n's search with that filter and for the list it shows.
 *
 * The first page must have arrived before typing: n8n's editor (2.8.4) stores a list answer that
 * arrives after the filter changed under the filter's key too, so the search that follows one second
 * later finds an answer cached for its key and sends nothing; the list stays unfiltered.
 *
 * Returns the items shown before and after, and the filter and results of n8n's search call.
 */
export async function searchLocator(page, name, term) {
	await resourceLocator(page, name).locator('[data-test-id="rlc-input"]').first().click();
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	await items.first().waitFor();
	const before = await items.allInnerTexts();

	const searched = page.waitForResponse((response) => {
		if (!response.url().includes(LIST_SEARCH_PATH)) return false;
		const body = JSON.parse(response.request().postData() || '{}');
		return body.path === `parameters.${name}` && body.filter === term;
	});
	// n8n focuses the search box when the list opens, so a user just types. A mouse click into it would
	// count as a click outside the locator (its list is a popover) and close the list.
	const search = page.locator('input[data-test-id="rlc-search"]:visible').first();
	const focused = () => search.evaluate((el) => el === el.ownerDocument.activeElement);
	if (!(await poll(page, focused, Boolean, 5_000))) {
		console.log(`[ui] ${name}: the search box was not focused when the list opened; focusing it`);
		await search.focus();
	}
	await page.keyboard.type(term, { delay: 60 });
	const response = await searched;
	const request = JSON.parse(response.request().postData());
	const results = (await response.json()).data.results.map((r) => r.name);

	// The list shows what the search returned (n8n renders it after its loading state).
	const after = await poll(
		page,
		() => items.allInnerTexts(),
		(texts) => texts.length === results.length && texts.every((t, i) => t.includes(results[i])),
	);
	return { before, after, filter: request.filter, method: request.methodName, results };
}

/** The text a locator shows (its input's value). */
export async function locatorText(page, name) {
	return await resourceLocator(page, name)
		.locator('[data-test-id="rlc-input"]')
		.first()
		.inputValue();
}

/**
 * Switches a resource locator to `mode` (its test id is `mode-<name>`, e.g. mode-url) and pastes `text`
 * into it from the clipboard (Ctrl+V), as a user pastes a link copied from the browser.
 */
export async function pasteIntoLocator(page, name, mode, text) {
	const locator = resourceLocator(page, name);
	await locator.locator('[data-test-id="rlc-mode-selector"]').first().click();
	await page.locator(`[data-test-id="mode-${mode}"]:visible`).first().click();
	const input = locator.locator('[data-test-id="rlc-input"]').first();
	await input.click();
	await page.evaluate(async (t) => await navigator.clipboard.writeText(t), text);
	await page.keyboard.press('ControlOrMeta+V');
	const value = await poll(
		page,
		() => input.inputValue(),
		(v) => v === text,
	);
	assert.equal(value, text, `the ${name} locator holds "${value}" after the paste`);
	await input.press('Tab');
	await valueReachedWorkflow(page, name, text);
}

/**
 * Waits until the open node's parameter `name` holds `value` in the editor's workflow store. n8n hands a
 * locator's value on debounced (100 ms), and a run started before it arrives is refused ("The workflow
 * has issues"). Reads n8n's Pinia stores ('ndv', 'workflows'); if they are not readable, waits 500 ms.
 */
async function valueReachedWorkflow(page, name, value) {
	const read = () =>
		page.evaluate((parameterName) => {
			const pinia =
				window.document.querySelector('#app')?.__vue_app__?.config.globalProperties.$pinia;
			const nodeName = pinia?._s.get('ndv')?.activeNodeName;
			const nodes = pinia?._s.get('workflows')?.workflow?.nodes;
			if (!nodeName || !nodes) return { readable: false };
			const node = nodes.find((n) => n.name === nodeName);
			return { readable: true, value: node?.parameters?.[parameterName]?.value };
		}, name);
	const seen = await poll(page, read, (r) => !r.readable || r.value === value, 5_000);
	if (!seen.readable) {
		console.log(`[ui] ${name}: n8n's stores are not readable; waiting out the editor's debounce`);
		await page.waitForTimeout(500);
		return;
	}
	assert.equal(seen.value, value, `the node's ${name} holds "${seen.value}"`);
}

/** Runs the open node and waits until its output panel shows `expected` (every string of it). */
export async function runNode(page, expected) {
	await page.locator('[data-test-id="node-execute-button"]').first().click();
	return await outputShows(page, expected);
}

/** Waits until the output panel shows every string of `expected`; returns its text. */
export async function outputShows(page, expected) {
	const output = page
		.locator('[data-test-id="output-panel"], [data-test-id="ndv-output-panel"]')
		.first();
	const text = await poll(
		page,
		() => output.innerText().catch(() => ''),
		(t) => expected.every((e) => t.includes(e)),
		60_000,
	);
	for (const e of expected)
		assert.ok(text.includes(e), `output lacks "${e}": ${text.slice(0, 400)}`);
	return text;
}

/** Remembers the theme before the page's own scripts run (n8n reads 'N8N_THEME' from localStorage). */
export async function useTheme(context, theme) {
	await context.addInitScript((t) => window.localStorage.setItem('N8N_THEME', t), theme);
}
