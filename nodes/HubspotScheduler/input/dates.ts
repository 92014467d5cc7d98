import { DateTime } from 'luxon';

import { InputError } from './errors';

export { isValidTimezone, resolveTimezone, timezoneParameter } from './timezones';

/**
 * Meeting times. Users give a time the way n8n hands it over — an ISO string from the date picker
 * or a sheet, a Luxon DateTime from `{{ $now.plus(...) }}`, a JS Date, or epoch milliseconds — and a
 * time without an offset is wall-clock time in the meeting's timezone, never the n8n server's.
 * HubSpot gets ISO 8601 in UTC.
 */

export const DATE_FORMATS_HINT =
	"Use an ISO date such as 2026-05-04T14:30 (wall-clock time in the meeting's timezone) or 2026-05-04T14:30:00+02:00, a Luxon DateTime such as {{ $now.plus({ days: 1 }) }}, a JS Date, or epoch milliseconds.";

/** Epoch values below this are seconds, not milliseconds (1973-03-03 in ms). */
const SMALLEST_EPOCH_MILLISECONDS = 1e11;

const NAIVE_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

function isLuxonDateTime(value: unknown): value is DateTime {
	// The DateTime may come from n8n's own copy of Luxon, so check the brand, not the class.
	return (
		!!value &&
		typeof value === 'object' &&
		(value as { isLuxonDateTime?: boolean }).isLuxonDateTime === true
	);
}

function fromEpoch(field: string, milliseconds: number, zone: string): DateTime {
	if (!Number.isFinite(milliseconds)) {
		throw new InputError(field, `${milliseconds} is not a time`, DATE_FORMATS_HINT);
	}
	if (Math.abs(milliseconds) < SMALLEST_EPOCH_MILLISECONDS) {
		throw new InputError(
			field,
			`${milliseconds} looks like epoch seconds, but milliseconds are expected`,
			`Multiply it by 1000 (add * 1000 to the end of the field's expression), or ${DATE_FORMATS_HINT.charAt(0).toLowerCase()}${DATE_FORMATS_HINT.slice(1)}`,
		);
	}
	return DateTime.fromMillis(milliseconds, { zone });
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;

/** The proleptic Gregorian calendar's month lengths, as Luxon counts them (without building a DateTime per time). */
function daysInMonth(year: number, month: number): number {
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/** What is wrong with a calendar date, if anything: "February 2026 has 28 days". */
function dateProblem(year: number, month: number, day: number): string | undefined {
	if (month < 1 || month > 12) return `there is no month ${month}`;
	const days = daysInMonth(year, month);
	if (day >= 1 && day <= days) return undefined;
	const monthStart = DateTime.fromObject({ year, month }, { locale: 'en' });
	return `${monthStart.toFormat('LLLL yyyy')} has ${days} days`;
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
	const wrongDate = dateProblem(parts.year, parts.month, parts.day);
	if (wrongDate)
		throw new InputError(field, `"${text}" is not a valid date: ${wrongDate}`, DATE_FORMATS_HINT);
	if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) {
		const endOfDay =
			parts.hour === 24 && parts.minute === 0 && parts.second === 0 && parts.millisecond === 0;
		const nextDay = DateTime.fromObject({ year: parts.year, month: parts.month, day: parts.day })
			.plus({ days: 1 })
			.toISODate();
		throw new InputError(
			field,
			`"${text}" is not a valid date: ${hour}:${minute}${match[6] ? `:${second}` : ''} is not a time of day`,
			endOfDay
				? `24:00 is the end of the day, which is 00:00 of the next day: use ${nextDay}T00:00.`
				: `Hours go from 00 to 23, minutes and seconds from 00 to 59. ${DATE_FORMATS_HINT}`,
		);
	}
	const guess = DateTime.fromObject(parts, { zone });
	if (!guess.isValid) {
		throw new InputError(
			field,
			`"${text}" is not a valid date: ${guess.invalidExplanation ?? guess.invalidReason}`,
			DATE_FORMATS_HINT,
		);
	}
	// Every offset the zone uses around that day gives one candidate instant; keep those that really
	// show this wall-clock time.
	const wallClockAsUtc = Date.UTC(
		parts.year,
		parts.month - 1,
		parts.day,
		parts.hour,
		parts.minute,
		parts.second,
		parts.millisecond,
	);
	const guessedAt = guess.toMillis();
	const offsets = new Set([
		guess.offset,
		guess.zone.offset(guessedAt - DAY_MS),
		guess.zone.offset(guessedAt + DAY_MS),
	]);
	const matching = [...offsets]
		.map((offsetMinutes) => DateTime.fromMillis(wallClockAsUtc - offsetMinutes * 60_000, { zone }))
		.filter(
			(candidate) =>
				candidate.hour === parts.hour &&
				candidate.minute === parts.minute &&
				candidate.day === parts.day,
		)
		.sort((a, b) => a.toMillis() - b.toMillis());
	if (matching.length === 0) {
		// Only a daylight-saving gap leaves a valid wall-clock time without an instant.
		throw new InputError(
			field,
			`"${text}" does not exist in ${zone}: the clocks move forward at that time on that day`,
			`Pick a time outside the daylight-saving gap (for example ${guess.toFormat("yyyy-LL-dd'T'HH:mm")}), or give the time with an explicit offset.`,
		);
	}
	return matching[0];
}

/** The value as the user gave it, for messages: text quoted as typed, anything else shown as what it is. */
export function asGiven(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value.trim());
	if (isLuxonDateTime(value))
		return value.isValid
			? (value.toISO({ suppressMilliseconds: true }) ?? String(value))
			: 'an invalid DateTime';
	// Whole seconds without ".000", as people write times.
	if (value instanceof Date)
		return Number.isFinite(value.getTime())
			? value.toISOString().replace(/\.000Z$/, 'Z')
			: 'an invalid Date';
	if (
		value === null ||
		value === undefined ||
		typeof value === 'number' ||
		typeof value === 'boolean'
	)
		return String(value);
	const shown = JSON.stringify(value) ?? String(value);
	return `${Array.isArray(value) ? 'an array' : `an ${typeof value}`} (${shown.length > 60 ? `${shown.slice(0, 59)}…` : shown})`;
}

