/** Deterministic seed data: owners and the meeting property options an account defines. */

export interface Owner {
	id: string;
	userId?: number;
	email: string;
	firstName: string;
	lastName: string;
	type: 'PERSON' | 'QUEUE';
	archived?: boolean;
}

export interface PropertyOption {
	label: string;
	value: string;
	hidden: boolean;
	displayOrder?: number;
}

const FIRST = [
	'Ada',
	'Grace',
	'Alan',
	'Katherine',
	'Linus',
	'Margaret',
	'Dennis',
	'Barbara',
	'Ken',
	'Frances',
];
const LAST = [
	'Lovelace',
	'Hopper',
	'Turing',
	'Johnson',
	'Torvalds',
	'Hamilton',
	'Ritchie',
	'Liskov',
	'Thompson',
	'Allen',
];

/**
 * `count` people (ids "100001".., userIds 9000001..), then one QUEUE owner without a userId and one
 * archived person. Names cycle through a fixed list; a numeric suffix keeps emails unique.
 */
export function seedOwners(count = 5): Owner[] {
	const owners: Owner[] = [];
	for (let i = 1; i <= count; i++) {
		const round = Math.floor((i - 1) / FIRST.length);
		const firstName = FIRST[(i - 1) % FIRST.length];
		const lastName = LAST[(i - 1) % LAST.length];
		const suffix = round ? String(round + 1) : '';
		owners.push({
			id: String(100000 + i),
			userId: 9000000 + i,
			email: `${firstName}.${lastName}${suffix}@example.com`.toLowerCase(),
			firstName,
			lastName,
			type: 'PERSON',
		});
	}
	owners.push({
		id: String(100000 + count + 1),
		email: 'support-queue@example.com',
		firstName: 'Support',
		lastName: 'Queue',
		type: 'QUEUE',
	});
	owners.push({
		id: String(100000 + count + 2),
		userId: 9000000 + count + 2,
		email: 'former.employee@example.com',
		firstName: 'Former',
		lastName: 'Employee',
		type: 'PERSON',
		archived: true,
	});
	return owners;
}

export function defaultPropertyOptions(): Record<string, PropertyOption[]> {
	return {
		hs_meeting_outcome: [
			{ label: 'Scheduled', value: 'SCHEDULED', hidden: false, displayOrder: 0 },
			{ label: 'Completed', value: 'COMPLETED', hidden: false, displayOrder: 1 },
			{ label: 'Rescheduled', value: 'RESCHEDULED', hidden: false, displayOrder: 2 },
			{ label: 'No show', value: 'NO_SHOW', hidden: false, displayOrder: 3 },
			{ label: 'Canceled', value: 'CANCELED', hidden: false, displayOrder: 4 },
		],
		// Where a meeting came from; MEETINGS_PUBLIC = booked by a guest through a scheduling page.
		hs_meeting_source: [
			{ label: 'Meetings public', value: 'MEETINGS_PUBLIC', hidden: false, displayOrder: 0 },
			{ label: 'CRM UI', value: 'CRM_UI', hidden: false, displayOrder: 1 },
			{ label: 'Bidirectional API', value: 'BIDIRECTIONAL_API', hidden: false, displayOrder: 2 },
			{ label: 'Integration', value: 'INTEGRATION', hidden: false, displayOrder: 3 },
		],
		hs_activity_type: [
			{ label: 'Discovery call', value: 'DISCOVERY_CALL', hidden: false, displayOrder: 0 },
			{ label: 'Demo', value: 'DEMO', hidden: false, displayOrder: 1 },
			{ label: 'Onboarding', value: 'ONBOARDING', hidden: false, displayOrder: 2 },
			{ label: 'Legacy type', value: 'LEGACY_TYPE', hidden: true, displayOrder: 3 },
		],
	};
}

/** Meeting -> object association type ids that HubSpot defines (category HUBSPOT_DEFINED). */
export const HUBSPOT_DEFINED_MEETING_ASSOCIATIONS: Record<number, string> = {
	200: 'contact',
	188: 'company',
	212: 'deal',
	226: 'ticket',
	400: 'call',
	601: 'lead',
	769: 'order',
	873: 'course',
	897: 'listing',
	839: 'service',
	919: 'appointment',
};
