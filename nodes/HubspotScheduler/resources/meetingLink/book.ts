import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { MEETING_LINKS_PATH } from '../../http/endpoints';
import type { RefusalHint } from '../../http/hubspotErrors';
import { pacedRouting } from '../../http/routing';
import { parseMeetingTime, timezoneParameter, toHubspotTime } from '../../input/dates';
import { InputError } from '../../input/errors';
import type { ItemInput } from '../../input/item';
import { checkRows, idList, isEmail, textList, trimmed, wholeNumber } from '../../input/values';
import { showFor, TIMEZONE_FIELD } from '../descriptions';
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
		'Use a duration the meeting link offers (Get Availability shows durationMinutes for each slot).',
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
		displayName: 'Duration (Minutes)',
		name: 'durationMinutes',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		required: true,
		default: 30,
		description:
			'Length of the meeting; must be one the link offers. Sent to HubSpot in milliseconds.',
		displayOptions,
	},
	{
		...TIMEZONE_FIELD,
		hint: "Guest's IANA timezone: Start without an offset is read in it, and the confirmation shows it. Empty for the workflow's timezone.",
		displayOptions,
	},
	{
		displayName: 'Options',
		name: 'bookingOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Form Fields',
				name: 'formFields',
				type: 'fixedCollection',
				placeholder: 'Add Form Field',
				typeOptions: { multipleValues: true },
				default: {},
				description:
					"Answers to the link's form questions (Get Booking Info lists them under customParams.formFields)",
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
								description: "The form field's internal name, e.g. company",
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
							},
						],
					},
				],
			},
			{
				displayName: 'Guest Emails',
				name: 'guestEmails',
				type: 'string',
				default: '',
				placeholder: 'e.g. a@example.com, b@example.com',
				description:
					"More people to invite, comma-separated or an array from an expression, if the link allows guests. Sent as guestEmails, which HubSpot's booking page uses but the published 2026-03 request schema does not list.",
			},
			{
				displayName: 'Legal Consent',
				name: 'legalConsent',
				type: 'fixedCollection',
				placeholder: 'Add Consent',
				typeOptions: { multipleValues: true },
				default: {},
				description:
					"The guest's answers to the link's consent checkboxes (Get Booking Info: customParams.legalConsentOptions)",
				options: [
					{
						displayName: 'Consent',
						name: 'consent',
						values: [
							{
								displayName: 'Communication Type ID',
								name: 'communicationTypeId',
								type: 'string',
								default: '',
							},
							{
								displayName: 'Consented',
								name: 'consented',
								type: 'boolean',
								default: false,
								description: 'Whether the guest gave this consent',
							},
						],
					},
				],
			},
			{
				displayName: 'Likely Available User Names or IDs',
				name: 'likelyAvailableUserIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getOrganizers' },
				default: [],
				hint: 'For group and round-robin links: members who are free at that time. By expression, HubSpot user IDs.',
				description:
					'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Locale',
				name: 'locale',
				type: 'string',
				default: '',
				placeholder: 'e.g. en-us',
				description: 'Language of the confirmation',
			},
		],
	},
];

/** One Form Fields row and one Legal Consent row, as the editor saves them. */
interface FormFieldRow {
	name?: unknown;
	value?: unknown;
}
interface ConsentRow {
	communicationTypeId?: unknown;
	consented?: unknown;
}

const LOCALE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/;
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

	const options = input.getNodeParameter('bookingOptions', {}) as IDataObject;
	const guestEmails = textList(options.guestEmails);
	for (const guest of guestEmails) {
		if (!isEmail(guest))
			throw new InputError(
				'Guest Emails',
				`"${guest}" is not a valid email address`,
				'Give guest addresses separated by commas, e.g. a@example.com, b@example.com.',
			);
	}
	const formFields = checkRows(
		(options.formFields as IDataObject | undefined)?.field,
		'Form Fields',
		(row: FormFieldRow, field) => {
			const name = trimmed(row.name);
			if (!name)
				throw new InputError(
					field,
					'has no field name',
					"Give the form field's internal name (Get Booking Info lists them under customParams.formFields), or remove the row.",
				);
			return {
				name,
				value: row.value === undefined || row.value === null ? '' : String(row.value),
			};
		},
	);
	const legalConsentResponses = checkRows(
		(options.legalConsent as IDataObject | undefined)?.consent,
		'Legal Consent',
		(row: ConsentRow, field) => {
			const communicationTypeId = trimmed(row.communicationTypeId);
			if (!communicationTypeId)
				throw new InputError(
					field,
					'has no communication type ID',
					'Give the communicationTypeId of a consent checkbox (Get Booking Info: customParams.legalConsentOptions), or remove the row.',
				);
			return { communicationTypeId, consented: row.consented === true || row.consented === 'true' };
		},
	);
	const likelyAvailableUserIds = idList(
		'Likely Available Users',
		options.likelyAvailableUserIds ?? [],
		'Give HubSpot user IDs as a comma-separated list or an array from an expression.',
	);
	const locale = trimmed(options.locale);
	if (locale && !LOCALE.test(locale))
		throw new InputError(
			'Locale',
			`"${locale}" is not a locale`,
			'Use a language tag such as en, en-us or de-de.',
		);

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

async function prepareBook(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	body: IDataObject,
): Promise<IHttpRequestOptions> {
	requestOptions.body = body;
	return requestOptions;
}
