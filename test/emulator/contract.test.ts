/**
 * The emulator's contract (test/emulator/contract/): it holds exactly the operations endpoints.txt lists,
 * no prose, and a source record; and `npm run contract:update` (scripts/contract-update.mjs) makes it from
 * HubSpot's spec files deterministically (checked here on a small synthetic spec folder).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { CONTRACT_DIR, SpecRegistry, defaultSpecDir, validateRequest } from './spec';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts', 'contract-update.mjs');
const PROSE = ['description', 'summary', 'example', 'examples', 'externalDocs'];

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function listedEndpoints(dir: string): string[] {
	return readFileSync(path.join(dir, 'endpoints.txt'), 'utf8')
		.split('\n')
		.map((l) => l.replace(/#.*$/, '').trim())
		.filter(Boolean)
		.map((l) => l.split(/\s+/))
		.map(([, method, template]) => `${method.toUpperCase()} ${template}`)
		.sort();
}

/** Prose keys used as keywords (a schema *property* may be called "description"). */
function proseKeys(node: Json, at = '#', underNames = false): string[] {
	if (Array.isArray(node)) return node.flatMap((n, i) => proseKeys(n, `${at}/${i}`));
	if (!node || typeof node !== 'object') return [];
	return Object.entries(node).flatMap(([k, v]) => [
		...(!underNames && PROSE.includes(k) ? [`${at}/${k}`] : []),
		...(k === 'enum' || k === 'default' || k === 'required'
			? []
			: proseKeys(v, `${at}/${k}`, !underNames && k === 'properties')),
	]);
}

function runScript(args: string[]) {
	return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('the contract in the repository', () => {
	it('is what the emulator reads by default, inside the repository', () => {
		const saved = process.env.HUBSPOT_OPENAPI_DIR;
		delete process.env.HUBSPOT_OPENAPI_DIR;
		try {
			expect(defaultSpecDir()).toBe(CONTRACT_DIR);
		} finally {
			if (saved !== undefined) process.env.HUBSPOT_OPENAPI_DIR = saved;
		}
		expect(path.relative(ROOT, CONTRACT_DIR)).toBe(path.join('test', 'emulator', 'contract'));
	});

	it('holds exactly the operations endpoints.txt lists', () => {
		const registry = new SpecRegistry(CONTRACT_DIR);
		const held = registry.operations.map((o) => `${o.method} ${o.template}`).sort();
		expect(held).toEqual(listedEndpoints(CONTRACT_DIR));
		// every operation keeps its scope lists: the emulator's 403 MISSING_SCOPES depends on them
		for (const op of registry.operations.filter((o) => !o.template.startsWith('/oauth/'))) {
			expect(op.security.length).toBeGreaterThan(0);
		}
	});

	it('has no prose, and says where it comes from', () => {
		const files = readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.json'));
		for (const file of files)
			expect(proseKeys(JSON.parse(readFileSync(path.join(CONTRACT_DIR, file), 'utf8')))).toEqual(
				[],
			);
		const source = readFileSync(path.join(CONTRACT_DIR, 'SOURCE.md'), 'utf8');
		expect(source).toContain('https://github.com/HubSpot/HubSpot-public-api-spec-collection');
		expect(source).toMatch(/Commit: `[0-9a-f]{40}`/);
		expect(source).toMatch(/Commit date: \d{4}-\d{2}-\d{2}/);
		for (const file of files) expect(source).toContain(`| ${file} |`);
	});
});

/** A small OpenAPI document in HubSpot's style: prose, examples, a component nobody uses, many scopes. */
function syntheticSpec(): Json {
	return {
		openapi: '3.0.1',
		info: {
			title: 'Widgets',
			description: 'Widgets for HubSpot',
			version: '2026-03',
			'x-hubspot-product-tier-requirements': { sales: 'FREE' },
		},
		servers: [{ url: 'https://api.hubapi.com' }],
		tags: [{ name: 'Basic' }],
		paths: {
			'/widgets/2026-03/{widgetId}': {
				get: {
					tags: ['Basic'],
					summary: 'Read a widget',
					description: 'Long prose.',
					operationId: 'get-widget',
					parameters: [
						{
							name: 'widgetId',
							in: 'path',
							required: true,
							description: 'The id',
							schema: { type: 'string', example: '42' },
						},
					],
					responses: {
						'200': {
							description: 'ok',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Widget' } } },
						},
					},
					security: [{ oauth2: ['widgets.read'] }, { private_apps: [] }],
				},
				patch: {
					operationId: 'patch-widget',
					requestBody: {
						required: true,
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/WidgetInput' } },
						},
					},
					responses: { '200': { description: 'ok' } },
					security: [{ oauth2: ['widgets.write'] }],
				},
			},
		},
		components: {
			schemas: {
				Widget: {
					required: ['description', 'size'],
					type: 'object',
					description: 'A widget.',
					properties: {
						description: { type: 'string', description: 'the widget text' },
						size: { $ref: '#/components/schemas/Size' },
					},
					example: { description: 'x', size: 'S' },
				},
				Size: { type: 'string', enum: ['S', 'M', 'L'], description: 'How big' },
				WidgetInput: { type: 'object', properties: { size: { type: 'string' } } },
			},
			securitySchemes: {
				oauth2: {
					type: 'oauth2',
					flows: {
						authorizationCode: {
							authorizationUrl: 'https://a',
							tokenUrl: 'https://t',
							scopes: { 'widgets.read': '', 'widgets.write': '', 'other.scope': '' },
						},
					},
				},
				private_apps: { type: 'apiKey', name: 'private-app', in: 'header' },
				developer_hapikey: { type: 'apiKey', name: 'hapikey', in: 'query' },
			},
		},
	};
}

