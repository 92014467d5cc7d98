/**
 * Cutting HubSpot's published OpenAPI documents down to the emulator's contract: the operations listed in
 * endpoints.txt, every component they reference (transitively), and nothing written for human readers.
 * Pure functions over parsed JSON; scripts/contract-update.mjs does the files.
 */

/** Keys that only document (prose, samples, grouping): dropped wherever they are keywords. */
const DOC_KEYS = new Set([
	'description',
	'summary',
	'example',
	'examples',
	'externalDocs',
	'tags',
	'x-hubspot-introduction',
	'x-hubspot-related-documentation',
	'x-hubspot-available-client-libraries',
	'x-hubspot-api-use-case',
	'x-hubspot-product-tier-requirements',
]);

/** Keys whose value maps *names* to objects (property names, status codes, media types, ...). */
const NAME_MAPS = new Set([
	'properties',
	'patternProperties',
	'paths',
	'schemas',
	'responses',
	'parameters',
	'requestBodies',
	'headers',
	'content',
	'securitySchemes',
	'links',
	'callbacks',
	'encoding',
	'mapping',
]);

/** Values that are data, not OpenAPI/JSON Schema objects: copied verbatim. */
const DATA_KEYS = new Set(['enum', 'default', 'const', 'required']);

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/**
 * Deep copy without the documentation keys. `isNameMap`: the keys of `node` are names (never stripped),
 * its values are objects again.
 */
export function stripDocs(node, isNameMap = false) {
	if (Array.isArray(node)) return node.map((item) => stripDocs(item));
	if (!node || typeof node !== 'object') return node;
	const out = {};
	for (const [key, value] of Object.entries(node)) {
		if (isNameMap) {
			out[key] = stripDocs(value);
		} else if (DOC_KEYS.has(key)) {
			continue;
		} else if (DATA_KEYS.has(key)) {
			out[key] = structuredClone(value);
		} else {
			// `parameters` is a name map under components, a list under paths; arrays ignore the flag.
			out[key] = stripDocs(value, NAME_MAPS.has(key) && !Array.isArray(value));
		}
	}
	return out;
}

