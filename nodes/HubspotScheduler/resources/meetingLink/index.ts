import type { INodeProperties } from 'n8n-workflow';

import { MEETING_LINKS_PATH } from '../../http/endpoints';
import { pacedRouting } from '../../http/routing';
import { BOOKING_HINTS, prepareBooking, prepareLinkRead, prepareListLinks, simplifyAvailability } from './hooks';

const forOperations = (...operation: string[]) => ({ show: { resource: ['meetingLink'], operation } });

export const meetingLinkDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['meetingLink'] } },
		options: [
			{
				name: 'Book Meeting',
				value: 'book',
				action: 'Book a meeting through a meeting link',
				description:
					'Book a free slot of a scheduling page as a guest would: HubSpot creates the calendar event, invites the guest and files them as a contact',
				routing: pacedRouting('bookMeeting', {
					method: 'POST',
					url: `${MEETING_LINKS_PATH}/book`,
					preSend: [prepareBooking],
					refusalHints: BOOKING_HINTS,
				}),
			},
			{
				name: 'Get Availability',
				value: 'getAvailability',
				action: 'Get the free slots of a meeting link',
				description: 'List the free slots of a scheduling page for a month',
				routing: pacedRouting('read', { method: 'GET', preSend: [prepareLinkRead], postReceive: [simplifyAvailability] }),
			},
			{
				name: 'Get Booking Info',
				value: 'getBookingInfo',
				action: 'Get the booking info of a meeting link',
				description: "Read a scheduling page's settings: durations, form fields, legal consent, members and their busy times",
				routing: pacedRouting('read', { method: 'GET', preSend: [prepareLinkRead] }),
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many meeting links',
				description: "List the account's scheduling pages",
				routing: pacedRouting('read', {
					method: 'GET',
					url: MEETING_LINKS_PATH,
					preSend: [prepareListLinks],
					pagination: { limitFromParameters: true },
				}),
			},
		],
		default: 'getMany',
	},

	// ---------------------------------------------------------------- Get Many
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: forOperations('getMany'),
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { resource: ['meetingLink'], operation: ['getMany'], returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: forOperations('getMany'),
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only links with this name',
				routing: { send: { type: 'query', property: 'name' } },
			},
			{
				displayName: 'Organizer Name or ID',
				name: 'organizerUserId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getOrganizers' },
				default: '',
				hint: 'Only links this person organizes; by expression, their HubSpot user ID.',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				routing: { send: { type: 'query', property: 'organizerUserId' } },
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Group', value: 'GROUP_CALENDAR' },
					{ name: 'Personal', value: 'PERSONAL_LINK' },
					{ name: 'Round Robin', value: 'ROUND_ROBIN_CALENDAR' },
				],
				default: 'PERSONAL_LINK',
				description: 'Only links of this kind',
				routing: { send: { type: 'query', property: 'type' } },
			},
		],
	},

	// ---------------------------------------------------------------- The link, and its timezone
	{
		displayName: 'Meeting Link Name or ID',
		name: 'slug',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMeetingLinks' },
		required: true,
		default: '',
		hint: 'Scheduling page to use. By expression, its slug: the part after meetings.hubspot.com/ (e.g. ada-lovelace).',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: forOperations('getBookingInfo', 'getAvailability', 'book'),
	},
	{
		displayName: 'Timezone Name or ID',
		name: 'timezone',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTimezones' },
		default: '',
		hint: 'IANA timezone HubSpot shows the page in (it requires one); empty for the workflow\'s timezone.',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: forOperations('getBookingInfo', 'getAvailability'),
	},

	// ---------------------------------------------------------------- Get Availability
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			"Whether to return one item per free slot (start and end in the chosen timezone, duration in minutes) instead of HubSpot's raw answer",
		displayOptions: forOperations('getAvailability'),
	},
	{
		displayName: 'Options',
		name: 'availabilityOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: forOperations('getAvailability'),
		options: [
			{
				displayName: 'Month Offset',
				name: 'monthOffset',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 24, numberPrecision: 0 },
				default: 0,
				description: 'Which month: 0 for the current one, 1 for the next, and so on',
			},
		],
	},

	// ---------------------------------------------------------------- Book Meeting
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
		description: "Guest's first name",
		displayOptions: forOperations('book'),
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
		description: "Guest's last name",
		displayOptions: forOperations('book'),
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: "Guest's email address: HubSpot invites it and files the booking under that contact",
		displayOptions: forOperations('book'),
	},
	{
		displayName: 'Start',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"Start of a free slot of the link (see Get Availability). A time without an offset is wall-clock time in Timezone; an ISO time with an offset, a Luxon DateTime, a JS Date or epoch milliseconds also work.",
		displayOptions: forOperations('book'),
	},
	{
		displayName: 'Duration (Minutes)',
		name: 'durationMinutes',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		required: true,
		default: 30,
		description: 'Length of the meeting; must be one the link offers. Sent to HubSpot in milliseconds.',
		displayOptions: forOperations('book'),
	},
	{
		displayName: 'Timezone Name or ID',
		name: 'timezone',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTimezones' },
		default: '',
		hint: 'Guest\'s IANA timezone: Start without an offset is read in it, and the confirmation shows it. Empty for the workflow\'s timezone.',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: forOperations('book'),
	},
	{
		displayName: 'Options',
		name: 'bookingOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: forOperations('book'),
		options: [
			{
				displayName: 'Form Fields',
				name: 'formFields',
				type: 'fixedCollection',
				placeholder: 'Add Form Field',
				typeOptions: { multipleValues: true },
				default: {},
				description: "Answers to the link's form questions (Get Booking Info lists them under customParams.formFields)",
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
				description: "The guest's answers to the link's consent checkboxes (Get Booking Info: customParams.legalConsentOptions)",
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
				description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
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
