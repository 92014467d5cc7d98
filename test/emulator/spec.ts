/**
 * Loads HubSpot's OpenAPI documents, routes requests to their operations and validates
 * parameters, request bodies and response bodies against them with ajv.
 *
 * Every spec document is added to ajv twice: as published (`spec:<file>`), and as a "strict" clone in
 * which every object schema that does not say otherwise gets `additionalProperties: false`
 * (`strict:<file>`). Schemas are then referenced by JSON pointer into those documents, so the
 * documents' own `#/components/...` refs resolve without any rewriting.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { formatAjvErrors, pointer, strictClone } from './specSchema';

export { formatAjvErrors, type FormattedError } from './specSchema';
export {
	mediaType,
	validateRequest,
	type RequestInput,
	type RequestValidation,
} from './specRequest';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SpecParameter {
	name: string;
	in: 'query' | 'path' | 'header' | 'cookie';
	required?: boolean;
	schema?: Json;
	/** JSON pointer (inside the spec document) of the parameter's schema. */
	schemaPointer: string;
}

export interface SpecOperation {
	file: string;
	operationId: string;
	method: string; // upper case
	/** The path template as written in the spec, e.g. /crm/owners/2026-03/{ownerId}. */
	template: string;
	parameters: SpecParameter[];
	requestBody?: { required: boolean; contentTypes: string[]; pointers: Record<string, string> };
	/** status ('200', 'default', ...) -> content type -> JSON pointer of the schema */
	responses: Record<string, Record<string, string>>;
	/** Alternatives of the operation's `security`; [] means no authentication. */
	security: Record<string, string[]>[];
}

export interface RouteMatch {
	operation: SpecOperation;
	/** The template the request matched (differs from operation.template for aliases). */
	template: string;
	params: Record<string, string>;
}