/** Parses endpoints.txt: `<contract file> <METHOD> <path template> [from=<part of the source path>]`. */
export function parseEndpointList(text) {
	const endpoints = [];
	text.split('\n').forEach((raw, index) => {
		const line = raw.replace(/#.*$/, '').trim();
		if (!line) return;
		const [file, method, template, ...rest] = line.split(/\s+/);
		const hint = rest.find((r) => r.startsWith('from='))?.slice('from='.length);
		const bad = rest.filter((r) => !r.startsWith('from='));
		if (
			!file?.endsWith('.json') ||
			!HTTP_METHODS.includes(method?.toLowerCase()) ||
			!template?.startsWith('/') ||
			bad.length
		) {
			throw new Error(
				`endpoints list line ${index + 1}: expected "<file>.json <METHOD> </path/template> [from=...]", got "${raw.trim()}"`,
			);
		}
		endpoints.push({ file, method: method.toUpperCase(), template, hint, line: index + 1 });
	});
	return endpoints;
}

/** `sources`: [{ path, doc }] (OpenAPI documents). Picks the document that defines each endpoint. */
export function locateEndpoints(endpoints, sources) {
	const byFile = new Map();
	for (const endpoint of endpoints) {
		const candidates = sources.filter(
			(s) =>
				s.doc.paths?.[endpoint.template]?.[endpoint.method.toLowerCase()] &&
				(!endpoint.hint || s.path.includes(endpoint.hint)),
		);
		const what = `${endpoint.method} ${endpoint.template} (endpoints list line ${endpoint.line})`;
		if (candidates.length === 0)
			throw new Error(`${what}: no spec file in the input folder defines it`);
		if (candidates.length > 1) {
			throw new Error(
				`${what}: defined by ${candidates.map((c) => c.path).join(', ')}; add from=<part of one path> to the line`,
			);
		}
		const entry = byFile.get(endpoint.file) ?? {
			file: endpoint.file,
			source: candidates[0],
			endpoints: [],
		};
		if (entry.source !== candidates[0]) {
			throw new Error(
				`${what}: ${endpoint.file} already comes from ${entry.source.path}, this one is in ${candidates[0].path}`,
			);
		}
		if (
			entry.endpoints.some((e) => e.method === endpoint.method && e.template === endpoint.template)
		) {
			throw new Error(`${what}: listed twice`);
		}
		entry.endpoints.push(endpoint);
		byFile.set(endpoint.file, entry);
	}
	return [...byFile.values()];
}

function resolvePointer(doc, ref) {
	if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, found ${ref}`);
	return ref
		.slice(2)
		.split('/')
		.map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
		.reduce((node, segment) => node?.[segment], doc);
}

function collectRefs(node, into) {
	if (Array.isArray(node)) node.forEach((item) => collectRefs(item, into));
	else if (node && typeof node === 'object') {
		for (const [key, value] of Object.entries(node)) {
			if (key === '$ref' && typeof value === 'string') into.push(value);
			else collectRefs(value, into);
		}
	}
}

/** Security scheme names and oauth2 scopes named by security requirement lists. */
function securityUse(requirements, use) {
	for (const alternative of requirements ?? []) {
		for (const [scheme, scopes] of Object.entries(alternative)) {
			if (!use.has(scheme)) use.set(scheme, new Set());
			for (const scope of scopes) use.get(scheme).add(scope);
		}
	}
}

/** The contract document for one file: the listed operations of `source.doc`, cut down. */
export function buildContractDocument(source, endpoints) {
	const doc = source.doc;
	const paths = {};
	const use = new Map();
	securityUse(doc.security, use);
	// Keep the source's path order, and each path item's method order.
	for (const [template, item] of Object.entries(doc.paths)) {
		const methods = HTTP_METHODS.filter(
			(m) =>
				item[m] && endpoints.some((e) => e.template === template && e.method === m.toUpperCase()),
		);
		if (methods.length === 0) continue;
		const kept = {};
		for (const [key, value] of Object.entries(item)) {
			if (HTTP_METHODS.includes(key) && !methods.includes(key)) continue;
			kept[key] = value;
			if (methods.includes(key)) securityUse(value.security ?? doc.security, use);
		}
		paths[template] = kept;
	}

	// Transitive closure of the components the kept paths reference.
	const wanted = new Set();
	const queue = [];
	collectRefs(paths, queue);
	while (queue.length) {
		const ref = queue.shift();
		if (wanted.has(ref)) continue;
		const target = resolvePointer(doc, ref);
		if (target === undefined) throw new Error(`${source.path}: $ref ${ref} points nowhere`);
		wanted.add(ref);
		collectRefs(target, queue);
	}
	const components = {};
	for (const [section, entries] of Object.entries(doc.components ?? {})) {
		if (section === 'securitySchemes') continue;
		for (const [name, value] of Object.entries(entries)) {
			if (!wanted.has(`#/components/${section}/${name}`)) continue;
			components[section] ??= {};
			components[section][name] = value;
		}
	}
	const schemes = doc.components?.securitySchemes ?? {};
	for (const [name, scheme] of Object.entries(schemes)) {
		if (!use.has(name)) continue;
		components.securitySchemes ??= {};
		components.securitySchemes[name] = onlyUsedScopes(scheme, use.get(name));
	}

	const contract = {
		openapi: doc.openapi,
		info: { title: doc.info?.title, version: doc.info?.version },
	};
	if (doc.servers) contract.servers = doc.servers;
	if (doc.security) contract.security = doc.security;
	contract.paths = paths;
	contract.components = components;
	return stripDocs(contract);
}

/** An oauth2 scheme lists every scope HubSpot has (thousands): keep the ones the kept operations name. */
function onlyUsedScopes(scheme, scopes) {
	if (scheme.type !== 'oauth2' || !scheme.flows) return scheme;
	const flows = {};
	for (const [flow, settings] of Object.entries(scheme.flows)) {
		const kept = Object.keys(settings.scopes ?? {}).filter((s) => scopes.has(s));
		flows[flow] = {
			...settings,
			scopes: Object.fromEntries(kept.map((s) => [s, settings.scopes[s]])),
		};
	}
	return { ...scheme, flows };
}

/** Every (METHOD, template) the contract document holds. */
export function operationsOf(doc) {
	const out = [];
	for (const [template, item] of Object.entries(doc.paths ?? {})) {
		for (const method of HTTP_METHODS)
			if (item[method]) out.push(`${method.toUpperCase()} ${template}`);
	}
	return out;
}
