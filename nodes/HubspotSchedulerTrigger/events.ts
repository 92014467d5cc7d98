import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { changesOf, readWithHistory } from './history';
import { latestMeeting, searchWindow, timeOf, type CrmMeeting, type SearchFilter } from './search';
import { OVERLAP_MS, type TriggerState } from './state';

/**
 * The three events. Each turns one poll window into the meetings to deliver, each with the key that
 * makes it "already delivered" and the time that places that key in a window (for pruning).
 */

export type MeetingEvent = 'meetingCreated' | 'outcomeSet' | 'startingSoon';

/** What a scheduling-page booking carries in `hs_meeting_source` (HubSpot's own value). */
export const SCHEDULING_PAGE_SOURCE = 'MEETINGS_PUBLIC';

export interface Delivery {
	meeting: CrmMeeting;
	key: string;
	at: number;
	/** Event details added to the item (outcome change, how soon or how late). */
	details: IDataObject;
}

/** Filters every event applies: the chosen owners; for Meeting Created also the source. */
export function commonFilters(context: IPollFunctions, event: MeetingEvent): SearchFilter[] {
	const filters: SearchFilter[] = [];
	const owners = (context.getNodeParameter('ownerIds', []) as string[]).map(String).filter(Boolean);
	if (owners.length)
		filters.push({ propertyName: 'hubspot_owner_id', operator: 'IN', values: owners });
	if (event === 'meetingCreated') {
		const bookedHow = context.getNodeParameter('createdThrough', 'any') as string;
		const sources =
			bookedHow === 'schedulingPage'
				? [SCHEDULING_PAGE_SOURCE]
				: bookedHow === 'chosenSources'
					? (context.getNodeParameter('meetingSources', []) as string[]).map(String)
					: [];
		if (sources.length)
			filters.push({ propertyName: 'hs_meeting_source', operator: 'IN', values: sources });
	}
	return filters;
}

/** The poll's window for the event: [from, to] over the event's time property. */
function windowStart(state: TriggerState): number {
	return Math.max(state.lastPollAt - OVERLAP_MS, state.since);
}

export async function meetingsCreated(
	context: IPollFunctions,
	state: TriggerState,
	now: number,
): Promise<Delivery[]> {
	const meetings = await searchWindow(context, {
		timeProperty: 'hs_createdate',
		from: windowStart(state),
		to: now,
		filters: commonFilters(context, 'meetingCreated'),
	});
	return meetings.map((meeting) => ({
		meeting,
		key: meeting.id,
		at: timeOf(meeting.properties.hs_createdate ?? meeting.createdAt),
		details: {},
	}));
}

function chosenOutcomes(context: IPollFunctions): string[] {
	return (context.getNodeParameter('outcomes', []) as string[]).map(String).filter(Boolean);
}

/**
 * Outcome changes: meetings modified in the window (search), then their outcome history (batch read);
 * one delivery per change to a chosen value inside the window, keyed by meeting and change time.
 */
export async function outcomesSet(
	context: IPollFunctions,
	state: TriggerState,
	now: number,
): Promise<Delivery[]> {
	const from = windowStart(state);
	const modified = await searchWindow(context, {
		timeProperty: 'hs_lastmodifieddate',
		from,
		to: now,
		filters: commonFilters(context, 'outcomeSet'),
	});
	if (!modified.length) return [];
	const wanted = new Set(chosenOutcomes(context));
	const withHistory = await readWithHistory(
		context,
		[...new Set(modified.map((m) => m.id))],
		'hs_meeting_outcome',
	);
	const deliveries: Delivery[] = [];
	for (const meeting of withHistory) {
		for (const change of changesOf(meeting.propertiesWithHistory?.hs_meeting_outcome)) {
			if (change.at < from || change.at > now || (wanted.size && !wanted.has(change.value)))
				continue;
			deliveries.push({
				meeting,
				key: `${meeting.id}@${change.at}`,
				at: change.at,
				details: {
					outcomeSet: change.value,
					previousOutcome: change.previous,
					outcomeSetAt: new Date(change.at).toISOString(),
				},
			});
		}
	}
	return deliveries.sort((a, b) => a.at - b.at);
}

/** How soon and how late: minutes to the start, and how long after "N minutes before" the poll saw it. */
function startDetails(meeting: CrmMeeting, minutesBefore: number, now: number): IDataObject {
	const start = timeOf(meeting.properties.hs_meeting_start_time);
	const dueAt = start - minutesBefore * 60_000;
	return {
		minutesUntilStart: Math.round((start - now) / 60_000),
		notifyAt: new Date(dueAt).toISOString(),
		lateByMinutes: Math.max(0, Math.round((now - dueAt) / 60_000)),
	};
}

/**
 * Meetings that start within N minutes: start times from the previous poll (minus the overlap) to now + N.
 * A meeting that came into range, or even started, while the trigger was not polling is still delivered,
 * with how late. Keyed by meeting and start time: a meeting moved to another time fires again for it.
 * Canceled meetings are left out.
 */
export async function meetingsStartingSoon(
	context: IPollFunctions,
	state: TriggerState,
	now: number,
): Promise<Delivery[]> {
	const minutesBefore = context.getNodeParameter('minutesBefore', 60) as number;
	const meetings = await searchWindow(context, {
		timeProperty: 'hs_meeting_start_time',
		from: windowStart(state),
		to: now + minutesBefore * 60_000,
		filters: commonFilters(context, 'startingSoon'),
	});
	return meetings
		.filter((meeting) => meeting.properties.hs_meeting_outcome !== 'CANCELED')
		.map((meeting) => {
			const start = timeOf(meeting.properties.hs_meeting_start_time);
			return {
				meeting,
				key: `${meeting.id}@${start}`,
				at: start,
				details: startDetails(meeting, minutesBefore, now),
			};
		});
}

/** Fetch Test Event: the most recent meeting the event would deliver, without touching the state. */
export async function testEvent(
	context: IPollFunctions,
	event: MeetingEvent,
	now: number,
): Promise<Delivery | undefined> {
	const filters = commonFilters(context, event);
	if (event === 'meetingCreated') {
		const meeting = await latestMeeting(context, filters, '-hs_createdate');
		return meeting && { meeting, key: meeting.id, at: now, details: {} };
	}
	if (event === 'outcomeSet') {
		const outcomes = chosenOutcomes(context);
		const withOutcome = outcomes.length
			? [...filters, { propertyName: 'hs_meeting_outcome', operator: 'IN', values: outcomes }]
			: filters;
		const found = await latestMeeting(context, withOutcome, '-hs_lastmodifieddate');
		if (!found) return undefined;
		const [meeting] = await readWithHistory(context, [found.id], 'hs_meeting_outcome');
		const change = changesOf(meeting?.propertiesWithHistory?.hs_meeting_outcome).pop();
		const details = change
			? {
					outcomeSet: change.value,
					previousOutcome: change.previous,
					outcomeSetAt: new Date(change.at).toISOString(),
				}
			: {};
		return { meeting: meeting ?? found, key: found.id, at: now, details };
	}
	const minutesBefore = context.getNodeParameter('minutesBefore', 60) as number;
	const upcoming =
		(await latestMeeting(
			context,
			[...filters, { propertyName: 'hs_meeting_start_time', operator: 'GTE', value: String(now) }],
			'hs_meeting_start_time',
		)) ?? (await latestMeeting(context, filters, '-hs_meeting_start_time'));
	return (
		upcoming && {
			meeting: upcoming,
			key: upcoming.id,
			at: now,
			details: startDetails(upcoming, minutesBefore, now),
		}
	);
}
