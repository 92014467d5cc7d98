import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { MEETING_LINKS_PATH } from '../../http/endpoints';
import { timezoneParameter } from '../../input/dates';
import { InputError } from '../../input/errors';
import type { ItemInput } from '../../input/item';
import { trimmed } from '../../input/values';
import { showFor, TIMEZONE_FIELD } from '../descriptions';

/**
 * The meeting link (scheduling page) that Get Booking Info, Get Availability and Book Meeting work on,
 * and the timezone the two reads show it in.
 */

export const linkFields: INodeProperties[] = [
	{
		displayName: 'Meeting Link Name or ID',
		name: 'slug',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMeetingLinks' },
		required: true,
		default: '',
		hint: 'Scheduling page to use. By expression, its slug: the part after meetings.hubspot.com/ (e.g. ada-lovelace).',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: showFor('meetingLink', 'getBookingInfo', 'getAvailability', 'book'),
	},
	{
		...TIMEZONE_FIELD,
		hint: "IANA timezone HubSpot shows the page in (it requires one); empty for the workflow's timezone.",
		displayOptions: showFor('meetingLink', 'getBookingInfo', 'getAvailability'),
	},
];

/** The item's slug, checked: what a meeting link's URL ends with (meetings.hubspot.com/<slug>). */
export function slugOf(input: ItemInput): string {
	const raw = trimmed(input.getNodeParameter('slug', ''));
	// People paste the whole link; its last path segments are the slug.
	const slug = raw.replace(/^https?:\/\/[^/]+\//i, '').replace(/[?#].*$/, '').replace(/^\/+|\/+$/g, '');
	if (!slug || /\s/.test(slug)) {
		throw new InputError(
			'Meeting Link',
			slug ? `"${raw}" is not a meeting link slug` : 'is empty',
			'Pick a meeting link, or give its slug (the part after meetings.hubspot.com/, e.g. ada-lovelace) by expression.',
		);
	}
	return slug;
}

/**
 * URL and query of a read of the item's link: `${MEETING_LINKS_PATH}/${path}/{slug}` in its timezone.
 * Built here rather than in the routing because the slug is cleaned and checked first.
 */
export function linkRead(input: ItemInput, path: string): { url: string; qs: IDataObject } {
	const slug = slugOf(input);
	const timezone = timezoneParameter(input);
	return { url: `${MEETING_LINKS_PATH}/${path}/${slug.split('/').map(encodeURIComponent).join('/')}`, qs: { timezone } };
}
