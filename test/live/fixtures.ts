/**
 * Fixtures of the live check: one file per operation and status, holding the answer HubSpot gave (ids,
 * names, emails, links and other free text redacted; types kept), and the shape comparison the
 * emulator's tests run against them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import type { Exchange } from './recorder';

export const HUBSPOT_API = 'https://api.hubapi.com';

export interface Fixture {
	/** Where the answers came from; only https://api.hubapi.com counts as live. */
	recordedFrom: string;
	recordedOn: string;
	scenario: string;
	/** 'GET /crm/objects/2026-03/meetings/{meetingId}' */
	operation: string;
	status: number;
	query: Record<string, string>;
	response: unknown;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const REDACTED = '<redacted>';
/** Strings that say what, not who: enum values, booleans as text, ISO dates, durations. */
const KEEP_STRING = [
	/^[A-Z][A-Z0-9_]*$/,
	/^(true|false)$/,
	/^\d{1,4}$/,
	/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/,
	/^$/,
];
/** Lists are cut to their first few entries: enough for a shape, and no account's full owner list. */
const MAX_LIST = 5;

/** Free text and ids become '<redacted>', large numbers (ids, epoch times) 0; keys and types stay. */
export function redact(value: unknown): unknown {
	if (Array.isArray(value)) return value.slice(0, MAX_LIST).map(redact);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redact(v)]),
		);
	}
	if (typeof value === 'string') return KEEP_STRING.some((re) => re.test(value)) ? value : REDACTED;
	if (typeof value === 'number') return Math.abs(value) >= 10_000 ? 0 : value;
	return value;
}

export function fixtureFileName(operation: string, status: number): string {
	return `${operation
		.replace(/[{}]/g, '')
		.replace(/[^A-Za-z0-9-]+/g, '_')
		.replace(/^_|_$/g, '')}_${status}.json`;
}

/** The first answer of each operation and status. `operationOf` names a request's spec operation. */
export function fixturesFrom(
	exchanges: Exchange[],
	recordedFrom: string,
	operationOf: (method: string, urlPath: string) => string | undefined,
	recordedOn = new Date().toISOString().slice(0, 10),
): Fixture[] {
	const seen = new Map<string, Fixture>();
	for (const e of exchanges) {
		const operation = operationOf(e.method, e.path) ?? `${e.method} ${e.path}`;
		const key = `${operation} ${e.status}`;
		if (seen.has(key)) continue;
		seen.set(key, {
			recordedFrom,
			recordedOn,
			scenario: e.scenario,
			operation,
			status: e.status,
			query: redact(e.query) as Record<string, string>,
			response: redact(e.body),
		});
	}
	return [...seen.values()];
}

/** Replaces the fixtures in `dir` (every *.json there) with `fixtures`. */
export function writeFixtures(dir: string, fixtures: Fixture[]): string[] {
	mkdirSync(dir, { recursive: true });
	for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) rmSync(path.join(dir, f));
	return fixtures.map((fixture) => {
		const file = path.join(dir, fixtureFileName(fixture.operation, fixture.status));
		writeFileSync(file, `${JSON.stringify(fixture, null, '\t')}\n`);
		return file;
	});
}

export function readFixtures(dir: string): Fixture[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Fixture);
}

// -- shapes -------------------------------------------------------------------------------------------

export type Shape =
	| 'null'
	| 'boolean'
	| 'number'
	| 'string'
	| 'mixed'
	| { array: Shape | undefined }
	| { object: Record<string, Shape> };

function merge(a: Shape | undefined, b: Shape | undefined): Shape | undefined {
	if (a === undefined) return b;
	if (b === undefined) return a;
	if (typeof a === 'string' || typeof b === 'string')
		return JSON.stringify(a) === JSON.stringify(b) ? a : 'mixed';
	if ('array' in a && 'array' in b) return { array: merge(a.array, b.array) };
	if ('object' in a && 'object' in b) {
		const keys = new Set([...Object.keys(a.object), ...Object.keys(b.object)]);
		return {
			object: Object.fromEntries(
				[...keys].map((k) => [k, merge(a.object[k], b.object[k]) ?? 'null']),
			),
		};
	}
	return 'mixed';
}

/** Keys and types of a JSON value; an array's elements are merged into one element shape. */
export function shapeOf(value: unknown): Shape {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value))
		return {
			array: value.map(shapeOf).reduce<Shape | undefined>((acc, s) => merge(acc, s), undefined),
		};
	if (typeof value === 'object') {
		return {
			object: Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, shapeOf(v)])),
		};
	}
	return typeof value as 'boolean' | 'number' | 'string';
}

function kind(shape: Shape | undefined): string {
	if (shape === undefined) return 'empty array';
	if (typeof shape === 'string') return shape;
	return 'array' in shape ? 'array' : 'object';
}

/** Differences between HubSpot's answer and the emulator's for the same call ('' = none). */
export function compareShapes(
	live: Shape | undefined,
	emulator: Shape | undefined,
	at = '$',
): string[] {
	if (live === undefined || emulator === undefined) return []; // an empty array fits any element shape
	if (kind(live) !== kind(emulator))
		return [`${at}: HubSpot sent ${kind(live)}, the emulator ${kind(emulator)}`];
	if (typeof live === 'string' || typeof emulator === 'string') return [];
	if ('array' in live && 'array' in emulator)
		return compareShapes(live.array, emulator.array, `${at}[]`);
	if ('object' in live && 'object' in emulator) {
		const out: string[] = [];
		for (const key of Object.keys(live.object)) {
			if (!(key in emulator.object))
				out.push(`${at}.${key}: HubSpot sends it, the emulator does not`);
			else out.push(...compareShapes(live.object[key], emulator.object[key], `${at}.${key}`));
		}
		for (const key of Object.keys(emulator.object)) {
			if (!(key in live.object)) out.push(`${at}.${key}: the emulator sends it, HubSpot did not`);
		}
		return out;
	}
	return [];
}
