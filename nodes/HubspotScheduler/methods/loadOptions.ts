import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MEETING_PROPERTIES_PATH } from '../http/endpoints';
import { activePeople, listOwners, ownerLabel, type HubspotOwner } from '../http/owners';
import { hubspotRequest } from '../http/request';
import { InputError } from '../input/errors';
import { readLinkDurations } from '../resources/meetingLink/durations';
import { slugOf } from '../resources/meetingLink/link';

/**
 * Dropdowns that load from the user's HubSpot account (`methods.loadOptions`). Every one also takes a
 * plain id or value from an expression (n8n's "X Name or ID" convention). They are functions rather
 * than `loadOptions.routing` so that they page through everything and fail with HubSpot's own message:
 * see "Architecture" in the README.
 */

/** Active people (no queues), in HubSpot's order. */
async function people(context: ILoadOptionsFunctions): Promise<HubspotOwner[]> {
	return activePeople(await listOwners(context, { purpose: 'read' }));
}

/** Organizer: people with a HubSpot user, value = user id. */
export async function getOrganizers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await people(this))
		.filter((owner) => owner.userId !== undefined && owner.userId !== null)
		.map((owner) => ({ name: ownerLabel(owner), value: String(owner.userId) }));
}

/** Owner and attendees: the same people, value = owner id. */
export async function getOwners(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await people(this))
		.filter((owner) => owner.userId !== undefined && owner.userId !== null)
		.map((owner) => ({ name: ownerLabel(owner), value: String(owner.id) }));
}

interface PropertyOption {
	label?: string;
	value?: string;
	hidden?: boolean;
	displayOrder?: number;
	description?: string;
}

async function propertyOptions(
	context: ILoadOptionsFunctions,
	propertyName: string,
): Promise<INodePropertyOptions[]> {
	const property = await hubspotRequest<{ options?: PropertyOption[] }>(
		context,
		{ method: 'GET', url: `${MEETING_PROPERTIES_PATH}/${propertyName}` },
		'read',
	);
	return (
		(property.options ?? [])
			.map((option, index) => ({ option, index }))
			.filter(({ option }) => !option.hidden && option.value !== undefined)
			// HubSpot's order: displayOrder where set (-1 or missing sorts by position), stable otherwise.
			.sort((a, b) => order(a.option, a.index) - order(b.option, b.index) || a.index - b.index)
			.map(({ option }) => ({
				name: option.label || String(option.value),
				value: String(option.value),
				...(option.description ? { description: option.description } : {}),
			}))
	);
}

function order(option: PropertyOption, index: number): number {
	return typeof option.displayOrder === 'number' && option.displayOrder >= 0
		? option.displayOrder
		: 10_000 + index;
}

/** Meeting type (hs_activity_type): the account's own call and meeting types. */
export async function getMeetingTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await propertyOptions(this, 'hs_activity_type');
}

/** Outcome (hs_meeting_outcome): the account's outcomes, including its own. */
export async function getOutcomes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await propertyOptions(this, 'hs_meeting_outcome');
}

/**
 * ICU (and so Intl) still lists these zones by names the IANA database has since made aliases; the list
 * shows the current names, which Intl accepts as well.
 */
const IANA_NAME_OF_ICU_ALIAS: Record<string, string> = {
	'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
	'America/Catamarca': 'America/Argentina/Catamarca',
	'America/Cordoba': 'America/Argentina/Cordoba',
	'America/Godthab': 'America/Nuuk',
	'America/Indianapolis': 'America/Indiana/Indianapolis',
	'America/Jujuy': 'America/Argentina/Jujuy',
	'America/Louisville': 'America/Kentucky/Louisville',
	'America/Mendoza': 'America/Argentina/Mendoza',
	'Asia/Calcutta': 'Asia/Kolkata',
	'Asia/Katmandu': 'Asia/Kathmandu',
	'Asia/Rangoon': 'Asia/Yangon',
	'Asia/Saigon': 'Asia/Ho_Chi_Minh',
	'Atlantic/Faeroe': 'Atlantic/Faroe',
	'Europe/Kiev': 'Europe/Kyiv',
	'Pacific/Enderbury': 'Pacific/Kanton',
	'Pacific/Ponape': 'Pacific/Pohnpei',
	'Pacific/Truk': 'Pacific/Chuuk',
};

/**
 * IANA timezones: the workflow's zone once, as the empty default ("whatever the workflow's zone is", which
 * follows the workflow settings), then every zone by its name as written in expressions (Europe/Berlin,
 * America/New_York).
 */
export async function getTimezones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const workflowZone = this.getTimezone();
	const zones = (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf(
		'timeZone',
	);
	const all = zones.includes('UTC') ? zones : [...zones, 'UTC'];
	const canonical = [...new Set(all.map((zone) => IANA_NAME_OF_ICU_ALIAS[zone] ?? zone))].sort();
	return [
		{
			name: `Workflow Timezone (${workflowZone})`,
			value: '',
			description: "Follows the workflow's settings",
		},
		...canonical.map((zone) => ({ name: zone, value: zone })),
	];
}

/** Book Meeting's Duration: the lengths the chosen meeting link offers, in minutes ("30 minutes"). */
export async function getLinkDurations(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	let slug: string;
	try {
		// The locator as the editor holds it now (not yet saved), read like an item's.
		slug = slugOf({
			getNodeParameter: ((name: string, fallback?: unknown) =>
				this.getCurrentNodeParameter(name) ??
				fallback) as ILoadOptionsFunctions['getNodeParameter'],
			getTimezone: () => this.getTimezone(),
		});
	} catch (error) {
		const problem = error instanceof InputError ? error.message : String(error);
		throw new NodeOperationError(this.getNode(), `${problem}: pick the Meeting Link first`, {
			description: error instanceof InputError ? error.fix : undefined,
		});
	}
	const minutes = await readLinkDurations(this, slug);
	return minutes.map((value) => ({
		name: `${value} ${value === 1 ? 'minute' : 'minutes'}`,
		value,
	}));
}

export const loadOptionsMethods = {
	getLinkDurations,
	getOrganizers,
	getOwners,
	getMeetingTypes,
	getOutcomes,
	getTimezones,
};
