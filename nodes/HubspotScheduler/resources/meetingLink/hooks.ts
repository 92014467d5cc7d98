import { DateTime } from 'luxon';
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { parseIdList } from '../../shared/associations';
import { parseMeetingTime, resolveTimezone, toHubspotTime } from '../../shared/dates';
import { MEETING_LINKS_PATH } from '../../http/endpoints';
import type { RefusalHint } from '../../http/hubspotErrors';
import { asItemError, invalidInput } from '../../input/errors';

/**
 * Hooks of the Meeting Link operations (Scheduler API 2026-03): list scheduling pages, read a page's
 * booking info and free slots, and book a meeting through a page as a guest would.
 */

/**
 * Email addresses as people type them: one @, a dot in the domain, no spaces or quotes, no leading,
 * trailing or double dots. Deliberately not RFC 5322 (quoted local parts are not worth accepting here).
 */
const EMAIL =
	/^(?!\.)(?!.*\.\.)[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+(?<!\.)@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;

export function isEmail(value: string): boolean {
	return value.length <= 254 && EMAIL.test(value);
}

const LOCALE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/;
/** One day: no scheduling page offers longer meetings. */
const MAX_DURATION_MINUTES = 24 * 60;
const MAX_NAME_LENGTH = 256;

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** The slug of the item, checked: what a meeting link's URL ends with (meetings.hubspot.com/<slug>). */
function slugOf(context: IExecuteSingleFunctions): string {
	const raw = text(context.getNodeParameter('slug', ''));
	// People paste the whole link; its last path segments are the slug.
	const slug = raw.replace(/^https?:\/\/[^/]+\//i, '').replace(/[?#].*$/, '').replace(/^\/+|\/+$/g, '');
	if (!slug || /\s/.test(slug)) {
		throw invalidInput(
			context.getNode(),
			context.getItemIndex(),
			'Meeting Link',
			slug ? `"${raw}" is not a meeting link slug` : 'is empty',
			'Pick a meeting link, or give its slug (the part after meetings.hubspot.com/, e.g. ada-lovelace) by expression.',
		);
	}
	return slug;
}

function linkPath(slug: string): string {
	return slug.split('/').map(encodeURIComponent).join('/');
}

function timezoneOf(context: IExecuteSingleFunctions): string {
	try {
		return resolveTimezone(context.getNodeParameter('timezone', ''), context.getTimezone());
	} catch (error) {
		throw asItemError(context.getNode(), context.getItemIndex(), error, 'Timezone');
	}
}

// ------------------------------------------------------------------------------------ Get Many

/** Filters left empty are not sent (HubSpot would filter on the empty string). */
export async function prepareListLinks(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const qs = (requestOptions.qs ?? {}) as IDataObject;
	for (const key of Object.keys(qs)) {
		const value = text(qs[key]);
		if (value) qs[key] = value;
		else delete qs[key];
	}
	if (qs.organizerUserId !== undefined && !/^\d+$/.test(String(qs.organizerUserId))) {
		throw invalidInput(this.getNode(), this.getItemIndex(), 'Organizer', `"${String(qs.organizerUserId)}" is not a HubSpot user ID (a whole number)`, 'Pick the organizer, or give their user ID (the "userId" of an owner) by expression.');
	}
	requestOptions.qs = qs;
	return requestOptions;
}

// ------------------------------------------------------------------------------------ Booking info, availability

export async function prepareLinkRead(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const slug = slugOf(this);
	const timezone = timezoneOf(this);
	const operation = this.getNodeParameter('operation', '') as string;
	const qs: IDataObject = { timezone };
	if (operation === 'getAvailability') {
		requestOptions.url = `${MEETING_LINKS_PATH}/book/availability-page/${linkPath(slug)}`;
		const monthOffset = Number(this.getNodeParameter('availabilityOptions.monthOffset', 0) ?? 0);
		if (!Number.isInteger(monthOffset) || monthOffset < 0 || monthOffset > 24) {
			throw invalidInput(this.getNode(), this.getItemIndex(), 'Month Offset', `${JSON.stringify(monthOffset)} is not a whole number from 0 to 24`, 'Use 0 for the current month, 1 for the next one, and so on.');
		}
		if (monthOffset > 0) qs.monthOffset = monthOffset;
	} else {
		requestOptions.url = `${MEETING_LINKS_PATH}/book/${linkPath(slug)}`;
	}
	requestOptions.qs = { ...((requestOptions.qs as IDataObject | undefined) ?? {}), ...qs };
	return requestOptions;
}

interface AvailabilityPage {
	linkAvailability?: {
		hasMore?: boolean;
		linkAvailabilityByDuration?: Record<
			string,
			{ meetingDurationMillis?: number; availabilities?: Array<{ startMillisUtc: number; endMillisUtc: number }> }
		>;
	};
}

/**
 * "Simplify": one item per free slot, start and end as ISO times with the offset that applies in the
 * chosen timezone at that instant (so a slot across a DST change shows two different offsets), and
 * the duration from the instants, not from the wall clock.
 */
export async function simplifyAvailability(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (!(this.getNodeParameter('simplify', true) as boolean)) return items;
	const timezone = timezoneOf(this);
	const slug = slugOf(this);
	const slots: IDataObject[] = [];
	for (const item of items) {
		const byDuration = (item.json as AvailabilityPage).linkAvailability?.linkAvailabilityByDuration ?? {};
		for (const entry of Object.values(byDuration)) {
			for (const slot of entry.availabilities ?? []) {
				const start = DateTime.fromMillis(slot.startMillisUtc, { zone: timezone });
				const end = DateTime.fromMillis(slot.endMillisUtc, { zone: timezone });
				slots.push({
					start: start.toISO({ suppressMilliseconds: true }),
					end: end.toISO({ suppressMilliseconds: true }),
					durationMinutes: Math.round((slot.endMillisUtc - slot.startMillisUtc) / 60_000),
					startUtc: toHubspotTime(start),
					endUtc: toHubspotTime(end),
					timezone,
					slug,
				});
			}
		}
	}
	slots.sort((a, b) => String(a.startUtc).localeCompare(String(b.startUtc)) || Number(a.durationMinutes) - Number(b.durationMinutes));
	return slots.map((json) => ({ json }));
}

// ------------------------------------------------------------------------------------ Book

interface FormFieldRow {
	name?: unknown;
	value?: unknown;
}
interface ConsentRow {
	communicationTypeId?: unknown;
	consented?: unknown;
}

function emailList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,;]+/) : value == null ? [] : [value];
	return list.map((entry) => text(entry)).filter(Boolean);
}

