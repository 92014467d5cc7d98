/**
 * Schema helpers for the spec registry: JSON pointers into a spec document, the "strict" clone that closes
 * object schemas, and ajv errors as "where: what" pairs.
 */
import type { ErrorObject } from 'ajv';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function pointerEscape(segment: string): string {
	return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A JSON pointer written as a URI fragment (percent-encoded, so `{param}` survives URI parsing). */
export function pointer(...segments: (string | number)[]): string {
	return '/' + segments.map((s) => encodeURIComponent(pointerEscape(String(s)))).join('/');
}

/** Deep clone that closes every object schema which does not declare additionalProperties itself. */
export function strictClone(node: Json, key?: string): Json {
	if (Array.isArray(node)) return node.map((n) => strictClone(n));
	if (!node || typeof node !== 'object') return node;
	const out: Json = {};
	for (const [k, v] of Object.entries(node)) {
		// Property *names* and examples are data, not schemas: copy them verbatim apart from recursing
		// into each property's schema.
		if (k === 'properties' && v && typeof v === 'object' && !Array.isArray(v)) {
			out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, strictClone(pv)]));
		} else if (k === 'example' || k === 'examples' || k === 'enum' || k === 'default') {
			out[k] = v;
		} else {
			out[k] = strictClone(v, k);
		}
	}
	const isObjectSchema =
		key !== 'properties' &&
		(out.type === 'object' || (out.properties && typeof out.properties === 'object')) &&
		!('additionalProperties' in out) &&
		// Composition keywords and additionalProperties:false do not mix (each branch would reject the
		// other branches' properties), so leave those schemas open.
		!out.oneOf &&
		!out.anyOf &&
		!out.allOf &&
		out.properties &&
		Object.keys(out.properties).length > 0;
	if (isObjectSchema) out.additionalProperties = false;
	return out;
}

export interface FormattedError {
	/** Where: "body.properties.hs_meeting_title", "query.organizerUserId", ... */
	in: string;
	message: string;
}

/** Turns ajv errors into "where: what" pairs; `root` is prefixed to the instance path. */
export function formatAjvErrors(
	errors: ErrorObject[] | null | undefined,
	root: string,
): FormattedError[] {
	const out: FormattedError[] = [];
	for (const e of errors ?? []) {
		const base = [
			root,
			...e.instancePath
				.split('/')
				.slice(1)
				.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')),
		]
			.filter((s) => s !== '')
			.join('.');
		const params = e.params as Record<string, Json>;
		switch (e.keyword) {
			case 'required':
				out.push({ in: `${base}.${params.missingProperty}`, message: 'is required but missing' });
				break;
			case 'additionalProperties':
				out.push({
					in: `${base}.${params.additionalProperty}`,
					message: 'is not a known property (the spec does not declare it)',
				});
				break;
			case 'enum':
				out.push({
					in: base,
					message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
				});
				break;
			case 'format':
				out.push({ in: base, message: `must be a valid ${params.format} string` });
				break;
			default:
				out.push({ in: base, message: e.message ?? e.keyword });
		}
	}
	// allErrors + composition keywords can report the same problem twice.
	const seen = new Set<string>();
	return out.filter((e) => {
		const k = `${e.in}|${e.message}`;
		if (seen.has(k)) return false;
		seen.add(k);
		return true;
	});
}
