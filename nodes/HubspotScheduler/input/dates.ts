import { DateTime, IANAZone } from 'luxon';

import { InputError } from './errors';
import type { ItemInput } from './item';

/**
 * Meeting times. Users give a time the way n8n hands it over — an ISO string from the date picker
 * or a sheet, a Luxon DateTime from `{{ $now.plus(...) }}`, a JS Date, or epoch milliseconds — and a
 * time without an offset is wall-clock time in the meeting's timezone, never the n8n server's.
 * HubSpot gets ISO 8601 in UTC.
 */

export const DATE_FORMATS_HINT =
	'Use an ISO date such as 2026-05-04T14:30 (wall-clock time in the meeting\'s timezone) or 2026-05-04T14:30:00+02:00, a Luxon DateTime such as {{ $now.plus({ days: 1 }) }}, a JS Date, or epoch milliseconds.';

/** Epoch values below this are seconds, not milliseconds (1973-03-03 in ms). */
const SMALLEST_EPOCH_MILLISECONDS = 1e11;

const NAIVE_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/** Zone names already checked: Luxon's check builds an Intl formatter each time, and runs see few zones. */
const knownZones = new Map<string, string | undefined>();

/** The canonical IANA name of a zone, or undefined when there is no such zone. */
function canonicalZone(name: string): string | undefined {
	if (!knownZones.has(name)) {
		knownZones.set(name, IANAZone.isValidZone(name) ? IANAZone.create(name).name : undefined);
	}
	return knownZones.get(name);
}

export function isValidTimezone(name: string): boolean {
	return canonicalZone(name) !== undefined;
}

/** The meeting's timezone: the one given, else the workflow's; anything not an IANA name is refused. */
export function resolveTimezone(given: unknown, workflowTimezone: string): string {
	const name = typeof given === 'string' ? given.trim() : '';
	const zone = name || workflowTimezone;
	const canonical = canonicalZone(zone);
	if (canonical === undefined) {
		throw new InputError(
			'Timezone',
			`"${zone}" is not a known IANA timezone`,
			'Use an IANA timezone name such as Europe/Berlin, America/New_York or UTC, or leave the field empty to use the workflow\'s timezone.',
		);
	}
	return canonical;
}

/** The item's Timezone field (`name`), else the workflow's timezone. */
export function timezoneParameter(input: ItemInput, name = 'timezone'): string {
	return resolveTimezone(input.getNodeParameter(name, ''), input.getTimezone());
}

function isLuxonDateTime(value: unknown): value is DateTime {
	// The DateTime may come from n8n's own copy of Luxon, so check the brand, not the class.
	return !!value && typeof value === 'object' && (value as { isLuxonDateTime?: boolean }).isLuxonDateTime === true;
}

function fromEpoch(field: string, milliseconds: number, zone: string): DateTime {
	if (!Number.isFinite(milliseconds)) {
		throw new InputError(field, `${milliseconds} is not a time`, DATE_FORMATS_HINT);
	}
	if (Math.abs(milliseconds) < SMALLEST_EPOCH_MILLISECONDS) {
		throw new InputError(
			field,
			`${milliseconds} looks like epoch seconds, but milliseconds are expected`,
			`Multiply by 1000 (e.g. {{ $json.time * 1000 }}), or ${DATE_FORMATS_HINT.charAt(0).toLowerCase()}${DATE_FORMATS_HINT.slice(1)}`,
		);
	}
	return DateTime.fromMillis(milliseconds, { zone });
}

/**
 * A naive wall-clock time in `zone`. It must exist on that day (02:30 on a spring-forward day does
 * not), and when it exists twice (fall-back day) the first occurrence is meant, as in calendar apps.
 */
