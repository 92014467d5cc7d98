/**
 * eslint.config.mjs adds to n8n's community-node config (it is why package.json's n8n.strict is false): this
 * checks that what ships (nodes/, credentials/, package.json) is linted exactly as n8n's default config lints
 * it, and that the tooling exceptions stay in the tooling folders. ESLint runs in a child process because it
 * loads configs as ES modules, which jest's module system does not.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

type Rules = Record<string, unknown>;

/** The rules each config applies to each file: ours (eslint.config.mjs) and node-cli's default `config`. */
function effectiveRules(files: string[]): Record<string, { ours: Rules; default: Rules }> {
	const script = `
		import { ESLint } from 'eslint';
		import { config } from '@n8n/node-cli/eslint';
		const files = JSON.parse(process.argv[1]);
		const ours = new ESLint({ cwd: process.cwd() });
		const theDefault = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: config });
		const out = {};
		for (const file of files) {
			out[file] = {
				ours: (await ours.calculateConfigForFile(file))?.rules ?? {},
				default: (await theDefault.calculateConfigForFile(file))?.rules ?? {},
			};
		}
		console.log(JSON.stringify(out));
	`;
	const run = spawnSync(
		process.execPath,
		['--input-type=module', '-e', script, JSON.stringify(files)],
		{
			cwd: ROOT,
			encoding: 'utf8',
			timeout: 120_000,
			// Every file's rules as JSON: about 25 kB a file, past spawnSync's 1 MB default with ~45 files.
			maxBuffer: 64 * 1024 * 1024,
		},
	);
	if (run.status !== 0) throw new Error(run.stderr);
	return JSON.parse(run.stdout);
}

const tracked = (pattern: string) =>
	execFileSync('git', ['ls-files', pattern], { cwd: ROOT, encoding: 'utf8' })
		.split('\n')
		.filter(Boolean);
const severity = (rules: Rules, rule: string) => {
	const setting = rules[rule];
	return Array.isArray(setting) ? setting[0] : setting;
};

describe('eslint.config.mjs', () => {
	const shipped = [...tracked('nodes/*.ts'), ...tracked('credentials/*.ts'), 'package.json'];
	const tooling = [
		'test/emulator/emulator.ts',
		'bench/src/worker.ts',
		'test/e2e/run.mjs',
		'scripts/start.mjs',
	];
	let rules: ReturnType<typeof effectiveRules>;

	beforeAll(() => {
		rules = effectiveRules([...shipped, ...tooling]);
	});

	it('lints nodes/, credentials/ and package.json exactly as n8n-node lint does by default', () => {
		expect(shipped.length).toBeGreaterThan(5);
		for (const file of shipped) {
			expect({ file, rules: rules[file].ours }).toEqual({ file, rules: rules[file].default });
			expect(
				Object.keys(rules[file].ours).some((rule) => rule.startsWith('@n8n/community-nodes/')),
			).toBe(true);
		}
	});

	it('turns the sandbox rules off only for tooling, which keeps the recommended JS and TS rules', () => {
		const ts = rules['test/emulator/emulator.ts'].ours;
		expect(severity(ts, '@n8n/community-nodes/no-restricted-globals')).toBe(0);
		expect(severity(ts, 'no-console')).toBe(0);
		expect(severity(ts, '@typescript-eslint/no-explicit-any')).toBe(2);
		expect(severity(ts, 'no-unused-vars')).toBe(0); // replaced by the TypeScript rule:
		expect(severity(ts, '@typescript-eslint/no-unused-vars')).toBe(2);
		for (const file of ['test/e2e/run.mjs', 'scripts/start.mjs']) {
			expect({ file, noUndef: severity(rules[file].ours, 'no-undef') }).toEqual({
				file,
				noUndef: 2,
			});
		}
		const node = rules[shipped[0]].ours;
		expect(severity(node, '@n8n/community-nodes/no-restricted-globals')).toBe(2);
		expect(severity(node, 'no-console')).toBe(2);
	});
});
