/**
 * Loads n8n's HTTP Request node (and its Header Auth credential) from the benchmark's own install of
 * n8n-nodes-base in .cache/bench-deps, wired to the SAME n8n-workflow / n8n-core as our engine.
 *
 * Why: n8n-nodes-base brings its own copy of n8n-workflow (same version, but a second module
 * instance). Two instances break n8n-core's `instanceof NodeApiError / NodeOperationError / ...`
 * checks, and n8n's DI container (@n8n/di) would be a different singleton. So every bare
 * `require('n8n-workflow' | 'n8n-core' | '@n8n/<di-related>')` made by a file inside
 * .cache/bench-deps/node_modules is resolved as if required from the repository (the copy n8n-core
 * itself uses). Everything else (lodash, cheerio, jsdom, …) comes from .cache/bench-deps.
 * `assertSingleCopies()` checks afterwards that no second copy was loaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

/** Packages that must be one module instance across the engine and the HTTP Request node. */
const SINGLETON_PACKAGES = ['n8n-workflow', 'n8n-core'];
/** n8n's DI/config packages: taken from n8n-core's own dependency tree when it has them. */
const CORE_SIBLING_PACKAGES = [
	'@n8n/di',
	'@n8n/config',
	'@n8n/backend-common',
	'@n8n/backend-network',
	'@n8n/constants',
	'@n8n/decorators',
];

function packageName(request: string): string | undefined {
	if (request.startsWith('.') || path.isAbsolute(request) || request.startsWith('node:'))
		return undefined;
	const parts = request.split('/');
	return request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export interface RedirectReport {
	redirected: Record<string, string>;
	versions: Record<string, { benchDeps?: string; engine: string }>;
}

let installed: RedirectReport | undefined;

export function installSharedResolution(depsDir: string, repoRoot: string): RedirectReport {
	if (installed) return installed;
	const depsModules = path.join(depsDir, 'node_modules') + path.sep;
	const coreDir = path.dirname(require.resolve('n8n-core/package.json', { paths: [repoRoot] }));
	const report: RedirectReport = { redirected: {}, versions: {} };
	for (const name of SINGLETON_PACKAGES) {
		const engineManifest = require.resolve(`${name}/package.json`, { paths: [repoRoot] });
		const engine = (JSON.parse(readFileSync(engineManifest, 'utf8')) as { version: string })
			.version;
		const own = path.join(depsModules, name, 'package.json');
		report.versions[name] = {
			engine,
			benchDeps: existsSync(own)
				? (JSON.parse(readFileSync(own, 'utf8')).version as string)
				: undefined,
		};
	}

	const M = Module as unknown as {
		_resolveFilename: (
			request: string,
			parent: { filename?: string } | undefined,
			isMain: boolean,
			options?: unknown,
		) => string;
	};
	const original = M._resolveFilename;
	M._resolveFilename = function (request, parent, isMain, options) {
		if (parent?.filename?.startsWith(depsModules)) {
			const name = packageName(request);
			if (name && SINGLETON_PACKAGES.includes(name)) {
				const target = require.resolve(request, { paths: [repoRoot] });
				report.redirected[request] = target;
				return target;
			}
			if (name && CORE_SIBLING_PACKAGES.includes(name)) {
				try {
					const target = require.resolve(request, { paths: [coreDir] });
					report.redirected[request] = target;
					return target;
				} catch {
					// n8n-core does not have it: the bench-deps copy is fine (nothing shared through it).
				}
			}
		}
		return original.call(this, request, parent, isMain, options);
	};
	installed = report;
	return report;
}

/** Throws if any module of n8n-workflow / n8n-core was loaded from .cache/bench-deps. */
export function assertSingleCopies(depsDir: string): void {
	const depsModules = path.join(depsDir, 'node_modules') + path.sep;
	const second = Object.keys(require.cache).filter((file) =>
		SINGLETON_PACKAGES.some((name) => file.startsWith(path.join(depsModules, name) + path.sep)),
	);
	if (second.length > 0) {
		throw new Error(
			`A second copy of n8n-workflow/n8n-core was loaded from bench deps: ${second.slice(0, 3).join(', ')}`,
		);
	}
}

export interface HttpRequestTypes {
	node: INodeType | IVersionedNodeType;
	httpHeaderAuth: ICredentialType;
	nodesBaseVersion: string;
}

export function loadHttpRequestNode(depsDir: string, repoRoot: string): HttpRequestTypes {
	installSharedResolution(depsDir, repoRoot);
	const base = path.join(depsDir, 'node_modules', 'n8n-nodes-base');
	// CommonJS on purpose: these files resolve their own requires through the redirect installed above.
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { HttpRequest } = require(
		path.join(base, 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js'),
	);
	const { HttpHeaderAuth } = require(
		path.join(base, 'dist', 'credentials', 'HttpHeaderAuth.credentials.js'),
	);
	/* eslint-enable @typescript-eslint/no-require-imports */
	assertSingleCopies(depsDir);
	return {
		node: new HttpRequest() as IVersionedNodeType,
		httpHeaderAuth: new HttpHeaderAuth() as ICredentialType,
		nodesBaseVersion: JSON.parse(readFileSync(path.join(base, 'package.json'), 'utf8'))
			.version as string,
	};
}
