#!/usr/bin/env node
/**
 * `npm run contract:update -- <folder with HubSpot's published spec files>`: regenerates the emulator's
 * contract (test/emulator/contract/) from HubSpot's OpenAPI documents, for the operations listed in
 * test/emulator/contract/endpoints.txt. Same input, same output (byte for byte).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as prettier from 'prettier';

import {
	buildContractDocument,
	locateEndpoints,
	operationsOf,
	parseEndpointList,
} from './lib/openapi-contract.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT = path.join(ROOT, 'test', 'emulator', 'contract');
const UPSTREAM = 'https://github.com/HubSpot/HubSpot-public-api-spec-collection';

const USAGE = `Usage: npm run contract:update -- <spec folder> [--out <folder>] [--commit <sha>] [--date <YYYY-MM-DD>] [--check]

Regenerates the emulator's contract (test/emulator/contract/*.json and SOURCE.md) from HubSpot's
published OpenAPI documents: the operations listed in test/emulator/contract/endpoints.txt, the components
they reference, and no descriptions, summaries or examples.

<spec folder>  HubSpot's specs. HubSpot publishes them in ${UPSTREAM}
               (PublicApiSpecs/<Area>/<API>/Rollouts/<n>/<version>/<name>.json): pass a checkout of that
               repository, or any folder holding its JSON files (searched recursively; files that are not
               OpenAPI documents, such as the Postman collections beside them, are skipped).
--out          Where the contract goes (default: test/emulator/contract). endpoints.txt is read from there.
--commit, --date
               The upstream commit the specs come from, and its date. Default: read with git when the
               folder is a checkout, else from a SOURCE.md/README.md in the folder that names a 40-hex commit.
--check        Write nothing; exit 1 if the contract in --out differs from what the input would give.

To keep another operation (e.g. CRM meetings search), add a line to endpoints.txt and re-run:
  crm-meetings-2026-03.json POST /crm/objects/2026-03/meetings/search`;

function parseArgs(argv) {
	const args = { out: DEFAULT_OUT, check: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '-h' || a === '--help') args.help = true;
		else if (a === '--check') args.check = true;
		else if (a === '--out' || a === '--commit' || a === '--date') {
			if (argv[i + 1] === undefined) throw new Error(`${a} needs a value`);
			args[a.slice(2)] = argv[++i];
		} else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
		else if (args.specDir)
			throw new Error(`one spec folder, please (got ${args.specDir} and ${a})`);
		else args.specDir = a;
	}
	return args;
}

/** Every *.json below `dir` that is an OpenAPI document, by path relative to `dir` (sorted). */
function readSpecFolder(dir) {
	const found = [];
	const walk = (rel) => {
		for (const name of readdirSync(path.join(dir, rel)).sort()) {
			if (name === '.git' || name === 'node_modules') continue;
			const relPath = rel ? `${rel}/${name}` : name;
			const full = path.join(dir, relPath);
			if (statSync(full).isDirectory()) walk(relPath);
			else if (name.endsWith('.json')) {
				const text = readFileSync(full, 'utf8');
				let doc;
				try {
					doc = JSON.parse(text);
				} catch {
					continue;
				}
				if (typeof doc?.openapi === 'string' && doc.paths && typeof doc.paths === 'object') {
					found.push({
						path: relPath,
						doc,
						sha256: createHash('sha256').update(text).digest('hex'),
					});
				}
			}
		}
	};
	walk('');
	return found;
}

/** The upstream commit and date: flags, else git, else a SOURCE.md/README.md that names them. */
function upstreamRevision(dir, args) {
	if (args.commit) return { commit: args.commit, date: args.date ?? 'unknown' };
	try {
		const git = (...a) =>
			execFileSync('git', ['-C', dir, ...a], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}).trim();
		// A folder inside this repository (a test's input) is not HubSpot's checkout.
		if (path.resolve(git('rev-parse', '--show-toplevel')) !== ROOT) {
			return {
				commit: git('rev-parse', 'HEAD'),
				date: args.date ?? git('log', '-1', '--format=%cs'),
			};
		}
	} catch {
		/* not a checkout */
	}
	for (const name of ['SOURCE.md', 'README.md']) {
		const file = path.join(dir, name);
		if (!existsSync(file)) continue;
		const text = readFileSync(file, 'utf8');
		const commit = /\b([0-9a-f]{40})\b/.exec(text)?.[1];
		if (!commit) continue;
		const date = new RegExp(`${commit}\\W{0,4}\\((\\d{4}-\\d{2}-\\d{2})\\)`).exec(text)?.[1];
		return { commit, date: args.date ?? date ?? 'unknown' };
	}
	return { commit: 'unknown', date: args.date ?? 'unknown' };
}

