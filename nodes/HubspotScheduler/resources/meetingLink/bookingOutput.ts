import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { toLocalTime } from '../../input/dates';
import { slugOf } from './link';

/**
 * Book Meeting's "Simplify": HubSpot's booking confirmation as one flat item. HubSpot's answer (2026-03,
 * 2026-09, v3) names the calendar event and the guest's contact but not the CRM meeting record; an answer
 * that does carry one (`meetingId` or `id`) shows it as `meetingId`.
 */

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** HubSpot's times with their milliseconds, as Create's simplified output. */
function utc(value: unknown): string | undefined {
	const shown = text(value);
	if (!shown) return undefined;
	const millis = Date.parse(shown);
	return Number.isFinite(millis) ? new Date(millis).toISOString() : shown;
}

export function simplifiedBooking(booking: IDataObject, slug: string): IDataObject {
	const timezone = text(booking.bookingTimezone) ?? 'UTC';
	const start = utc(booking.start);
	const end = utc(booking.end);
	const meetingId = booking.meetingId ?? booking.id;
	const simplified: IDataObject = {
		...(meetingId !== undefined && meetingId !== null && meetingId !== ''
			? { meetingId: String(meetingId) }
			: {}),
		calendarEventId: booking.calendarEventId,
		contactId: booking.contactId === undefined ? undefined : String(booking.contactId),
		slug,
		subject: booking.subject,
		start,
		end,
		startLocal: toLocalTime(start, timezone),
		endLocal: toLocalTime(end, timezone),
		timezone,
		durationMinutes:
			typeof booking.duration === 'number' ? Math.round(booking.duration / 60_000) : undefined,
		guestEmails: booking.guestEmails,
		location: text(booking.location),
		webConferenceUrl: text(booking.webConferenceUrl),
	};
	// Fields HubSpot did not send are left out rather than shown as empty.
	for (const key of Object.keys(simplified))
		if (simplified[key] === undefined) delete simplified[key];
	return simplified;
}

/** postReceive of Book Meeting. */
export async function simplifyBooking(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('simplify', true) !== true) return items;
	const slug = slugOf(this);
	return items.map((item) => ({ json: simplifiedBooking(item.json, slug) }));
}
