import { DateTime, IANAZone } from 'luxon';

import { InputError as DateInputError } from '../input/errors';


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
		throw new DateInputError(
			`"${zone}" is not a known IANA timezone`,
			'Use an IANA timezone name such as Europe/Berlin, America/New_York or UTC, or leave the field empty to use the workflow\'s timezone.',
		);
	}
	return canonical;
}

function isLuxonDateTime(value: unknown): value is DateTime {
	// The DateTime may come from n8n's own copy of Luxon, so check the brand, not the class.
	return !!value && typeof value === 'object' && (value as { isLuxonDateTime?: boolean }).isLuxonDateTime === true;
}

function fromEpoch(milliseconds: number, zone: string): DateTime {
	if (!Number.isFinite(milliseconds)) {
		throw new DateInputError(`${milliseconds} is not a time`, DATE_FORMATS_HINT);
	}
	if (Math.abs(milliseconds) < SMALLEST_EPOCH_MILLISECONDS) {
		throw new DateInputError(
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
function fromNaive(match: RegExpExecArray, text: string, zone: string): DateTime {
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
		throw new DateInputError(`"${text}" is not a valid date: ${guess.invalidExplanation ?? guess.invalidReason}`, DATE_FORMATS_HINT);
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
		throw new DateInputError(
			`"${text}" does not exist in ${zone}: the clocks move forward at that time on that day`,
			`Pick a time outside the daylight-saving gap (for example ${guess.toFormat("yyyy-LL-dd'T'HH:mm")}), or give the time with an explicit offset.`,
		);
	}
	return matching[0];
}

/** Parses one meeting time; throws an InputError with what is wrong and how to fix it. */
export function parseMeetingTime(value: unknown, zone: string): DateTime {
	if (value === undefined || value === null || value === '') {
		throw new DateInputError('is empty', DATE_FORMATS_HINT);
	}
	if (isLuxonDateTime(value)) {
		if (!value.isValid) throw new DateInputError(`is an invalid DateTime (${value.invalidReason})`, DATE_FORMATS_HINT);
		return DateTime.fromMillis(value.toMillis(), { zone });
	}
	if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
		return fromEpoch((value as Date).getTime(), zone);
	}
	if (typeof value === 'number') return fromEpoch(value, zone);
	if (typeof value !== 'string') {
		throw new DateInputError(`a ${typeof value} is not a time`, DATE_FORMATS_HINT);
	}

	const text = value.trim();
	if (/^-?\d{10,}$/.test(text)) return fromEpoch(Number(text), zone);
	const naive = NAIVE_ISO.exec(text);
	if (naive) return fromNaive(naive, text, zone);

	// With an offset or "Z": the instant is fixed by the string itself.
	const parsed = DateTime.fromISO(text.replace(' ', 'T'), { zone, setZone: false });
	if (!parsed.isValid) {
		throw new DateInputError(
			`"${text}" is not a valid date: ${parsed.invalidExplanation ?? parsed.invalidReason}`,
			DATE_FORMATS_HINT,
		);
	}
	return parsed.setZone(zone);
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
