import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { CONTACTS_BATCH_READ_PATH, MEETINGS_PATH } from '../HubspotScheduler/http/endpoints';
import { hubspotRequest } from '../HubspotScheduler/http/request';
import { simplifyMeeting } from '../HubspotScheduler/resources/meeting/properties';
import type { Delivery, MeetingEvent } from './events';

/**
 * One item per delivery: the meeting as Create's Simplify shows it (or HubSpot's record with Simplify
 * off), the event and its details, and the associated contacts' ids and emails when asked.
 */

interface Contact {
	id: string;
	email: string | null;
}

/** Contact ids of a meeting (the record read with its contact associations). */
async function contactIdsOf(context: IPollFunctions, meetingId: string): Promise<string[]> {
	const record = await hubspotRequest<{
		associations?: { contacts?: { results?: Array<{ id: string }> } };
	}>(
		context,
		{ method: 'GET', url: `${MEETINGS_PATH}/${meetingId}`, qs: { associations: 'contacts' } },
		'read',
	);
	return [
		...new Set((record.associations?.contacts?.results ?? []).map((result) => String(result.id))),
	];
}

/** Emails of contacts by id (100 a request). */
async function contactEmails(
	context: IPollFunctions,
	ids: string[],
): Promise<Map<string, string | null>> {
	const emails = new Map<string, string | null>();
	for (let start = 0; start < ids.length; start += 100) {
		const answer = await hubspotRequest<{
			results: Array<{ id: string; properties: { email?: string | null } }>;
		}>(
			context,
			{
				method: 'POST',
				url: CONTACTS_BATCH_READ_PATH,
				body: {
					inputs: ids.slice(start, start + 100).map((id) => ({ id })),
					properties: ['email'],
					propertiesWithHistory: [],
				},
			},
			'read',
		);
		for (const contact of answer.results)
			emails.set(String(contact.id), contact.properties.email ?? null);
	}
	return emails;
}

async function contactsOf(
	context: IPollFunctions,
	deliveries: Delivery[],
): Promise<Map<string, Contact[]>> {
	const idsByMeeting = new Map<string, string[]>();
	for (const { meeting } of deliveries) {
		if (!idsByMeeting.has(meeting.id))
			idsByMeeting.set(meeting.id, await contactIdsOf(context, meeting.id));
	}
	const allIds = [...new Set([...idsByMeeting.values()].flat())];
	const emails = allIds.length
		? await contactEmails(context, allIds)
		: new Map<string, string | null>();
	const contacts = new Map<string, Contact[]>();
	for (const [meetingId, ids] of idsByMeeting)
		contacts.set(
			meetingId,
			ids.map((id) => ({ id, email: emails.get(id) ?? null })),
		);
	return contacts;
}

export async function toItems(
	context: IPollFunctions,
	event: MeetingEvent,
	deliveries: Delivery[],
): Promise<INodeExecutionData[]> {
	const simplify = context.getNodeParameter('simplify', true) as boolean;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const contacts = options.includeContacts ? await contactsOf(context, deliveries) : undefined;
	const timezone = context.getTimezone();
	return deliveries.map(({ meeting, details }) => {
		const base: IDataObject = simplify ? simplifyMeeting(meeting, timezone) : { ...meeting };
		if (simplify && meeting.properties.hs_meeting_source !== undefined)
			base.source = meeting.properties.hs_meeting_source;
		if (simplify) delete base.propertiesWithHistory;
		const json: IDataObject = { event, ...base, ...details };
		if (contacts) json.contacts = (contacts.get(meeting.id) ?? []) as unknown as IDataObject[];
		return { json };
	});
}
