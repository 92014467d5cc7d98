import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { hubspotAccount, meetingRecordUrl, type HubspotAccount } from '../../http/accountInfo';
import { timezoneParameter } from '../../input/dates';
import { locatorValue } from '../../input/locators';
import type { AssociationSpec } from './associations';
import type { EmailReminderSchedule } from './reminders';
import { simplifyMeeting } from './properties';

/**
 * Create Calendar Event's simplified output: the meeting as Simplify shows every meeting, plus its record
 * URL in HubSpot (when the account's portal is known) and, in the user's words, the associations and
 * reminders that were sent with it.
 */

/** One association sent: the record's object type and id; a custom label also names its type ID and category. */
export interface SentAssociation {
	type: string;
	id: string;
	associationTypeId?: number;
	associationCategory?: string;
}

/** One reminder sent: how long before the meeting, e.g. { before: 30, unit: 'minutes' }. */
export interface SentReminder {
	before: number;
	unit: string;
}

/** What the item's request carried, kept for the output (the answer does not repeat it). */
interface SentWithMeeting {
	/** The item's Simplify and checked Timezone, so the output step does not read them again. */
	simplify: boolean;
	timezone: string;
	account?: HubspotAccount;
	associations: SentAssociation[];
	reminders: SentReminder[];
}

/**
 * By the item's context: RoutingNode runs an item's preSend and postReceive steps with the same
 * context object (n8n-core routing-node.js, `makeRequest`), so the output step finds what was sent.
 */
const sentByItem = new WeakMap<object, SentWithMeeting>();

/**
 * The account's portal and web-app domain, for the record URL: read once per credential (http/accountInfo.ts)
 * before the item's create, so no request waits for it while holding a slot of the rate limiter. Never fails.
 */
export async function accountForRecordUrl(
	context: IExecuteSingleFunctions,
	baseURL: string | undefined,
	simplify: boolean,
): Promise<HubspotAccount | undefined> {
	if (!simplify) return undefined; // output as HubSpot gave it
	return await hubspotAccount(context, baseURL);
}

/** Keeps what the item's request carries (associations resolved to ids, reminders) for its output. */
export function rememberSent(
	context: IExecuteSingleFunctions,
	sent: {
		simplify: boolean;
		timezone: string;
		account?: HubspotAccount;
		associations: Array<AssociationSpec & { objectType: string }>;
		reminders: EmailReminderSchedule;
	},
): void {
	sentByItem.set(context, {
		simplify: sent.simplify,
		timezone: sent.timezone,
		account: sent.account,
		associations: sent.associations.map(({ objectType, to, types: [type] }) => ({
			type: objectType,
			id: to.id,
			...(type.associationCategory === 'HUBSPOT_DEFINED'
				? {}
				: {
						associationTypeId: type.associationTypeId,
						associationCategory: type.associationCategory,
					}),
		})),
		reminders: sent.reminders.reminders.map(({ numberOfTimeUnits, timeUnit }) => ({
			before: numberOfTimeUnits,
			unit: timeUnit.toLowerCase(),
		})),
	});
}

/** A meeting's record URL in HubSpot, when the account is known. */
export function withRecordUrl(meeting: IDataObject, account?: HubspotAccount): IDataObject {
	const recordUrl = account ? meetingRecordUrl(account, meeting.id) : undefined;
	return recordUrl ? { ...meeting, recordUrl } : meeting;
}

/**
 * Create's postReceive step, "Simplify": one flat item per meeting, with times also shown in the meeting's
 * own timezone, its record URL, and the associations and reminders sent.
 */
export async function simplifyCalendarEvent(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const sent = sentByItem.get(this);
	if (!(sent?.simplify ?? (this.getNodeParameter('simplify', true) as boolean))) return items;
	const timezone = sent?.timezone ?? timezoneParameter(this);
	const organizerUserId = locatorValue(this.getNodeParameter('organizerUserId', '')).value;
	return items.map((item) => ({
		json: {
			...withRecordUrl(simplifyMeeting(item.json, timezone, organizerUserId), sent?.account),
			...(sent ? { associations: sent.associations, reminders: sent.reminders } : {}),
		},
	}));
}
