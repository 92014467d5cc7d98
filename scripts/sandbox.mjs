#!/usr/bin/env node
/** `npm run sandbox`: the offline HubSpot sandbox alone (API on :8470, OAuth consent page on :8471). Ctrl-C stops it. */
import { loadSandboxModule, onShutdown } from './lib/n8n.mjs';

const arg = (name, fallback) => {
	const i = process.argv.indexOf(name);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const stoppers = [];
onShutdown(stoppers);
const { startSandbox } = await loadSandboxModule();
const sandbox = await startSandbox({
	port: arg('--port', 8470),
	consentPort: arg('--consent-port', 8471),
	// demo data dated around today: free slots on the coming weekdays, meetings last and next week
	now: new Date(),
});
stoppers.push(() => sandbox.stop());
console.log(`HubSpot sandbox API:      ${sandbox.apiUrl}   (Base URL of a credential)`);
console.log(`OAuth consent page:       ${sandbox.authorizeUrl}`);
console.log(`OAuth token endpoint:     ${sandbox.tokenUrl}`);
console.log(`Service key:              ${sandbox.serviceKey}`);
console.log(
	`OAuth client id / secret: ${sandbox.oauthClient.clientId} / ${sandbox.oauthClient.clientSecret}`,
);
console.log('Ctrl-C stops it.');
