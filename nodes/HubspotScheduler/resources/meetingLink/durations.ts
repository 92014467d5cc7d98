import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { hubspotRequest, type HubspotContext } from '../../http/request';
import { runMemory } from '../../http/runMemory';
import { InputError } from '../../input/errors';
import { linkPath } from './link';

/**
 * The meeting lengths a link offers, from its booking info (`customParams.durations`, milliseconds):
 * Book Meeting's Duration dropdown, and Book's check that the chosen one is offered (read once per run
 * and link), so the user reads minutes, never milliseconds.
 */

interface BookingInfo {
	customParams?: { durations?: unknown[] };
}

/** The link's durations in minutes, ascending. One booking-info read. */
export async function readLinkDurations(context: HubspotContext, slug: string): Promise<number[]> {
	const info = await hubspotRequest<BookingInfo>(
		context,
		{
			method: 'GET',
			url: linkPath('book', slug),
			// Durations do not depend on the timezone, but HubSpot requires one.
			qs: { timezone: 'UTC' },
		},
		'read',
	);
	const minutes = (info.customParams?.durations ?? [])
		.map(Number)
		.filter((ms) => Number.isFinite(ms) && ms > 0)
		.map((ms) => Math.round(ms / 60_000));
	return [...new Set(minutes)].sort((a, b) => a - b);
}

/** "15, 30 or 60 minutes". */
export function minutesList(minutes: number[]): string {
	const shown = minutes.map(String);
	const list =
		shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}` : shown[0];
	return `${list} ${minutes.length === 1 && minutes[0] === 1 ? 'minute' : 'minutes'}`;
}

/** The link's durations, read once per run and link. */
function durationsOnce(context: IExecuteSingleFunctions, slug: string): Promise<number[]> {
	const bySlug = runMemory<number[]>(context, 'linkDurations');
	let read = bySlug.get(slug);
	if (!read) {
		read = readLinkDurations(context, slug);
		bySlug.set(slug, read);
		// A failed read is not kept: the next item of the run tries for itself.
		read.catch(() => bySlug.get(slug) === read && bySlug.delete(slug));
	}
	return read;
}

/** Refuses a duration the link does not offer, in minutes; one booking-info read per run and link. */
export async function requireOfferedDuration(
	context: IExecuteSingleFunctions,
	slug: string,
	minutes: number,
): Promise<void> {
	const offered = await durationsOnce(context, slug);
	// A link that lists none (HubSpot's answer without durations): let HubSpot decide.
	if (!offered.length || offered.includes(minutes)) return;
	throw new InputError(
		'Duration (Minutes)',
		`${minutesList([minutes])} is not offered by this link; it offers ${minutesList(offered)}`,
		`Pick one of the link's durations from the list, or give ${offered.length > 1 ? 'one of ' : ''}${offered.join(', ')} by expression (Get Availability's durationMinutes).`,
	);
}