/**
 * JSON as the committed contract holds it: prettier's JSON defaults (two spaces, short arrays on one line),
 * not the repository's .prettierrc (tabs), which skips the contract (.prettierignore). Reading the
 * repository's settings here made `--check` call every unchanged file different.
 */
async function format(value) {
	return await prettier.format(JSON.stringify(value, null, 2), { parser: 'json' });
}

function sourceRecord(revision, entries) {
	const rows = entries.map(
		(e) =>
			`| ${e.file} | \`${e.source.path}\` | \`${e.source.sha256.slice(0, 16)}\` | ${e.endpoints.length} |`,
	);
	return [
		'# Source of the emulator contract',
		'',
		'Generated by `npm run contract:update -- <spec folder>` (scripts/contract-update.mjs); do not edit the',
		'JSON files by hand: change endpoints.txt and run the script again.',
		'',
		`- Upstream: ${UPSTREAM}`,
		`- Commit: \`${revision.commit}\``,
		`- Commit date: ${revision.date}`,
		'- Kept: the operations in endpoints.txt with their parameters, request and response schemas, enums,',
		'  formats, required lists and security (scope) lists; the components they reference.',
		'- Removed: descriptions, summaries, examples, tags, documentation-only `x-hubspot-*` extensions,',
		'  unreferenced components, and the oauth2 scopes no kept operation names.',
		'',
		'| contract file | input file (path in the spec folder) | input sha256 (first 16) | operations |',
		'| --- | --- | --- | --- |',
		...rows,
		'',
	].join('\n');
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help || !args.specDir) {
		console.log(USAGE);
		process.exit(args.help ? 0 : 2);
	}
	const specDir = path.resolve(args.specDir);
	const out = path.resolve(args.out);
	if (!existsSync(specDir) || !statSync(specDir).isDirectory())
		throw new Error(`no folder at ${specDir}`);
	const endpoints = parseEndpointList(readFileSync(path.join(out, 'endpoints.txt'), 'utf8'));
	const sources = readSpecFolder(specDir);
	if (sources.length === 0) throw new Error(`no OpenAPI documents in ${specDir}`);
	const entries = locateEndpoints(endpoints, sources).sort((a, b) => a.file.localeCompare(b.file));

	const files = new Map();
	for (const entry of entries) {
		const doc = buildContractDocument(entry.source, entry.endpoints);
		const missing = entry.endpoints
			.map((e) => `${e.method} ${e.template}`)
			.filter((k) => !operationsOf(doc).includes(k));
		if (missing.length) throw new Error(`${entry.file}: lost ${missing.join(', ')}`);
		files.set(entry.file, await format(doc));
	}
	files.set('SOURCE.md', sourceRecord(upstreamRevision(specDir, args), entries));

	const stale = readdirSync(out).filter((f) => f.endsWith('.json') && !files.has(f));
	const changed = [...files].filter(
		([name, text]) =>
			!existsSync(path.join(out, name)) || readFileSync(path.join(out, name), 'utf8') !== text,
	);
	if (args.check) {
		const problems = [
			...changed.map(([name]) => `${name} differs`),
			...stale.map((f) => `${f} is not in endpoints.txt`),
		];
		console.log(
			problems.length ? `contract out of date:\n  ${problems.join('\n  ')}` : 'contract up to date',
		);
		process.exit(problems.length ? 1 : 0);
	}
	mkdirSync(out, { recursive: true });
	for (const [name, text] of changed) writeFileSync(path.join(out, name), text);
	for (const name of stale) rmSync(path.join(out, name));
	const operations = entries.reduce((n, e) => n + e.endpoints.length, 0);
	console.log(
		`contract: ${operations} operations in ${entries.length} files (${path.relative(ROOT, out) || out}); ` +
			`${changed.length} file(s) written, ${stale.length} removed`,
	);
}

main().catch((error) => {
	console.error(`contract:update: ${error.message}`);
	console.error('Run with --help for usage.');
	process.exit(1);
});
