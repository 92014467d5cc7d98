/** Preparing workflows for import: stable ids, our node type, credentials pointed at given ids. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import {
	NODE_TYPE,
	OAUTH2_CREDENTIAL_TYPE,
	TOKEN_CREDENTIAL_TYPE,
	TOOL_NODE_TYPE,
} from './n8n.mjs';
import { ROOT } from './n8n-install.mjs';

/** n8n ids are 16 alphanumerics; derive one from a stable key. */
export function stableId(key) {
	return createHash('sha256')
		.update(key)
		.digest('base64')
		.replace(/[^A-Za-z0-9]/g, '')
		.slice(0, 16);
}

/**
 * Rewrites a workflow for import: our nodes get the community-package type, HubSpot Scheduler credentials
 * point at `credentials` ({ token: {id,name}, oauth2: {id,name} }), and the workflow gets a stable id.
 */
export function prepareWorkflow(workflow, { key, credentials }) {
	const wf = JSON.parse(JSON.stringify(workflow));
	wf.id = wf.id && /^[A-Za-z0-9]{1,36}$/.test(String(wf.id)) ? String(wf.id) : stableId(key);
	wf.name = wf.name || key;
	wf.active = false;
	wf.connections = wf.connections ?? {};
	wf.settings = wf.settings ?? { executionOrder: 'v1' };
	for (const node of wf.nodes ?? []) {
		if (/(^|\.)hubspotScheduler$/.test(node.type)) node.type = NODE_TYPE;
		if (/(^|\.)hubspotSchedulerTool$/.test(node.type)) node.type = TOOL_NODE_TYPE;
		if (!node.credentials) continue;
		if (node.credentials[TOKEN_CREDENTIAL_TYPE] && credentials?.token) {
			node.credentials[TOKEN_CREDENTIAL_TYPE] = { ...credentials.token };
		}
		if (node.credentials[OAUTH2_CREDENTIAL_TYPE] && credentials?.oauth2) {
			node.credentials[OAUTH2_CREDENTIAL_TYPE] = { ...credentials.oauth2 };
		}
	}
	return wf;
}

/** Every workflow in examples/*.json (a file may hold one workflow or an array of them). */
export function exampleWorkflows(dir = path.join(ROOT, 'examples')) {
	if (!existsSync(dir)) return [];
	const out = [];
	for (const file of readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()) {
		let parsed;
		try {
			parsed = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
		} catch (e) {
			console.warn(`[examples] skipping ${file}: ${e.message}`);
			continue;
		}
		const list = Array.isArray(parsed) ? parsed : [parsed];
		list.forEach((wf, i) => {
			if (wf && Array.isArray(wf.nodes))
				out.push({ file, key: `example:${file}:${i}`, workflow: wf });
		});
	}
	return out;
}