function fromNaive(field: string, match: RegExpExecArray, text: string, zone: string): DateTime {
	const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '0'] = match;
	const parts = {
		year: Number(year),
		month: Number(month),
		day: Number(day),
		hour: Number(hour),
		minute: Number(minute),
		second: Number(second),
		millisecond: Math.floor(Number(`0.${fraction}`) * 1000),
	};
	const guess = DateTime.fromObject(parts, { zone });
	if (!guess.isValid) {
		throw new InputError(field, `"${text}" is not a valid date: ${guess.invalidExplanation ?? guess.invalidReason}`, DATE_FORMATS_HINT);
	}
	// Every offset the zone uses around that day gives one candidate instant; keep those that really
	// show this wall-clock time.
	const wallClockAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.millisecond);
	const offsets = new Set([guess.offset, guess.minus({ days: 1 }).offset, guess.plus({ days: 1 }).offset]);
	const matching = [...offsets]
		.map((offsetMinutes) => DateTime.fromMillis(wallClockAsUtc - offsetMinutes * 60_000, { zone }))
		.filter((candidate) => candidate.hour === parts.hour && candidate.minute === parts.minute && candidate.day === parts.day)
		.sort((a, b) => a.toMillis() - b.toMillis());
	if (matching.length === 0) {
		throw new InputError(
			field,
			`"${text}" does not exist in ${zone}: the clocks move forward at that time on that day`,
			`Pick a time outside the daylight-saving gap (for example ${guess.toFormat("yyyy-LL-dd'T'HH:mm")}), or give the time with an explicit offset.`,
		);
	}
	return matching[0];
}

/** Parses the time given for `field`; throws an InputError with what is wrong and how to fix it. */
export function parseMeetingTime(field: string, value: unknown, zone: string): DateTime {
	if (value === undefined || value === null || value === '') {
		throw new InputError(field, 'is empty', DATE_FORMATS_HINT);
	}
	if (isLuxonDateTime(value)) {
		if (!value.isValid) throw new InputError(field, `is an invalid DateTime (${value.invalidReason})`, DATE_FORMATS_HINT);
		return DateTime.fromMillis(value.toMillis(), { zone });
	}
	if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
		return fromEpoch(field, (value as Date).getTime(), zone);
	}
	if (typeof value === 'number') return fromEpoch(field, value, zone);
	if (typeof value !== 'string') {
		throw new InputError(field, `a ${typeof value} is not a time`, DATE_FORMATS_HINT);
	}

	const text = value.trim();
	if (/^-?\d{10,}$/.test(text)) return fromEpoch(field, Number(text), zone);
	const naive = NAIVE_ISO.exec(text);
	if (naive) return fromNaive(field, naive, text, zone);

	// With an offset or "Z": the instant is fixed by the string itself.
	const parsed = DateTime.fromISO(text.replace(' ', 'T'), { zone, setZone: false });
	if (!parsed.isValid) {
		throw new InputError(
			field,
			`"${text}" is not a valid date: ${parsed.invalidExplanation ?? parsed.invalidReason}`,
			DATE_FORMATS_HINT,
		);
	}
	return parsed.setZone(zone);
}

/** A meeting's End must come after its Start. */
export function requireEndAfterStart(start: DateTime, end: DateTime, zone: string): void {
	if (end <= start) {
		throw new InputError(
			'End',
			`${end.toISO()} is ${end.equals(start) ? 'the same as' : 'before'} Start (${start.toISO()}, ${zone})`,
			'Set End after Start, e.g. {{ DateTime.fromISO($json.start).plus({ minutes: 30 }) }}.',
		);
	}
}

/** What HubSpot's date-time fields take. */
export function toHubspotTime(time: DateTime): string {
	return time.toUTC().toISO({ suppressMilliseconds: false }) as string;
}

/** The same instant as wall-clock time in the meeting's zone, with its offset (for simplified output). */
export function toLocalTime(isoUtc: unknown, zone: string): string | undefined {
	if (typeof isoUtc !== 'string' || !isoUtc) return undefined;
	const time = DateTime.fromISO(isoUtc, { zone: 'utc' });
	return time.isValid ? (time.setZone(zone).toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}
