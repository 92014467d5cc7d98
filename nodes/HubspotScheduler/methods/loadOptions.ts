import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { MEETING_PROPERTIES_PATH } from '../http/endpoints';
import { activePeople, listOwners, ownerLabel, type HubspotOwner } from '../http/owners';
import { hubspotRequest } from '../http/request';

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

async function propertyOptions(context: ILoadOptionsFunctions, propertyName: string): Promise<INodePropertyOptions[]> {
	const property = await hubspotRequest<{ options?: PropertyOption[] }>(
		context,
		{ method: 'GET', url: `${MEETING_PROPERTIES_PATH}/${propertyName}` },
		'read',
	);
	return (property.options ?? [])
		.map((option, index) => ({ option, index }))
		.filter(({ option }) => !option.hidden && option.value !== undefined)
		// HubSpot's order: displayOrder where set (-1 or missing sorts by position), stable otherwise.
		.sort((a, b) => order(a.option, a.index) - order(b.option, b.index) || a.index - b.index)
		.map(({ option }) => ({
			name: option.label || String(option.value),
			value: String(option.value),
			...(option.description ? { description: option.description } : {}),
		}));
}

function order(option: PropertyOption, index: number): number {
	return typeof option.displayOrder === 'number' && option.displayOrder >= 0 ? option.displayOrder : 10_000 + index;
}

/** Meeting type (hs_activity_type): the account's own call and meeting types. */
export async function getMeetingTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await propertyOptions(this, 'hs_activity_type');
}

/** Outcome (hs_meeting_outcome): the account's outcomes, including its own. */
export async function getOutcomes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await propertyOptions(this, 'hs_meeting_outcome');
}

/**
 * IANA timezones, the workflow's zone first: once as the empty default ("whatever the workflow's zone is",
 * which follows the workflow settings), once by name.
 */
export async function getTimezones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const workflowZone = this.getTimezone();
	const zones = (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');
	const all = zones.includes('UTC') ? zones : [...zones, 'UTC'];
	const rest = all.filter((zone) => zone !== workflowZone);
	return [
		{ name: `Workflow Timezone (${workflowZone})`, value: '', description: "Follows the workflow's settings" },
		{ name: `${workflowZone} (workflow timezone)`, value: workflowZone },
		...rest.map((zone) => ({ name: zone.replace(/_/g, ' '), value: zone })),
	];
}

export const loadOptionsMethods = {
	getOrganizers,
	getOwners,
	getMeetingTypes,
	getOutcomes,
	getTimezones,
};
