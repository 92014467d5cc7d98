import type { INodeProperties } from 'n8n-workflow';

/** The trigger's fields, in the editor's order. */

const forEvent = (...event: string[]) => ({ show: { event } });

export const triggerFields: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'OAuth2', value: 'oAuth2' },
			{ name: 'Service Key or Private App Token', value: 'accessToken' },
		],
		default: 'oAuth2',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Meeting Created',
				value: 'meetingCreated',
				description: 'A new meeting, of any source or only those booked through a scheduling page',
			},
			{
				name: 'Meeting Outcome Set',
				value: 'outcomeSet',
				description: "A meeting's outcome changed to one of the chosen values",
			},
			{
				name: 'Meeting Starting Soon',
				value: 'startingSoon',
				description: 'A meeting starts within the next N minutes',
			},
		],
		default: 'meetingCreated',
	},
	{
		displayName: 'Created Through',
		name: 'createdThrough',
		type: 'options',
		displayOptions: forEvent('meetingCreated'),
		options: [
			{ name: 'Any Way', value: 'any', description: 'Every new meeting' },
			{
				name: 'A Scheduling Page',
				value: 'schedulingPage',
				description: 'Booked by a guest through a meeting link (source MEETINGS_PUBLIC)',
			},
			{
				name: 'Chosen Sources',
				value: 'chosenSources',
				description: "Meetings whose source (HubSpot's hs_meeting_source) is one of those chosen",
			},
		],
		default: 'any',
	},
	{
		displayName: 'Source Names or IDs',
		name: 'meetingSources',
		type: 'multiOptions',
		displayOptions: { show: { event: ['meetingCreated'], createdThrough: ['chosenSources'] } },
		typeOptions: {
			loadOptionsMethod: 'getMeetingSources',
			loadOptionsDependsOn: ['authentication'],
		},
		default: [],
		description:
			'Values of the meeting\'s source property, from your account. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Outcome Names or IDs',
		name: 'outcomes',
		type: 'multiOptions',
		displayOptions: forEvent('outcomeSet'),
		typeOptions: { loadOptionsMethod: 'getOutcomes', loadOptionsDependsOn: ['authentication'] },
		default: [],
		description:
			'Fire when the outcome changes to one of these (none chosen: any outcome). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Minutes Before Start',
		name: 'minutesBefore',
		type: 'number',
		displayOptions: forEvent('startingSoon'),
		typeOptions: { minValue: 1 },
		default: 60,
		description:
			'Fire once per meeting when it starts within this many minutes (late, with how late, if the poll interval is longer)',
	},
	{
		displayName: 'Owner Names or IDs',
		name: 'ownerIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getOwners', loadOptionsDependsOn: ['authentication'] },
		default: [],
		description:
			'Only meetings owned by these people (none chosen: everyone). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			"Whether to return a flat item per meeting (as Create Calendar Event does) instead of HubSpot's record",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Contacts',
				name: 'includeContacts',
				type: 'boolean',
				default: false,
				description:
					"Whether to add the meeting's associated contacts (ID and email); costs two more requests per poll with meetings",
			},
			{
				displayName: 'Include Last Hours',
				name: 'includeLastHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'On activation, also deliver the events of this many past hours (0: only what happens from now on)',
			},
		],
	},
];
