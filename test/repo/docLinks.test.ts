/**
 * Issue 11 #6: every documentation link of the package — both nodes' Docs link (`documentationUrl`, which
 * n8n's editor takes as it is), their codex (`*.node.json`: primary and credential documentation) and both
 * credentials' `documentationUrl` — points at this project's README (package.json `repository` and
 * `homepage`), at a section that exists. Needs the built package (`npm test` builds before jest).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

interface PackageJson {
	homepage: string;
	repository: { url: string };
	n8n: { nodes: string[]; credentials: string[] };
}
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
/** The repository's page: package.json's repository URL without git's decorations. */
const REPOSITORY = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
function githubSlug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/`/g, '')
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}
const README_ANCHORS = new Set([
	'readme',
	...readFileSync(path.join(ROOT, 'README.md'), 'utf8')
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => githubSlug(line.replace(/^#+ /, ''))),
]);

type Described = { description?: { documentationUrl?: string }; documentationUrl?: string };
function load(file: string): Described {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module = require(path.join(ROOT, file)) as Record<string, new () => Described>;
	const [Class] = Object.values(module);
	return new Class();
}

interface Codex {
	resources: Record<'primaryDocumentation' | 'credentialDocumentation', Array<{ url: string }>>;
}

const links: Array<[string, string | undefined]> = [
	...pkg.n8n.nodes.flatMap((file): Array<[string, string | undefined]> => {
		const codex = JSON.parse(
			readFileSync(path.join(ROOT, file.replace(/\.js$/, '.json')), 'utf8'),
		) as Codex;
		return [
			[`${file} documentationUrl`, load(file).description?.documentationUrl],
			...codex.resources.primaryDocumentation.map(({ url }): [string, string] => [
				`${file} codex primaryDocumentation`,
				url,
			]),
			...codex.resources.credentialDocumentation.map(({ url }): [string, string] => [
				`${file} codex credentialDocumentation`,
				url,
			]),
		];
	}),
	...pkg.n8n.credentials.map((file): [string, string | undefined] => [
		`${file} documentationUrl`,
		load(file).documentationUrl,
	]),
];

test("package.json's homepage is the repository's README", () => {
	expect(REPOSITORY).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+$/);
	expect(pkg.homepage).toBe(`${REPOSITORY}#readme`);
});

test('two nodes and two credentials are checked', () => {
	expect(pkg.n8n.nodes).toHaveLength(2);
	expect(pkg.n8n.credentials).toHaveLength(2);
	expect(links).toHaveLength(2 * 3 + 2);
});

test.each(links)('%s points at a section of this README', (_where, url) => {
	expect(url).toBeDefined();
	const [page, anchor] = String(url).split('#');
	expect(page).toBe(REPOSITORY);
	expect([...README_ANCHORS]).toContain(anchor);
});

test("each node's Docs link is its codex's primary documentation", () => {
	for (const file of pkg.n8n.nodes) {
		const codex = JSON.parse(
			readFileSync(path.join(ROOT, file.replace(/\.js$/, '.json')), 'utf8'),
		) as Codex;
		expect(load(file).description?.documentationUrl).toBe(
			codex.resources.primaryDocumentation[0].url,
		);
	}
});
