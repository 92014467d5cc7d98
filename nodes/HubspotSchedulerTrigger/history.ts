import { MEETINGS_BATCH_READ_PATH } from '../HubspotScheduler/http/endpoints';
import { hubspotRequest, type HubspotContext } from '../HubspotScheduler/http/request';
import { MEETING_PROPERTIES, type CrmMeeting } from './search';

/**
 * Outcome history. Search returns no property history, so the meetings it finds are read again by id
 * (batch read, 100 a request) with `propertiesWithHistory`: each entry is one value and when it was set.
 */

const BATCH_SIZE = 100;

export interface HistoryEntry {
	value: string;
	timestamp: string;
}

export interface MeetingWithHistory extends CrmMeeting {
	propertiesWithHistory?: Record<string, HistoryEntry[]>;
}

export async function readWithHistory(
	context: HubspotContext,
	ids: string[],
	property: string,
): Promise<MeetingWithHistory[]> {
	const meetings: MeetingWithHistory[] = [];
	for (let start = 0; start < ids.length; start += BATCH_SIZE) {
		const answer = await hubspotRequest<{ results: MeetingWithHistory[] }>(
			context,
			{
				method: 'POST',
				url: MEETINGS_BATCH_READ_PATH,
				body: {
					inputs: ids.slice(start, start + BATCH_SIZE).map((id) => ({ id })),
					properties: MEETING_PROPERTIES,
					propertiesWithHistory: [property],
				},
			},
			'read',
		);
		meetings.push(...answer.results);
	}
	return meetings;
}

/** A change of the property to a new value: the value, the one before it, and when. */
export interface ValueChange {
	value: string;
	previous: string | null;
	at: number;
}

/**
 * The changes in a property's history, oldest first. An entry that repeats the value before it (the same
 * outcome saved again) is not a change.
 */
export function changesOf(history: HistoryEntry[] | undefined): ValueChange[] {
	const entries = [...(history ?? [])]
		.map((entry) => ({ value: entry.value, at: Date.parse(entry.timestamp) }))
		.filter((entry) => !Number.isNaN(entry.at))
		.sort((a, b) => a.at - b.at);
	const changes: ValueChange[] = [];
	let previous: string | null = null;
	for (const entry of entries) {
		if (entry.value !== previous && entry.value !== '')
			changes.push({ value: entry.value, previous, at: entry.at });
		previous = entry.value;
	}
	return changes;
}
