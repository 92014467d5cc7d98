import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { MEETING_LINKS_PATH } from '../../http/endpoints';
import { timezoneParameter } from '../../input/dates';
import { InputError } from '../../input/errors';
import type { ItemInput } from '../../input/item';
import { listMode, locatorField, locatorValue, slugFromUrl } from '../../input/locators';
import { showFor, TIMEZONE_FIELD } from '../descriptions';

/**
 * The meeting link (scheduling page) that Get Booking Info, Get Availability and Book Meeting work on,
 * and the timezone the two reads show it in.
 */

export const linkFields: INodeProperties[] = [
	locatorField({
		displayName: 'Meeting Link',
		name: 'slug',
		required: true,
		modes: [
			listMode('searchMeetingLinks', 'Search by name or slug…'),
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://meetings.hubspot.com/ada-lovelace',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*https?://meetings(-[a-zA-Z0-9]+)?\\.hubspot\\.com/[^\\s]+$',
							errorMessage:
								'Meeting Link: not a HubSpot meetings URL (https://meetings.hubspot.com/…)',
						},
					},
				],
			},
			{ displayName: 'By Slug', name: 'slug', type: 'string', placeholder: 'e.g. ada-lovelace' },
		],
		hint: 'Scheduling page to use. By slug: the part after meetings.hubspot.com/ (e.g. ada-lovelace).',
		displayOptions: showFor('meetingLink', 'getBookingInfo', 'getAvailability', 'book'),
	}),
	{
		...TIMEZONE_FIELD,
		hint: "IANA timezone HubSpot shows the page in (it requires one); empty for the workflow's timezone.",
		displayOptions: showFor('meetingLink', 'getBookingInfo', 'getAvailability'),
	},
];

const SLUG_FIX =
	'Pick a meeting link, paste its URL (https://meetings.hubspot.com/…) By URL, or give its slug (the part after meetings.hubspot.com/, e.g. ada-lovelace).';

/** The item's slug, checked: what a meeting link's URL ends with (meetings.hubspot.com/<slug>). */
export function slugOf(input: ItemInput): string {
	const { mode, value: raw } = locatorValue(input.getNodeParameter('slug', ''));
	if (mode === 'url') return checkedSlug(slugFromUrl('Meeting Link', raw, SLUG_FIX), raw);
	// A plain value, a slug or a pick: people paste the whole link, whose last path segments are the slug.
	const slug = raw
		.replace(/^https?:\/\/[^/]+\//i, '')
		.replace(/[?#].*$/, '')
		.replace(/^\/+|\/+$/g, '');
	return checkedSlug(slug, raw);
}

function checkedSlug(slug: string, raw: string): string {
	if (!slug || /\s/.test(slug)) {
		throw new InputError(
			'Meeting Link',
			slug ? `"${raw}" is not a meeting link slug` : 'is empty',
			SLUG_FIX,
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
	return { url: linkPath(path, slug), qs: { timezone } };
}

/** `${MEETING_LINKS_PATH}/${path}/{slug}`, each part of the slug URL-encoded. */
export function linkPath(path: string, slug: string): string {
	return `${MEETING_LINKS_PATH}/${path}/${slug.split('/').map(encodeURIComponent).join('/')}`;
}