/** The instant a value names, read in `zone`; throws an InputError with what is wrong and how to fix it. */
function readTime(field: string, value: unknown, zone: string): DateTime {
	if (value === undefined || value === null || value === '') {
		throw new InputError(field, 'is empty', DATE_FORMATS_HINT);
	}
	if (isLuxonDateTime(value)) {
		if (!value.isValid)
			throw new InputError(
				field,
				`is an invalid DateTime (${value.invalidReason})`,
				DATE_FORMATS_HINT,
			);
		return DateTime.fromMillis(value.toMillis(), { zone });
	}
	if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
		return fromEpoch(field, (value as Date).getTime(), zone);
	}
	if (typeof value === 'number') return fromEpoch(field, value, zone);
	if (typeof value !== 'string')
		throw new InputError(field, `${asGiven(value)} is not a time`, DATE_FORMATS_HINT);

	const text = value.trim();
	if (/^-?\d{10,}$/.test(text)) return fromEpoch(field, Number(text), zone);
	const naive = NAIVE_ISO.exec(text);
	if (naive) return fromNaive(field, naive, text, zone);

	// With an offset or "Z": the instant is fixed by the string itself. A space may separate date and time.
	const parsed = DateTime.fromISO(text.replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, '$1T'), {
		zone,
		setZone: false,
	});
	if (!parsed.isValid) {
		const why =
			parsed.invalidReason === 'unparsable'
				? 'it is not an ISO 8601 time'
				: (parsed.invalidExplanation ?? parsed.invalidReason);
		throw new InputError(field, `"${text}" is not a valid date: ${why}`, DATE_FORMATS_HINT);
	}
	return parsed.setZone(zone);
}

/** HubSpot's date-times have four-digit years. */
const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

/** Parses the time given for `field`; throws an InputError with what is wrong and how to fix it. */
export function parseMeetingTime(field: string, value: unknown, zone: string): DateTime {
	const time = readTime(field, value, zone);
	const year = new Date(time.toMillis()).getUTCFullYear();
	if (!time.isValid || !(year >= FIRST_YEAR && year <= LAST_YEAR)) {
		throw new InputError(
			field,
			`${asGiven(value)} is outside the years 0001–9999 that HubSpot accepts`,
			`Give a time between 0001-01-01 and 9999-12-31. ${DATE_FORMATS_HINT}`,
		);
	}
	return time;
}

/**
 * A meeting's End must come after its Start. `given` holds both as the user gave them, for the message: a
 * time with an offset is shown as typed, not converted to the meeting's zone.
 */
export function requireEndAfterStart(
	start: DateTime,
	end: DateTime,
	zone: string,
	given?: { start: unknown; end: unknown },
): void {
	if (end <= start) {
		const shown = given
			? { start: asGiven(given.start), end: asGiven(given.end) }
			: {
					start: start.toISO({ suppressMilliseconds: true }),
					end: end.toISO({ suppressMilliseconds: true }),
				};
		throw new InputError(
			'End',
			`${shown.end} is ${end.equals(start) ? 'the same as' : 'before'} Start (${shown.start})`,
			`Set End after Start: Start plus the meeting's length, e.g. 30 minutes later. Times without an offset are read in ${zone}.`,
		);
	}
}

/** 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: where Date's ISO form is Luxon's too. */
const FOUR_DIGIT_YEARS_MS = [-62_135_596_800_000, 253_402_300_799_999];

/** What HubSpot's date-time fields take. */
export function toHubspotTime(time: DateTime): string {
	const ms = time.toMillis();
	// Date writes the same text as Luxon's UTC ISO form for four-digit years, without building a DateTime.
	if (ms >= FOUR_DIGIT_YEARS_MS[0] && ms <= FOUR_DIGIT_YEARS_MS[1]) {
		return new Date(ms).toISOString();
	}
	return time.toUTC().toISO({ suppressMilliseconds: false }) as string;
}

/** HubSpot's own form of an instant: ISO 8601 in UTC, e.g. 2026-06-01T08:00:00.000Z. */
const HUBSPOT_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** The same instant as wall-clock time in the meeting's zone, with its offset (for simplified output). */
export function toLocalTime(isoUtc: unknown, zone: string): string | undefined {
	if (typeof isoUtc !== 'string' || !isoUtc) return undefined;
	// HubSpot's form is read by Date (Luxon's ISO parser costs more); a date Date would roll over (Feb 30) is not.
	const ms = HUBSPOT_UTC.test(isoUtc) ? Date.parse(isoUtc) : Number.NaN;
	const time =
		Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 19) === isoUtc.slice(0, 19)
			? DateTime.fromMillis(ms, { zone })
			: DateTime.fromISO(isoUtc, { zone: 'utc' }).setZone(zone);
	return time.isValid ? (time.toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}
