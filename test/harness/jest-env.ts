// n8n-core writes an instance config file into N8N_USER_FOLDER when it is first loaded:
// give every test worker its own throw-away folder instead of the developer's ~/.n8n.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-hubspot-scheduler-test-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// n8n-core's ErrorReporter logs every failed node (with stack) through n8n's Logger; tests assert on
// the returned error instead. Set N8N_LOG_LEVEL=debug (or error) when debugging a run.
process.env.N8N_LOG_LEVEL ??= 'silent';
