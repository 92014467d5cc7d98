/**
 * What `npm publish` ships, and the guards around publishing and installing. npm runs here the way a
 * maintainer's shell runs it: in the repository, with its .npmrc, without the npm_* variables that the
 * surrounding `npm test` exports (they would otherwise override the .npmrc), and with no registry in reach.
 * Needs the built package (`npm test` builds before jest).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
// The budget guards against shipping what users do not need (screenshots, tests, source maps — the file
// list below is the exact check). It was 40 kB when the package had one node and a short README; the
// README's Architecture section and field reference (~13 kB compressed) and the operations since then
// outgrew it, so it was 64 kB; issue 11's operations (meeting search, find-or-create, people by email: about
// 2.5 kB compressed) made it 72 kB; Get Availability's date range, Book's durations and booking output with their
// README reference (about 4 kB compressed) and issue 11 #6 (Create's record URL and what was sent, operation
// errors without "Error code: none": about 1.5 kB) made it 78 kB; issue 13's pacing across processes (the
// account's window and shares, the search backoff: about 2 kB compressed) made it 80 kB (79,997 bytes), so the budget is 84 kB: still a tarball n8n
// installs in well under a second.
const TARBALL_LIMIT_BYTES = 84_000;
const NO_REGISTRY = ['--registry=http://127.0.0.1:9/', '--fetch-retries=0'];
const GUARD_MESSAGE = 'Run `npm run release` to publish the package';

interface PackageJson {
	files: string[];
	scripts: Record<string, string>;
	allowScripts?: Record<string, boolean>;
	n8n: { nodes: string[]; credentials: string[] };
}
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;

function npm(args: string[], extraEnv: Record<string, string> = {}) {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (
			value !== undefined &&
			!/^npm_/i.test(key) &&
			key !== 'INIT_CWD' &&
			key !== 'RELEASE_MODE'
		) {
			env[key] = value;
		}
	}
	const result = spawnSync('npm', args, {
		cwd: ROOT,
		env: { ...env, ...extraEnv },
		encoding: 'utf8',
		timeout: 120_000,
	});
	return { status: result.status, stdout: result.stdout, output: result.stdout + result.stderr };
}

/** Files under `dir` (relative to ROOT), recursively. */
function walk(dir: string): string[] {
	const full = path.join(ROOT, dir);
	if (!existsSync(full)) return [];
	return readdirSync(full, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? walk(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`],
	);
}

/** What the build makes of the sources: tsc's .js per .ts, gulp's codex JSON and icons. */
function expectedDist(): string[] {
	const sources = [...walk('nodes'), ...walk('credentials')];
	const compiled = sources
		.filter((file) => file.endsWith('.ts'))
		.map((file) => `dist/${file.replace(/\.ts$/, '.js')}`);
	const codex = sources.filter((file) => file.endsWith('.node.json')).map((file) => `dist/${file}`);
	const icons = walk('icons')
		.filter((file) => /\.(png|svg)$/.test(file))
		.map((file) => `dist/${file}`);
	return [...compiled, ...codex, ...icons];
}

describe('the npm tarball', () => {
	let packed: { size: number; files: Array<{ path: string }> };

	beforeAll(() => {
		expect(existsSync(path.join(ROOT, 'dist'))).toBe(true);
		const run = npm(['pack', '--dry-run', '--json', ...NO_REGISTRY]);
		expect(run.status).toBe(0);
		packed = (JSON.parse(run.stdout) as Array<typeof packed>)[0];
	});

	it('holds the built node, README, LICENSE, CHANGELOG and package.json, nothing else', () => {
		const files = packed.files.map((file) => file.path).sort();
		const expected = [
			...expectedDist(),
			'CHANGELOG.md',
			'LICENSE',
			'README.md',
			'package.json',
		].sort();
		expect(files).toEqual(expected);
		expect(
			files.filter((file) => file.startsWith('docs/') || /\.(png|ts|map)$/.test(file)),
		).toEqual([]);
	});

	it('holds every node and credential package.json registers with n8n', () => {
		const files = new Set(packed.files.map((file) => file.path));
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
	});

	it(`stays under ${TARBALL_LIMIT_BYTES / 1000} kB`, () => {
		expect(packed.size).toBeLessThan(TARBALL_LIMIT_BYTES);
	});
});

describe('publishing', () => {
	it('prepublishOnly stops a plain `npm publish`: only `npm run release` publishes', () => {
		const run = npm(['publish', '--dry-run', ...NO_REGISTRY]);
		expect(run.output).toContain(`prepublishOnly\n> ${pkg.scripts.prepublishOnly}`);
		expect(run.output).toContain(GUARD_MESSAGE);
		expect(run.status).not.toBe(0);
	});

	it('only lifecycle scripts stand in the way: with --ignore-scripts the same publish gets through', () => {
		// The control for the test above (and what an `ignore-scripts=true` .npmrc used to do silently).
		const run = npm(['publish', '--dry-run', '--ignore-scripts', ...NO_REGISTRY]);
		expect(run.output).not.toContain(GUARD_MESSAGE);
		expect(run.status).toBe(0);
	});

	it('lets the publish of `npm run release` through (n8n-node release sets RELEASE_MODE)', () => {
		const run = npm(['publish', '--dry-run', ...NO_REGISTRY], { RELEASE_MODE: 'true' });
		expect(run.output).toContain('prepublishOnly');
		expect(run.output).not.toContain(GUARD_MESSAGE);
		expect(run.status).toBe(0);
	});
});

describe('install scripts', () => {
	it('the repository runs its own lifecycle scripts and rejects unreviewed dependency scripts', () => {
		const run = npm(['config', 'get', 'ignore-scripts', 'strict-allow-scripts']);
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('ignore-scripts=false');
		expect(run.stdout).toContain('strict-allow-scripts=true');
	});

	it('allowScripts decides for every locked dependency that has install scripts', () => {
		const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
			packages: Record<string, { hasInstallScript?: boolean; name?: string }>;
		};
		const withScripts = Object.entries(lock.packages)
			.filter(([, entry]) => entry.hasInstallScript)
			.map(([location, entry]) => entry.name ?? location.replace(/^.*node_modules\//, ''));
		expect(withScripts.length).toBeGreaterThan(0);
		const undecided = withScripts.filter((name) => typeof pkg.allowScripts?.[name] !== 'boolean');
		expect(undecided).toEqual([]);
	});
});
