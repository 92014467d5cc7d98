/**
 * A plain clone works: no tracked file reads a path outside the repository. Our development machines
 * have a `shared/` folder beside the checkout (HubSpot's specs, notes); a user's clone does not, so
 * nothing in the repository may reach for it, or climb above the repository root in any other way.
 * Markdown may mention such folders as prose; everything else (code, scripts, configs, comments) may not.
 * `.ci/run` proves the rest by running `npm ci && npm test` in a copy with nothing beside it.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
/** This file quotes the patterns it looks for. */
const SELF = path.relative(ROOT, __filename).split(path.sep).join('/');

interface Finding {
	file: string;
	line: number;
	text: string;
	why: string;
}

/** Folders that exist only beside our checkouts, and absolute paths of the development machine. */
const MACHINE_ONLY: [RegExp, string][] = [
	[
		/(^|[^\w-])shared[\\/](hubspot-openapi|notes|hooks)\b/,
		'names a folder that exists only beside our checkouts',
	],
	[/(^|[\s'"`(=:])\/work\//, 'an absolute path of a development machine'],
	[/dirname\(\s*[\w.]*root\w*\s*\)/i, 'the folder above the repository root'],
];
/** `../..` in one string (not `...` spread or `x..y`). */
const CLIMB_IN_ONE = /(?:^|[^\w.\\/-])((?:\.\.[\\/])*\.\.)(?=[\\/'"`\s),;]|$)/g;
/** `'..', '..'` as separate path arguments. */
const CLIMB_AS_ARGS = /(['"`])\.\.\1(?:\s*,\s*(['"`])\.\.\2)*/g;
/** `resolve(ROOT, ...` / `join(repoRoot, ...`: a path built from the repository root itself. */
const FROM_ROOT = /\b(?:resolve|join)\(\s*[\w.]*root\w*\s*,/i;

/** Shell scripts resolve relative paths from the working directory, which is the repository root. */
function isShell(file: string): boolean {
	return file.startsWith('.ci/') || /\.(sh|bash)$/.test(file);
}

function outsideReads(file: string, text: string): Finding[] {
	const findings: Finding[] = [];
	const fileDepth = file.split('/').length - 1;
	text.split('\n').forEach((lineText, i) => {
		const add = (why: string) =>
			findings.push({ file, line: i + 1, text: lineText.trim().slice(0, 160), why });
		for (const [pattern, why] of MACHINE_ONLY) if (pattern.test(lineText)) add(why);
		// Relative to what? A path built from ROOT starts at depth 0, shell paths too; anything else is
		// relative to the file's own folder (imports, __dirname, import.meta.url, tsconfig fields).
		const baseDepth = FROM_ROOT.test(lineText) || isShell(file) ? 0 : fileDepth;
		const climbs = [
			...[...lineText.matchAll(CLIMB_IN_ONE)].map((m) => m[1].split(/[\\/]/).length),
			...[...lineText.matchAll(CLIMB_AS_ARGS)].map((m) => (m[0].match(/\.\./g) ?? []).length),
		];
		if (climbs.some((n) => n > baseDepth))
			add(
				`climbs ${Math.max(...climbs)} folder(s) up from depth ${baseDepth}: above the repository`,
			);
	});
	return findings;
}

function trackedFiles(): string[] {
	try {
		const out = execFileSync('git', ['ls-files', '-z'], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		if (out) return out.split('\0').filter(Boolean);
	} catch {
		/* a copy without .git (git archive): every file in it is a tracked one */
	}
	const files: string[] = [];
	const walk = (rel: string) => {
		for (const name of readdirSync(path.join(ROOT, rel))) {
			if (['.git', 'node_modules', 'dist', '.cache', 'coverage'].includes(name)) continue;
			const relPath = rel ? `${rel}/${name}` : name;
			if (statSync(path.join(ROOT, relPath)).isDirectory()) walk(relPath);
			else files.push(relPath);
		}
	};
	walk('');
	return files;
}

describe('the outside-path detector', () => {
	it.each([
		[
			'test/emulator/spec.ts',
			"return process.env.X || path.resolve(__dirname, '../../../shared/hubspot-openapi');",
		],
		[
			'scripts/lib/n8n.mjs',
			"export const SPEC_DIR = path.resolve(ROOT, '..', 'shared', 'hubspot-openapi');",
		],
		['bench/run.mjs', "process.env.HUBSPOT_OPENAPI_DIR ??= path.join(ROOT, '..', 'other');"],
		['scripts/x.mjs', "const parent = path.resolve(ROOT, '..');"],
		['scripts/x.mjs', 'const parent = path.dirname(REPO_ROOT);'],
		['test/a/b.ts', "import x from '../../../elsewhere/x';"],
		['package.json', '"pretest": "node ../tools/check.js"'],
		['.ci/run', '# CI: a clean clone of main, with ../shared beside it.'],
		[
			'scripts/lib/n8n-install.mjs',
			' * Facts behind the choices: notes in shared/notes/n8n-runtime.md',
		],
		['scripts/x.mjs', "const specs = '/work/shared/specs';"],
	])('flags %s: %s', (file, line) => {
		expect(outsideReads(file, line)).not.toEqual([]);
	});

	it.each([
		[
			'nodes/HubspotScheduler/resources/meeting/x.ts',
			"import { a } from '../../shared/associations';",
		],
		['test/e2e/workflows/index.mjs', "import { NODE_TYPE } from '../../../scripts/lib/n8n.mjs';"],
		[
			'scripts/lib/n8n-install.mjs',
			"export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');",
		],
		['test/harness/package-types.ts', "export const REPO_ROOT = path.resolve(__dirname, '../..');"],
		['test/tsconfig.json', '"rootDir": "..",'],
		['.ci/run', 'cd "$(dirname "$0")/.."'],
		['scripts/x.mjs', 'const all = [...items, ...more]; // 1..5, x..y'],
		['scripts/x.mjs', "const dir = path.join(ROOT, 'test', 'emulator', 'contract');"],
	])('leaves %s alone: %s', (file, line) => {
		expect(outsideReads(file, line)).toEqual([]);
	});
});

describe('a plain clone', () => {
	it('has no tracked file that reads a path outside the repository', () => {
		const files = trackedFiles().filter((f) => !f.endsWith('.md') && f !== SELF);
		expect(files.length).toBeGreaterThan(50);
		const findings: string[] = [];
		for (const file of files) {
			const buffer = readFileSync(path.join(ROOT, file));
			if (buffer.includes(0)) continue; // binary (icons, screenshots)
			for (const f of outsideReads(file, buffer.toString('utf8')))
				findings.push(`${f.file}:${f.line}: ${f.why}\n    ${f.text}`);
		}
		expect(findings).toEqual([]);
	});
});