interface Route {
	method: string;
	template: string;
	regex: RegExp;
	paramNames: string[];
	literalSegments: number;
	operation: SpecOperation;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Extra path templates served by an operation of another template (HubSpot keeps old URLs alive). */
const ALIASES: { method: string; template: string; target: string }[] = [
	// The specs only describe /oauth/2026-03/token; /oauth/v1/token (removed 2027-02-16) behaves the same.
	{ method: 'POST', template: '/oauth/v1/token', target: '/oauth/2026-03/token' },
];

/** The emulator's contract, kept in the repository (see contract/SOURCE.md and scripts/contract-update.mjs). */
export const CONTRACT_DIR = path.resolve(__dirname, 'contract');

/** HUBSPOT_OPENAPI_DIR may point at another folder of spec files (a compiled copy of this file needs it). */
export function defaultSpecDir(): string {
	return process.env.HUBSPOT_OPENAPI_DIR || CONTRACT_DIR;
}

function templateToRegex(template: string): {
	regex: RegExp;
	paramNames: string[];
	literalSegments: number;
} {
	const paramNames: string[] = [];
	let literalSegments = 0;
	const body = template
		.split('/')
		.map((segment) => {
			const m = /^\{([^}]+)\}$/.exec(segment);
			if (m) {
				paramNames.push(m[1]);
				return '([^/]+)';
			}
			if (segment) literalSegments++;
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { regex: new RegExp(`^${body}/?$`), paramNames, literalSegments };
}

export class SpecRegistry {
	readonly operations: SpecOperation[] = [];
	private readonly routes: Route[] = [];
	private readonly ajv: Ajv;
	private readonly validators = new Map<string, ValidateFunction>();

	constructor(readonly specDir: string = defaultSpecDir()) {
		this.ajv = new Ajv({
			strict: false,
			allErrors: true,
			validateSchema: false,
			validateFormats: true,
		});
		addFormats(this.ajv);
		if (!existsSync(specDir)) {
			throw new Error(
				`No OpenAPI contract at ${specDir} (test/emulator/contract, or the folder in HUBSPOT_OPENAPI_DIR)`,
			);
		}
		const files = readdirSync(specDir)
			.filter((f) => f.endsWith('.json'))
			.sort();
		if (files.length === 0) throw new Error(`No OpenAPI specs found in ${specDir}`);
		for (const file of files) {
			const doc = JSON.parse(readFileSync(path.join(specDir, file), 'utf8'));
			this.ajv.addSchema({ ...doc, $id: `spec:${file}` });
			this.ajv.addSchema({ ...strictClone(doc), $id: `strict:${file}` });
			this.loadOperations(file, doc);
		}
		for (const alias of ALIASES) {
			const target = this.routes.find(
				(r) => r.method === alias.method && r.template === alias.target,
			);
			if (target) this.addRoute(alias.method, alias.template, target.operation);
		}
		// Most specific first: /crm/properties/x/{objectType}/groups beats /{objectType}/{propertyName}.
		this.routes.sort((a, b) => b.literalSegments - a.literalSegments);
	}

	private loadOperations(file: string, doc: Json): void {
		for (const [template, item] of Object.entries<Json>(doc.paths ?? {})) {
			for (const method of HTTP_METHODS) {
				const op = item[method];
				if (!op) continue;
				const parameters: SpecParameter[] = [];
				const collect = (list: Json[] | undefined, base: (string | number)[]) =>
					(list ?? []).forEach((p: Json, i: number) => {
						let param = p;
						let at = [...base, i];
						if (p.$ref) {
							// '#/components/parameters/X'
							const parts = String(p.$ref).replace(/^#\//, '').split('/');
							param = parts.reduce((n: Json, s) => n?.[s], doc);
							at = parts;
						}
						if (!param) return;
						const existing = parameters.findIndex(
							(q) => q.name === param.name && q.in === param.in,
						);
						const entry: SpecParameter = { ...param, schemaPointer: pointer(...at, 'schema') };
						if (existing >= 0) parameters[existing] = entry;
						else parameters.push(entry);
					});
				collect(item.parameters, ['paths', template, 'parameters']);
				collect(op.parameters, ['paths', template, method, 'parameters']);

				let requestBody: SpecOperation['requestBody'];
				if (op.requestBody?.content) {
					const pointers: Record<string, string> = {};
					for (const ct of Object.keys(op.requestBody.content)) {
						if (op.requestBody.content[ct]?.schema) {
							pointers[ct] = pointer(
								'paths',
								template,
								method,
								'requestBody',
								'content',
								ct,
								'schema',
							);
						}
					}
					requestBody = {
						required: !!op.requestBody.required,
						contentTypes: Object.keys(op.requestBody.content),
						pointers,
					};
				}

				const responses: SpecOperation['responses'] = {};
				for (const [status, resp] of Object.entries<Json>(op.responses ?? {})) {
					let r = resp;
					let at: string[] = ['paths', template, method, 'responses', status];
					if (resp.$ref) {
						at = String(resp.$ref).replace(/^#\//, '').split('/');
						r = at.reduce((n: Json, s) => n?.[s], doc);
					}
					responses[status] = {};
					for (const ct of Object.keys(r?.content ?? {})) {
						if (r.content[ct]?.schema)
							responses[status][ct] = pointer(...at, 'content', ct, 'schema');
					}
				}

				const operation: SpecOperation = {
					file,
					operationId: op.operationId ?? `${method.toUpperCase()} ${template}`,
					method: method.toUpperCase(),
					template,
					parameters,
					requestBody,
					responses,
					security: op.security ?? doc.security ?? [],
				};
				this.operations.push(operation);
				this.addRoute(operation.method, template, operation);
			}
		}
	}

	private addRoute(method: string, template: string, operation: SpecOperation): void {
		this.routes.push({ method, template, operation, ...templateToRegex(template) });
	}

	/** All templates (with method) that the registry routes, aliases included. */
	routeKeys(): string[] {
		return this.routes.map((r) => `${r.method} ${r.template}`);
	}

	match(method: string, pathname: string): RouteMatch | undefined {
		for (const route of this.routes) {
			if (route.method !== method.toUpperCase()) continue;
			const m = route.regex.exec(pathname);
			if (!m) continue;
			const params: Record<string, string> = {};
			route.paramNames.forEach((name, i) => {
				try {
					params[name] = decodeURIComponent(m[i + 1]);
				} catch {
					params[name] = m[i + 1];
				}
			});
			return { operation: route.operation, template: route.template, params };
		}
		return undefined;
	}

	/** Compiled validator for the schema at `pointerInDoc` in `file` (strict or as published). */
	validator(file: string, pointerInDoc: string, strict = false): ValidateFunction {
		const ref = `${strict ? 'strict' : 'spec'}:${file}#${pointerInDoc}`;
		let v = this.validators.get(ref);
		if (!v) {
			v = this.ajv.compile({ $ref: ref });
			this.validators.set(ref, v);
		}
		return v;
	}

	/** Validates a response body; returns human-readable violations (empty when valid). */
	validateResponse(
		operation: SpecOperation,
		status: number,
		contentType: string,
		body: unknown,
	): string[] {
		const byType = operation.responses[String(status)] ?? operation.responses.default;
		if (!byType) return [`response status ${status} is not declared by ${operation.operationId}`];
		const types = Object.keys(byType);
		if (types.length === 0) {
			return body === undefined
				? []
				: [`response ${status} of ${operation.operationId} must not have a body`];
		}
		const ct = types.find((t) => t === contentType) ?? types.find((t) => t === '*/*') ?? types[0];
		const validate = this.validator(operation.file, byType[ct]);
		if (validate(body)) return [];
		return formatAjvErrors(validate.errors, 'response').map((e) => `${e.in}: ${e.message}`);
	}
}

let shared: SpecRegistry | undefined;

/** Spec loading and schema compilation are slow-ish: share one registry per spec directory. */
export function getSpecRegistry(specDir: string = defaultSpecDir()): SpecRegistry {
	if (!shared || shared.specDir !== specDir) shared = new SpecRegistry(specDir);
	return shared;
}
