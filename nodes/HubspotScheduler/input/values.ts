import { InputError } from './errors';

/**
 * Checks of single values, each written once. Every one takes the field's editor name and throws an
 * InputError that names it; the operation files say which field gets which check.
 */

/** Text as the editor or an expression gives it: a trimmed string, a number as digits, else empty. */
export function trimmed(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** A list as users have it: an array from an expression, or "a, b; c d" typed in. */
export function splitList(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (value === undefined || value === null) return [];
	return typeof value === 'string' ? value.split(/[\s,;]+/) : [value];
}

/** The non-empty entries of a list, as trimmed text. */
export function textList(value: unknown): string[] {
	return splitList(value).map(trimmed).filter(Boolean);
}

/** HubSpot's ids are 64-bit: the largest is 2^63 - 1. */
const LARGEST_ID = BigInt('9223372036854775807');

/**
 * The one reading of a HubSpot id, for every id field: a positive whole number below 2^63, given as digits
 * or as a number, returned as its digits without leading zeros; undefined when it is not one. A number
 * beyond 2^53 is refused too: it already lost digits before it got here.
 */
export function parseHubspotId(value: unknown): string | undefined {
	if (typeof value === 'number' && !Number.isSafeInteger(value)) return undefined;
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^\d+$/.test(text)) return undefined;
	const id = BigInt(text);
	return id > BigInt(0) && id <= LARGEST_ID ? id.toString() : undefined;
}

const ID_RULE = 'a positive whole number below 2^63';

/**
 * One HubSpot id (`kind`: user, owner or meeting), trimmed. Empty is refused unless `optional`, which
 * returns '' instead.
 */
export function hubspotId(
	field: string,
	value: unknown,
	kind: 'user' | 'owner' | 'meeting',
	fix: string,
	{ optional = false }: { optional?: boolean } = {},
): string {
	const given = trimmed(value);
	if (!given && optional) return '';
	if (parseHubspotId(value) === undefined) {
		throw new InputError(
			field,
			given ? `"${given}" is not a HubSpot ${kind} ID (${ID_RULE})` : 'is empty',
			fix,
		);
	}
	// As given (trimmed): the meeting's URL is built from the same text.
	return given;
}

/**
 * A list of ids ("1, 2 3", ["1", 2], 5): each checked by parseHubspotId, as its digits without leading zeros.
 * Empty entries are skipped.
 */
export function idList(field: string, value: unknown, fix: string): string[] {
	const ids: string[] = [];
	for (const entry of splitList(value)) {
		if (typeof entry === 'string' && entry.trim() === '') continue;
		const id = parseHubspotId(entry);
		if (id === undefined)
			throw new InputError(field, `${JSON.stringify(entry)} is not a HubSpot ID (${ID_RULE})`, fix);
		ids.push(id);
	}
	return ids;
}

/** The rows of a fixed collection, each checked by `check` under the field name "<label> row N". */
export function checkRows<Row, T>(
	rows: unknown,
	label: string,
	check: (row: Row, field: string) => T,
): T[] {
	return ((Array.isArray(rows) ? rows : []) as Row[]).map((row, index) =>
		check(row, `${label} row ${index + 1}`),
	);
}

/** HubSpot's limit for a single-line or multi-line text property value. */
export const MAX_TEXT_LENGTH = 65_536;

/** A text HubSpot stores in a property: at most MAX_TEXT_LENGTH characters. */
export function storableText(field: string, value: string): string {
	if (value.length > MAX_TEXT_LENGTH) {
		throw new InputError(
			field,
			`is ${value.length} characters long; HubSpot stores at most ${MAX_TEXT_LENGTH}`,
			`Shorten the ${field.toLowerCase()}, e.g. by adding .slice(0, 60000) to the end of its expression.`,
		);
	}
	return value;
}

/** A whole number from a number field or from text such as "30"; undefined when it is not one. */
export function wholeNumber(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

/**
 * Email addresses as people type them: one @, a dot in the domain, no spaces or quotes, no leading,
 * trailing or double dots. Deliberately not RFC 5322 (quoted local parts are not worth accepting here).
 */
const EMAIL =
	/^(?!\.)(?!.*\.\.)[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+(?<!\.)@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;

export function isEmail(value: string): boolean {
	return value.length <= 254 && EMAIL.test(value);
}
