import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Pieces of field descriptions every resource uses. */

/** Shows a field for some operations of a resource. */
export function showFor(resource: string, ...operation: string[]): IDisplayOptions {
	return { show: { resource: [resource], operation } };
}

/** A "Timezone" dropdown (IANA names, the workflow's first); each use adds a hint saying what it is the timezone of. */
export const TIMEZONE_FIELD: INodeProperties = {
	displayName: 'Timezone Name or ID',
	name: 'timezone',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTimezones' },
	default: '',
	description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};
