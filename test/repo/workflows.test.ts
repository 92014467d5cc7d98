/**
 * GitHub Actions cannot run here, so this reads the workflow files and checks what they promise: when they
 * run, with which permissions and Node versions, and that every command they call exists in this repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	if?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	if?: string;
	'runs-on': string;
	permissions?: Record<string, string>;
	strategy?: { matrix?: Record<string, unknown[]> };
	steps: Step[];
}
interface Workflow {
	on: Record<string, { branches?: string[]; tags?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	version: string;
	scripts: Record<string, string>;
	devEngines: { packageManager: { name: string; version: string } };
};
const read = (file: string) => parse(readFileSync(path.join(ROOT, file), 'utf8')) as Workflow;
const ci = read('.github/workflows/ci.yml');
const publish = read('.github/workflows/publish.yml');
const commands = (job: Job) =>
	job.steps.flatMap((step) => (step.run ?? '').split('\n').map((line) => line.trim()));
const jobRunning = (workflow: Workflow, command: string) =>
	Object.values(workflow.jobs).find((job) => commands(job).includes(command));

/** "11.19.1" → [11, 19, 1]; compares like semver for plain versions. */
const versionParts = (version: string) => version.split('.').map(Number);
const atLeast = (version: string, minimum: string) => {
	const [a, b] = [versionParts(version), versionParts(minimum)];
	for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
	return true;
};
/** A GitHub branch/tag filter as a RegExp (`*` is anything but `/`). */
const filterRegExp = (pattern: string) =>
	new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

describe.each([
	['ci.yml', ci],
	['publish.yml', publish],
])('%s', (_file, workflow) => {
	const jobs = Object.entries(workflow.jobs);

	it('calls only npm scripts and files that exist', () => {
		for (const [, job] of jobs) {
			for (const line of commands(job)) {
				const script =
					/\bnpm run ([\w:.-]+)/.exec(line)?.[1] ??
					(/\bnpm test\b/.test(line) ? 'test' : undefined);
				if (script) expect({ line, exists: script in pkg.scripts }).toEqual({ line, exists: true });
				const file = /^bash (\S+)/.exec(line)?.[1];
				if (file)
					expect({ line, exists: existsSync(path.join(ROOT, file)) }).toEqual({
						line,
						exists: true,
					});
			}
		}
	});

	it('installs the npm that package.json requires before `npm ci` in every job', () => {
		const minimum = pkg.devEngines.packageManager.version.replace(/^>=\s*/, '');
		for (const [name, job] of jobs) {
			const lines = commands(job);
			const install = lines.findIndex((line) => /^npm install -g npm@\d/.test(line));
			expect({ name, install: install >= 0 }).toEqual({ name, install: true });
			expect(install).toBeLessThan(lines.indexOf('npm ci'));
			const version = /npm@([\d.]+)/.exec(lines[install])![1];
			expect({ name, version, enough: atLeast(version, minimum) }).toEqual({
				name,
				version,
				enough: true,
			});
		}
	});

	it('uses actions pinned to a major version', () => {
		for (const [, job] of jobs) {
			for (const step of job.steps.filter((s) => s.uses))
				expect(step.uses).toMatch(/^actions\/[\w-]+@v\d+$/);
		}
	});
});

describe('ci.yml', () => {
	it('runs on pull requests, on pushes to main, and by hand', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
		expect(ci.on.push?.branches).toEqual(['main']);
		expect(ci.permissions).toEqual({ contents: 'read' });
	});

	it('lints, builds and runs npm test on Node 20 and 22', () => {
		const job = jobRunning(ci, 'npm test')!;
		expect(job.strategy?.matrix?.['node-version']).toEqual([20, 22]);
		const setup = job.steps.find((step) => step.uses?.startsWith('actions/setup-node'));
		expect(setup?.with?.['node-version']).toBe('${{ matrix.node-version }}');
		const lines = commands(job);
		for (const command of ['npm ci', 'npm run lint', 'npm run build', 'npm test'])
			expect(lines).toContain(command);
		expect(job.if).toBeUndefined();
	});

	it('has a job for the real-n8n suites', () => {
		const job = jobRunning(ci, 'bash .ci/run.e2e');
		expect(job).toBeDefined();
		expect(job!.if).toBeUndefined();
		expect(readFileSync(path.join(ROOT, '.ci/run.e2e'), 'utf8')).toContain(
			'npm run --silent test:e2e',
		);
	});

	it('offers the live check only when started by hand, with the token from a repository secret', () => {
		const job = ci.jobs.live;
		expect(job.if).toBe("github.event_name == 'workflow_dispatch'");
		const step = job.steps.find((s) => s.run === 'npm run test:live')!;
		expect(step.env).toEqual({
			HUBSPOT_TEST_ACCOUNT_TOKEN: '${{ secrets.HUBSPOT_TEST_ACCOUNT_TOKEN }}',
		});
		expect(pkg.scripts['test:live']).toBe('node test/live/run.mjs');
	});
});

describe('publish.yml', () => {
	const job = Object.values(publish.jobs)[0];

	it('runs only for version tags', () => {
		expect(Object.keys(publish.on)).toEqual(['push']);
		expect(publish.on.push?.branches).toBeUndefined();
		const tags = (publish.on.push?.tags ?? []).map(filterRegExp);
		const matches = (ref: string) => tags.some((tag) => tag.test(ref));
		expect([pkg.version, `v${pkg.version}`, '1.2.3', '2.0.0-rc.1'].filter(matches)).toHaveLength(4);
		expect(['main', 'v1', 'release-1', 'docs/1.2.3'].filter(matches)).toEqual([]);
	});

	it('may mint an OIDC token for provenance and read the repository, nothing else', () => {
		expect(Object.keys(publish.jobs)).toHaveLength(1);
		expect(publish.permissions).toBeUndefined();
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	it('installs from the lockfile, tests, then publishes through n8n-node release', () => {
		const lines = commands(job);
		const order = ['npm ci', 'npm test', 'npm run release'].map((command) =>
			lines.indexOf(command),
		);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(pkg.scripts.release).toBe('n8n-node release');
		expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
	});

	it('publishes with Trusted Publishing, or with the NPM_TOKEN secret when it is set', () => {
		const release = job.steps.find((step) => step.run?.includes('npm run release'))!;
		expect(release.env).toEqual({ NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
		expect(release.run).toContain('npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"');
		const npmVersion = /npm@([\d.]+)/.exec(
			commands(job).find((line) => line.startsWith('npm install -g npm@'))!,
		)![1];
		expect(atLeast(npmVersion, '11.5.1')).toBe(true);
	});

	it("refuses a tag that is not package.json's version", () => {
		const check = job.steps.find((step) => step.run?.includes('GITHUB_REF_NAME'));
		expect(check?.run).toContain("require('./package.json').version");
		expect(check?.run).toContain('exit 1');
	});
});

describe('dependabot.yml', () => {
	it('updates npm dependencies and GitHub Actions', () => {
		const config = parse(readFileSync(path.join(ROOT, '.github/dependabot.yml'), 'utf8')) as {
			version: number;
			updates: Array<{ 'package-ecosystem': string; directory: string }>;
		};
		expect(config.version).toBe(2);
		expect(config.updates.map((u) => `${u['package-ecosystem']} ${u.directory}`).sort()).toEqual([
			'github-actions /',
			'npm /',
		]);
	});
});
