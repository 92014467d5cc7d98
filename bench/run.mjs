#!/usr/bin/env node
/**
 * `npm run bench` (after `npm run build`): installs n8n-nodes-base for the HTTP Request node into
 * .cache/bench-deps once, compiles bench/src (+ the test harness and emulator it imports) into
 * .cache/bench-build, then runs bench/src/main.ts. See bench/README.md.
 *
 * Exit code: 0 when the benchmark ran (targets missed or not: it is a measurement), 1 when it crashed.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureBenchDeps, ensureGitignored } from './deps.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = path.join(ROOT, '.cache', 'bench-build');
const log = (...a) => console.log('[bench]', ...a);
const require = createRequire(import.meta.url);

function compile() {
	return new Promise((resolve, reject) => {
		const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
		const child = spawn(process.execPath, [tsc, '-p', path.join(ROOT, 'bench', 'tsconfig.json')], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) return resolve();
			// tsc still emits on type errors. Errors in bench/ are ours: fail. Errors elsewhere (the test
			// harness/emulator being edited by someone else) are reported, and the run goes on.
			const benchErrors = out.split('\n').filter((l) => /^bench[\\/]/.test(l));
			if (benchErrors.length > 0 || !existsSync(path.join(BUILD, 'bench', 'src', 'main.js'))) {
				reject(new Error(`compiling the benchmark failed:\n${out}`));
				return;
			}
			log(
				'warning: type errors outside bench/ (compiled anyway):\n' +
					out.trim().split('\n').slice(0, 10).join('\n'),
			);
			resolve();
		});
	});
}

function versionOf(name, from = ROOT) {
	try {
		return JSON.parse(
			readFileSync(require.resolve(`${name}/package.json`, { paths: [from] }), 'utf8'),
		).version;
	} catch {
		return '?';
	}
}

async function main() {
	const argv = process.argv.slice(2);
	if (
		!existsSync(path.join(ROOT, 'dist', 'nodes', 'HubspotScheduler', 'HubspotScheduler.node.js'))
	) {
		throw new Error('dist/ is missing: run `npm run build` first (`npm run bench` does).');
	}
	ensureGitignored(ROOT, '.cache');
	const depsDir = await ensureBenchDeps(ROOT, log);
	log('compiling bench/ …');
	await compile();

	process.env.HUBSPOT_OPENAPI_DIR ??= path.join(ROOT, 'test', 'emulator', 'contract');
	process.env.N8N_USER_FOLDER ??= path.join(os.tmpdir(), 'n8n-hubspot-scheduler-bench');
	process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
	process.env.N8N_LOG_LEVEL ??= 'silent';
	const bench = require(path.join(BUILD, 'bench', 'src', 'main.js'));
	if (argv.includes('--help') || argv.includes('-h')) {
		console.log(bench.USAGE);
		return;
	}
	const options = bench.parseOptions(argv, {
		repoRoot: ROOT,
		depsDir,
		workerJs: path.join(BUILD, 'bench', 'src', 'worker.js'),
		resultsFile: path.join(ROOT, '.cache', 'bench-results.md'),
	});
	const cpu = os.cpus();
	const environment = [
		`Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB; ` +
			`n8n-core ${versionOf('n8n-core')}, n8n-workflow ${versionOf('n8n-workflow')} (one copy, shared by both nodes), ` +
			`n8n-nodes-base ${versionOf('n8n-nodes-base', depsDir)}; ${readPkg().name} ${readPkg().version} from dist/.`,
		'Both nodes run in-process through n8n-core\'s WorkflowExecute with "On Error: Continue" (continue-on-fail), one worker process per run.',
	];
	await bench.main(options, environment);
}

function readPkg() {
	return JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error('[bench] crashed:', error?.stack ?? error);
		process.exit(1);
	},
);