export async function prepareBooking(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const itemIndex = this.getItemIndex();
	const fail = (field: string, problem: string, fix: string) => invalidInput(node, itemIndex, field, problem, fix);
	const checked = <T>(field: string, parse: () => T): T => {
		try {
			return parse();
		} catch (error) {
			throw asItemError(node, itemIndex, error, field);
		}
	};

	const slug = slugOf(this);
	const names: Record<string, string> = {};
	for (const [parameter, field] of [
		['firstName', 'First Name'],
		['lastName', 'Last Name'],
	] as const) {
		const value = text(this.getNodeParameter(parameter, ''));
		if (!value) throw fail(field, 'is empty', `Give the guest's ${field.toLowerCase()}; HubSpot requires it to book.`);
		if (value.length > MAX_NAME_LENGTH) throw fail(field, `is ${value.length} characters long`, `Shorten it to at most ${MAX_NAME_LENGTH} characters.`);
		names[parameter] = value;
	}
	const email = text(this.getNodeParameter('email', ''));
	if (!isEmail(email)) {
		throw fail('Email', email ? `"${email}" is not a valid email address` : 'is empty', "Give the guest's email address, e.g. jane@example.com; HubSpot sends the invitation there and files the booking under that contact.");
	}

	const timezone = timezoneOf(this);
	const start = checked('Start', () => parseMeetingTime(this.getNodeParameter('startTime', ''), timezone));
	const rawDuration = this.getNodeParameter('durationMinutes', 30) as unknown;
	const minutes = typeof rawDuration === 'string' && rawDuration.trim() !== '' ? Number(rawDuration) : rawDuration;
	if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > MAX_DURATION_MINUTES) {
		throw fail('Duration (Minutes)', `${JSON.stringify(rawDuration)} is not a whole number of minutes from 1 to ${MAX_DURATION_MINUTES}`, 'Use one of the durations the meeting link offers, e.g. 30 (see Get Availability: durationMinutes).');
	}

	const options = this.getNodeParameter('bookingOptions', {}) as IDataObject;
	const guestEmails = emailList(options.guestEmails);
	for (const guest of guestEmails) {
		if (!isEmail(guest)) throw fail('Guest Emails', `"${guest}" is not a valid email address`, 'Give guest addresses separated by commas, e.g. a@example.com, b@example.com.');
	}
	const formFields = (((options.formFields as IDataObject | undefined)?.field as FormFieldRow[] | undefined) ?? []).map((row, index) => {
		const name = text(row.name);
		if (!name) throw fail(`Form Fields row ${index + 1}`, 'has no field name', "Give the form field's internal name (Get Booking Info lists them under customParams.formFields), or remove the row.");
		return { name, value: row.value === undefined || row.value === null ? '' : String(row.value) };
	});
	const legalConsentResponses = (((options.legalConsent as IDataObject | undefined)?.consent as ConsentRow[] | undefined) ?? []).map((row, index) => {
		const communicationTypeId = text(row.communicationTypeId);
		if (!communicationTypeId) throw fail(`Legal Consent row ${index + 1}`, 'has no communication type ID', 'Give the communicationTypeId of a consent checkbox (Get Booking Info: customParams.legalConsentOptions), or remove the row.');
		return { communicationTypeId, consented: row.consented === true || row.consented === 'true' };
	});
	const likelyAvailableUserIds = checked('Likely Available Users', () =>
		parseIdList(options.likelyAvailableUserIds ?? [], 'Likely Available Users', 'Give HubSpot user IDs as a comma-separated list or an array from an expression.'),
	);
	const locale = text(options.locale);
	if (locale && !LOCALE.test(locale)) throw fail('Locale', `"${locale}" is not a locale`, 'Use a language tag such as en, en-us or de-de.');

	const body: IDataObject = {
		slug,
		...names,
		email,
		startTime: toHubspotTime(start),
		// HubSpot takes the duration in MILLISECONDS. The 2026-03 spec text says "minutes", but v3, 2026-09
		// and HubSpot's SDKs say milliseconds, as do the link's own `durations` and
		// `meetingDurationMillis`; the node asks for minutes and converts.
		duration: minutes * 60_000,
		formFields,
		legalConsentResponses,
		likelyAvailableUserIds,
		timezone,
	};
	if (locale) body.locale = locale;
	// Not in the published request schema, but HubSpot's booking page sends it and the response
	// reports it (guestEmails); only sent when there are guests.
	if (guestEmails.length) body.guestEmails = guestEmails;
	requestOptions.body = body;
	return requestOptions;
}

/** What HubSpot's booking refusals mean for the user, in the order they are checked. */
export const BOOKING_HINTS: RefusalHint[] = [
	[/email/i, 'Check Email and Guest Emails: HubSpot refused an address.'],
	[
		/available|availability|taken|booked|conflict|slot|busy/i,
		'That time is not (or no longer) free on this meeting link. Run Get Availability for the link and book one of its slots: Start must be a slot\'s start and Duration one of its durations.',
	],
	[/duration/i, 'Use a duration the meeting link offers (Get Availability shows durationMinutes for each slot).'],
	[/form|field|consent/i, 'Check Form Fields and Legal Consent against the link\'s form (Get Booking Info: customParams.formFields and legalConsentOptions).'],
	[/slug|link|not found/i, 'Check the Meeting Link: pick it from the list, or give its slug as shown in Get Many.'],
];