describe('npm run contract:update', () => {
	let work: string;
	let input: string;
	let out: string;

	beforeEach(() => {
		work = mkdtempSync(path.join(os.tmpdir(), 'contract-update-'));
		input = path.join(work, 'specs');
		out = path.join(work, 'contract');
		mkdirSync(path.join(input, 'PublicApiSpecs', 'Widgets', 'Rollouts', '1', '2026-03'), {
			recursive: true,
		});
		mkdirSync(out);
		writeFileSync(
			path.join(input, 'PublicApiSpecs', 'Widgets', 'Rollouts', '1', '2026-03', 'widgets.json'),
			JSON.stringify(syntheticSpec()),
		);
		writeFileSync(
			path.join(input, 'collection.json'),
			JSON.stringify({ info: { name: 'a Postman collection' }, item: [] }),
		);
		writeFileSync(
			path.join(input, 'SOURCE.md'),
			'commit `0123456789abcdef0123456789abcdef01234567` (2026-08-21)\n',
		);
		writeFileSync(
			path.join(out, 'endpoints.txt'),
			'# test\nwidgets-2026-03.json GET /widgets/2026-03/{widgetId}\n',
		);
	});
	afterEach(() => rmSync(work, { recursive: true, force: true }));

	it('says where HubSpot publishes the specs', () => {
		const help = runScript(['--help']);
		expect(help.status).toBe(0);
		expect(help.stdout).toContain('https://github.com/HubSpot/HubSpot-public-api-spec-collection');
		expect(runScript([]).status).toBe(2);
	});

	it('keeps the listed operations and what they reference, without prose, the same every time', () => {
		const first = runScript([input, '--out', out]);
		expect(first.stderr).toBe('');
		expect(first.status).toBe(0);
		const doc = JSON.parse(readFileSync(path.join(out, 'widgets-2026-03.json'), 'utf8'));
		expect(Object.keys(doc.paths)).toEqual(['/widgets/2026-03/{widgetId}']);
		expect(Object.keys(doc.paths['/widgets/2026-03/{widgetId}'])).toEqual(['get']); // patch not listed
		expect(Object.keys(doc.components.schemas)).toEqual(['Widget', 'Size']); // WidgetInput unused
		expect(doc.components.schemas.Widget).toEqual({
			required: ['description', 'size'],
			type: 'object',
			properties: { description: { type: 'string' }, size: { $ref: '#/components/schemas/Size' } },
		});
		expect(doc.components.schemas.Size).toEqual({ type: 'string', enum: ['S', 'M', 'L'] });
		expect(Object.keys(doc.components.securitySchemes)).toEqual(['oauth2', 'private_apps']);
		expect(doc.components.securitySchemes.oauth2.flows.authorizationCode.scopes).toEqual({
			'widgets.read': '',
		});
		expect(doc.info).toEqual({ title: 'Widgets', version: '2026-03' });
		expect(proseKeys(doc)).toEqual([]);
		expect(doc.tags).toBeUndefined();

		const source = readFileSync(path.join(out, 'SOURCE.md'), 'utf8');
		expect(source).toContain('Commit: `0123456789abcdef0123456789abcdef01234567`');
		expect(source).toContain('Commit date: 2026-08-21');
		expect(source).toContain('`PublicApiSpecs/Widgets/Rollouts/1/2026-03/widgets.json`');

		const before = readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), 'utf8')]);
		const again = runScript([input, '--out', out]);
		expect(again.stdout).toContain('0 file(s) written');
		expect(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), 'utf8')])).toEqual(
			before,
		);
		expect(runScript([input, '--out', out, '--check']).status).toBe(0);

		// what the emulator does with it: strict bodies, enums, required lists
		const registry = new SpecRegistry(out);
		const op = registry.operations[0];
		expect(
			registry.validateResponse(op, 200, 'application/json', { description: 'x', size: 'S' }),
		).toEqual([]);
		expect(
			registry.validateResponse(op, 200, 'application/json', { description: 'x', size: 'XL' }),
		).not.toEqual([]);
		expect(registry.validateResponse(op, 200, 'application/json', { size: 'S' })).not.toEqual([]);
		expect(
			validateRequest(registry, op, {
				params: {},
				query: {},
				contentType: undefined,
				body: undefined,
				strictBodies: true,
			}).errors,
		).toEqual([{ in: 'path.widgetId', message: 'is required but missing' }]);
	});

	it('adds an operation when a line is added, and --check notices a stale contract', () => {
		expect(runScript([input, '--out', out]).status).toBe(0);
		writeFileSync(
			path.join(out, 'endpoints.txt'),
			'widgets-2026-03.json GET /widgets/2026-03/{widgetId}\nwidgets-2026-03.json PATCH /widgets/2026-03/{widgetId}\n',
		);
		const stale = runScript([input, '--out', out, '--check']);
		expect(stale.status).toBe(1);
		expect(stale.stdout).toContain('widgets-2026-03.json differs');
		expect(
			runScript([input, '--out', out, '--commit', 'f'.repeat(40), '--date', '2027-01-01']).status,
		).toBe(0);
		const doc = JSON.parse(readFileSync(path.join(out, 'widgets-2026-03.json'), 'utf8'));
		expect(Object.keys(doc.paths['/widgets/2026-03/{widgetId}'])).toEqual(['get', 'patch']);
		expect(Object.keys(doc.components.schemas)).toEqual(['Widget', 'Size', 'WidgetInput']);
		expect(readFileSync(path.join(out, 'SOURCE.md'), 'utf8')).toContain(
			`Commit: \`${'f'.repeat(40)}\``,
		);
	});

	it('refuses an operation no spec defines, naming the line', () => {
		writeFileSync(
			path.join(out, 'endpoints.txt'),
			'\n\nwidgets-2026-03.json GET /widgets/2026-03/nope\n',
		);
		const result = runScript([input, '--out', out]);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain(
			'GET /widgets/2026-03/nope (endpoints list line 3): no spec file in the input folder defines it',
		);
		expect(readdirSync(out)).toEqual(['endpoints.txt']);
	});

	it("writes the committed contract's format wherever its folder is (not the repository's tab style)", () => {
		// The real contract lives inside the repository, where prettier would find .prettierrc (tabs):
		// then `--check` called every unchanged file different.
		mkdirSync(path.join(ROOT, '.cache'), { recursive: true });
		const inside = mkdtempSync(path.join(ROOT, '.cache', 'contract-update-'));
		try {
			writeFileSync(
				path.join(inside, 'endpoints.txt'),
				readFileSync(path.join(out, 'endpoints.txt'), 'utf8'),
			);
			expect(runScript([input, '--out', out]).status).toBe(0);
			expect(runScript([input, '--out', inside]).status).toBe(0);
			const written = readFileSync(path.join(inside, 'widgets-2026-03.json'), 'utf8');
			expect(written).toBe(readFileSync(path.join(out, 'widgets-2026-03.json'), 'utf8'));
			expect(written).not.toContain('\t');
			expect(written.startsWith('{\n  "openapi"')).toBe(true);
			expect(runScript([input, '--out', inside, '--check']).status).toBe(0);
		} finally {
			rmSync(inside, { recursive: true, force: true });
		}
	});

	it('is a plain file the repository runs as npm run contract:update', () => {
		const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
		expect(pkg.scripts['contract:update']).toBe('node scripts/contract-update.mjs');
		expect(execFileSync(process.execPath, ['--check', SCRIPT]).toString()).toBe('');
	});
});
