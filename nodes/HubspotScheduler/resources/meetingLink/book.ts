import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { MEETING_LINKS_PATH } from '../../http/endpoints';
import type { RefusalHint } from '../../http/refusalHints';
import { pacedRouting } from '../../http/routing';
import { parseMeetingTime, timezoneParameter, toHubspotTime } from '../../input/dates';
import { InputError, itemError } from '../../input/errors';
import type { ItemInput } from '../../input/item';
import { isEmail, trimmed, wholeNumber } from '../../input/values';
import { showFor, TIMEZONE_FIELD } from '../descriptions';
import { bookingOptionsField, checkBookingOptions } from './bookingOptions';
import { simplifyBooking } from './bookingOutput';
import { requireOfferedDuration } from './durations';
import { slugOf } from './link';

/** Book Meeting: books a free slot of a scheduling page as a guest would. */

/** What HubSpot's booking refusals mean for the user, in the order they are checked. */
const BOOKING_HINTS: RefusalHint[] = [
	[/email/i, 'Check Email and Guest Emails: HubSpot refused an address.'],
	[
		/available|availability|taken|booked|conflict|slot|busy/i,
		"That time is not (or no longer) free on this meeting link. Run Get Availability for the link and book one of its slots: Start must be a slot's start and Duration one of its durations.",
	],
	[
		/duration/i,
		"Use a duration the meeting link offers: pick one from Duration's list (Get Availability shows durationMinutes for each slot).",
	],
	[
		/form|field|consent/i,
		"Check Form Fields and Legal Consent against the link's form (Get Booking Info: customParams.formFields and legalConsentOptions).",
	],
	[
		/slug|link|not found/i,
		'Check the Meeting Link: pick it from the list, or give its slug as shown in Get Many.',
	],
];

export const bookOperation: INodePropertyOptions = {
	name: 'Book Meeting',
	value: 'book',
	action: 'Book a meeting',
	description:
		'Book a free slot of a scheduling page as a guest would: HubSpot creates the calendar event, invites the guest and files them as a contact',
	routing: pacedRouting('bookMeeting', {
		method: 'POST',
		url: `${MEETING_LINKS_PATH}/book`,
		check: checkBook,
		prepare: prepareBook,
		postReceive: [simplifyBooking],
		refusalHints: BOOKING_HINTS,
	}),
};

const displayOptions = showFor('meetingLink', 'book');

export const bookFields: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
		description: "Guest's first name",
		displayOptions,
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
		description: "Guest's last name",
		displayOptions,
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description:
			"Guest's email address: HubSpot invites it and files the booking under that contact",
		displayOptions,
	},
	{
		displayName: 'Start',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'Start of a free slot of the link (see Get Availability). A time without an offset is wall-clock time in Timezone; an ISO time with an offset, a Luxon DateTime, a JS Date or epoch milliseconds also work.',
		displayOptions,
	},
	{
		displayName: 'Duration Name or ID',
		name: 'durationMinutes',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLinkDurations', loadOptionsDependsOn: ['slug.value'] },
		required: true,
		default: 30,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: "The lengths the meeting link offers, in minutes. By expression: minutes, e.g. a Get Availability slot's durationMinutes.",
		displayOptions,
	},
	{
		...TIMEZONE_FIELD,
		hint: "Guest's IANA timezone: Start without an offset is read in it, and the confirmation shows it. Empty for the workflow's timezone.",
		displayOptions,
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			"Whether to return a flat summary of the booking (contact ID, start and end in UTC and in the booking's timezone, link slug) instead of HubSpot's raw confirmation",
		displayOptions,
	},
	bookingOptionsField(displayOptions),
];

/** One day: no scheduling page offers longer meetings. */
const MAX_DURATION_MINUTES = 24 * 60;
const MAX_NAME_LENGTH = 256;

/** The booking request of one item, checked; sends nothing. */
export function checkBook(input: ItemInput): IDataObject {
	const slug = slugOf(input);
	const names: IDataObject = {};
	for (const [parameter, field] of [
		['firstName', 'First Name'],
		['lastName', 'Last Name'],
	] as const) {
		const value = trimmed(input.getNodeParameter(parameter, ''));
		if (!value)
			throw new InputError(
				field,
				'is empty',
				`Give the guest's ${field.toLowerCase()}; HubSpot requires it to book.`,
			);
		if (value.length > MAX_NAME_LENGTH)
			throw new InputError(
				field,
				`is ${value.length} characters long`,
				`Shorten it to at most ${MAX_NAME_LENGTH} characters.`,
			);
		names[parameter] = value;
	}
	const email = trimmed(input.getNodeParameter('email', ''));
	if (!isEmail(email)) {
		throw new InputError(
			'Email',
			email ? `"${email}" is not a valid email address` : 'is empty',
			"Give the guest's email address, e.g. jane@example.com; HubSpot sends the invitation there and files the booking under that contact.",
		);
	}

	const timezone = timezoneParameter(input);
	const start = parseMeetingTime('Start', input.getNodeParameter('startTime', ''), timezone);
	const rawDuration = input.getNodeParameter('durationMinutes', 30) as unknown;
	const minutes = wholeNumber(rawDuration);
	if (minutes === undefined || minutes < 1 || minutes > MAX_DURATION_MINUTES) {
		throw new InputError(
			'Duration (Minutes)',
			`${JSON.stringify(rawDuration)} is not a whole number of minutes from 1 to ${MAX_DURATION_MINUTES}`,
			'Use one of the durations the meeting link offers, e.g. 30 (see Get Availability: durationMinutes).',
		);
	}

	const { guestEmails, formFields, legalConsentResponses, likelyAvailableUserIds, locale } =
		checkBookingOptions(input);

	return {
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
		...(locale ? { locale } : {}),
		// Not in the published request schema, but HubSpot's booking page sends it and the response
		// reports it (guestEmails); only sent when there are guests.
		...(guestEmails.length ? { guestEmails } : {}),
	};
}

/** Once every item is checked: the duration must be one the link offers (its booking info, read once per run). */
async function prepareBook(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	body: IDataObject,
): Promise<IHttpRequestOptions> {
	try {
		await requireOfferedDuration(this, String(body.slug), Number(body.duration) / 60_000);
	} catch (error) {
		throw error instanceof InputError
			? itemError(this.getNode(), this.getItemIndex(), error)
			: error;
	}
	requestOptions.body = body;
	return requestOptions;
}
