import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../input/errors';
import type { ItemInput } from '../../input/item';
import { checkRows, idList, isEmail, textList, trimmed } from '../../input/values';

/** Book Meeting's Options collection (form fields, guests, consent, …) and the part of the request it fills. */

export function bookingOptionsField(displayOptions: IDisplayOptions): INodeProperties {
	return {
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
	};
}

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

/** The Options of one item, checked; sends nothing. */
export function checkBookingOptions(input: ItemInput) {
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
	return { guestEmails, formFields, legalConsentResponses, likelyAvailableUserIds, locale };
}
