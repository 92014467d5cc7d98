/** Request validation against one spec operation: parameters (coerced from strings) and the body. */
import type { SpecOperation, SpecRegistry } from './spec';
import { formatAjvErrors, type FormattedError } from './specSchema';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface RequestInput {
	params: Record<string, string>;
	query: Record<string, string | string[]>;
	contentType: string | undefined;
	/** The parsed body; undefined when there was none. */
	body: unknown;
	/** Set when the body could not be parsed (bad JSON). */
	bodyError?: string;
	strictBodies: boolean;
}

export interface RequestValidation {
	errors: FormattedError[];
	/** Query values coerced to the types the spec declares (integers, booleans, arrays). */
	query: Record<string, unknown>;
	/** Path params coerced likewise. */
	params: Record<string, unknown>;
}

/** Query and path values arrive as strings: convert them to what the parameter schema expects. */
function coerce(value: string | string[], schema: Json): unknown {
	const type = schema?.type;
	if (type === 'array') {
		const list = Array.isArray(value) ? value : [value];
		return list.map((v) => coerce(v, schema.items ?? {}));
	}
	const v = Array.isArray(value) ? value[value.length - 1] : value;
	if (type === 'integer' && /^-?\d+$/.test(v)) return Number(v);
	if (type === 'number' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
	if (type === 'boolean' && (v === 'true' || v === 'false')) return v === 'true';
	return v; // left as is: ajv reports the type mismatch
}

/** Media type without parameters, lower case: 'application/json; charset=utf-8' -> 'application/json'. */
export function mediaType(contentType: string | undefined): string {
	return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function validateRequest(
	registry: SpecRegistry,
	op: SpecOperation,
	input: RequestInput,
): RequestValidation {
	const errors: FormattedError[] = [];
	const query: Record<string, unknown> = {};
	const params: Record<string, unknown> = {};
	for (const p of op.parameters) {
		if (p.in !== 'query' && p.in !== 'path') continue;
		const raw = p.in === 'query' ? input.query[p.name] : input.params[p.name];
		const where = `${p.in}.${p.name}`;
		if (raw === undefined || raw === '') {
			if (p.required || p.in === 'path')
				errors.push({ in: where, message: 'is required but missing' });
			continue;
		}
		const value = coerce(raw, p.schema);
		(p.in === 'query' ? query : params)[p.name] = value;
		if (!p.schema) continue;
		const validate = registry.validator(op.file, p.schemaPointer);
		if (!validate(value)) errors.push(...formatAjvErrors(validate.errors, where));
	}
	// Undeclared query parameters are ignored (HubSpot ignores them too) but kept for handlers.
	for (const [k, v] of Object.entries(input.query)) if (!(k in query)) query[k] = v;

	const rb = op.requestBody;
	if (rb) {
		const type = mediaType(input.contentType);
		if (input.body === undefined) {
			if (rb.required) errors.push({ in: 'body', message: 'a request body is required' });
		} else if (!rb.contentTypes.includes(type)) {
			errors.push({
				in: 'header.content-type',
				message: `must be ${rb.contentTypes.join(' or ')} (got ${JSON.stringify(input.contentType ?? '')})`,
			});
		} else if (input.bodyError) {
			errors.push({ in: 'body', message: input.bodyError });
		} else if (rb.pointers[type]) {
			const validate = registry.validator(op.file, rb.pointers[type], input.strictBodies);
			if (!validate(input.body)) errors.push(...formatAjvErrors(validate.errors, 'body'));
		}
	}
	return { errors, query, params };
}
