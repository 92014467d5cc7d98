import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { InputError } from './errors';
import { hubspotId, trimmed } from './values';

/**
 * Resource locators (Organizer, Owner, Meeting, Meeting Link): their modes, and the one reading of a
 * locator's value. The node reads the raw value (`{ __rl, mode, value }`, or a plain string from an older
 * workflow, an expression or an AI agent) and parses it here rather than with n8n's `extractValue`
 * regexes, whose refusal ("This is likely because the URL entered is incorrect") names no item and no fix.
 */

/** A locator's mode and value; a plain value has no mode and is read by its look. */
export interface LocatorValue {
	mode?: string;
	value: string;
}

/** Unwraps `{ __rl: true, mode, value }`; anything else is a plain value. */
export function locatorValue(raw: unknown): LocatorValue {
	if (raw && typeof raw === 'object' && 'value' in raw) {
		const { mode, value } = raw as { mode?: unknown; value?: unknown };
		return { mode: typeof mode === 'string' ? mode : undefined, value: trimmed(value) };
	}
	return { value: trimmed(raw) };
}

/** "From list" mode with a searchable list (methods.listSearch). */
export function listMode(searchListMethod: string, placeholder: string): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, not a parameter
	return {
		displayName: 'From List',
		name: 'list',
		type: 'list',
		placeholder,
		typeOptions: { searchListMethod, searchable: true },
	};
}

/** "By ID" mode for a HubSpot id: a whole number, checked in the editor as well (n8n lists a typed value that fails as a node issue). */
export function idMode(placeholder: string, field: string, what: string): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, not a parameter
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string',
		placeholder,
		validation: [
			{
				type: 'regex',
				properties: {
					regex: '^\\s*[0-9]+\\s*$',
					errorMessage: `${field}: not a ${what} (a whole number)`,
				},
			},
		],
	};
}

/** A locator field's shared shape. */
export function locatorField(
	field: Omit<INodeProperties, 'type' | 'default'> & { default?: INodeProperties['default'] },
): INodeProperties {
	return {
		default: { mode: 'list', value: '' },
		...field,
		type: 'resourceLocator',
	} as INodeProperties;
}

/**
 * A person (Organizer: user id; Owner: owner id) from its locator: list and ID modes both hold the id.
 * `optional` lets an empty value through as ''.
 */
export function personIdOf(
	field: string,
	raw: unknown,
	kind: 'user' | 'owner',
	fix: string,
	optional = false,
): string {
	return hubspotId(field, locatorValue(raw).value, kind, fix, { optional });
}

/** HubSpot hosts: app.hubspot.com and its regions (app-eu1.hubspot.com …). */
const RECORD_URL =
	/^https?:\/\/app(?:-[a-z0-9]+)?\.hubspot\.com\/contacts\/(\d+)\/record\/([0-9]+-[0-9]+|[a-z_]+)\/(\d+)(?:[/?#].*)?$/i;
/** The meeting object's type id in record URLs. */
const MEETING_OBJECT = '0-47';

/** A meeting's id from its HubSpot record URL (https://app.hubspot.com/contacts/<portal>/record/0-47/<id>). */
export function meetingIdFromUrl(field: string, url: string, fix: string): string {
	const match = RECORD_URL.exec(url);
	if (!match) {
		throw new InputError(field, url ? `"${url}" is not a HubSpot record URL` : 'is empty', fix);
	}
	if (match[2] !== MEETING_OBJECT) {
		throw new InputError(
			field,
			`"${url}" is the URL of another kind of record (object ${match[2]}), not of a meeting (${MEETING_OBJECT})`,
			fix,
		);
	}
	return match[3];
}

/** meetings.hubspot.com and its regions (meetings-eu1.hubspot.com …). */
const LINK_URL = /^https?:\/\/meetings(?:-[a-z0-9]+)?\.hubspot\.com\/([^?#]+?)\/?(?:[?#].*)?$/i;

/** A meeting link's slug from its URL (https://meetings.hubspot.com/<slug>). */
export function slugFromUrl(field: string, url: string, fix: string): string {
	const match = LINK_URL.exec(url);
	if (!match)
		throw new InputError(
			field,
			url ? `"${url}" is not a HubSpot meetings URL (https://meetings.hubspot.com/…)` : 'is empty',
			fix,
		);
	return decodeURIComponent(match[1]);
}
