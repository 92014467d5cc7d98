/**
 * The sandbox's demo data in the present (`npm start`, `npm run sandbox`): free slots of every meeting link
 * on the coming weekdays, in working hours of the link's timezone, and CRM meetings on the weekdays of the
 * last seven days, in the next hours and on the weekdays of the next seven days. `presentDemoData(now)` is a pure function of `now`; `applyPresentDemoData` puts it into an
 * emulator. Without it the emulator keeps its fixed 2026 seed, which the tests (DST cases included) rely on.
 */
import { DateTime } from 'luxon';

import type { HubspotEmulator } from './emulator';
import { addMeeting } from './crmSearch';
import { crmMeetingState, SEEDED_MEETING_IDS } from './crmMeetings';
import { meetingLinkState } from './meetingLinks';

/** Where each seeded meeting link's organizer works: its slots are in working hours there. */
export const DEMO_LINK_TIMEZONES: Record<string, string> = {
	'ada-lovelace': 'Europe/Berlin',
	'ada-lovelace-demo': 'Europe/Berlin',
	'grace-hopper': 'America/New_York',
	'sales-team': 'Europe/Berlin',
	'support-round-robin': 'Europe/London',
	'onboarding-round-robin': 'America/New_York',
	leadership: 'Asia/Singapore',
};
/** The demo account's timezone: its CRM meetings are at office hours here. */
export const DEMO_ACCOUNT_TIMEZONE = 'Europe/Berlin';
/** Slots are offered on the weekdays of the next this many days (today excluded). */
export const SLOT_DAYS_AHEAD = 21;
export const WORKING_HOURS = { from: 9, to: 17 };
const SLOT_STEP_MINUTES = 30;

export interface DemoMeetingSeed {
	properties: Record<string, string>;
	createdAt: Date;
	contactIds: string[];
}

export interface PresentDemoData {
	/** Free slot starts (epoch ms) per link slug and month offset (0 = the month of `now` in the link's timezone). */
	slotStarts: Record<string, Record<number, number[]>>;
	/** Meetings to add to the CRM, oldest start first. */
	meetings: DemoMeetingSeed[];
	/** New times of the two seeded CRM meetings (the Kick-off four weekdays ago, the Follow-up in three). */
	seededMeetings: Record<string, { start: Date; end: Date; createdAt: Date }>;
}

const CONTACTS = [
	{ id: '501', name: 'Jane Doe' },
	{ id: '502', name: 'John Smith' },
	{ id: '503', name: 'Maria Garcia' },
];
const OWNER_IDS = ['100001', '100002', '100003', '100004', '100005'];
const KINDS = [
	{ title: 'Discovery call', type: 'DISCOVERY_CALL' },
	{ title: 'Product demo', type: 'DEMO' },
	{ title: 'Onboarding session', type: 'ONBOARDING' },
	{ title: 'Quarterly review', type: 'QBR' },
];

/**
 * Slot starts on the weekdays after `now`'s day, from 09:00 to the last start that leaves room for the
 * link's longest meeting before 17:00, every 30 minutes; a few are taken (lunch at 12:00, and a
 * pattern per link and day) so the calendar looks lived in.
 */
function linkSlots(
	now: DateTime,
	zone: string,
	longestMinutes: number,
	seed: number,
): Record<number, number[]> {
	const today = now.setZone(zone).startOf('day');
	const byMonth: Record<number, number[]> = {};
	for (let d = 1; d <= SLOT_DAYS_AHEAD; d++) {
		const day = today.plus({ days: d });
		if (day.weekday > 5) continue;
		const monthOffset = (day.year - today.year) * 12 + (day.month - today.month);
		const last = WORKING_HOURS.to * 60 - longestMinutes;
		for (let m = WORKING_HOURS.from * 60, i = 0; m <= last; m += SLOT_STEP_MINUTES, i++) {
			if (m === 12 * 60 || (i + d + seed) % 5 === 0) continue;
			const start = day.set({ hour: Math.floor(m / 60), minute: m % 60 });
			(byMonth[monthOffset] ??= []).push(start.toMillis());
		}
	}
	return byMonth;
}

/** A CRM meeting of the demo account: `n` picks its kind, owner and contact. */
function demoMeeting(
	n: number,
	start: DateTime,
	minutes: number,
	outcome: string,
	createdAt: DateTime,
): DemoMeetingSeed {
	const kind = KINDS[n % KINDS.length];
	const contact = CONTACTS[n % CONTACTS.length];
	const iso = (t: DateTime) => t.toUTC().toISO() as string;
	return {
		properties: {
			hs_meeting_title: `${kind.title} with ${contact.name}`,
			hs_meeting_start_time: iso(start),
			hs_meeting_end_time: iso(start.plus({ minutes })),
			hs_timestamp: iso(start),
			hs_meeting_outcome: outcome,
			hs_activity_type: kind.type,
			hs_meeting_source: n % 2 ? 'MEETINGS_PUBLIC' : 'CRM_UI',
			hubspot_owner_id: OWNER_IDS[n % OWNER_IDS.length],
		},
		createdAt: createdAt.toJSDate(),
		contactIds: [contact.id],
	};
}

/** The weekdays among the seven days before (`step` -1) or after (1) `today`, nearest first. */
function weekdays(today: DateTime, step: 1 | -1): DateTime[] {
	const days: DateTime[] = [];
	for (let d = 1; d <= 7; d++) {
		const day = today.plus({ days: d * step });
		if (day.weekday <= 5) days.push(day);
	}
	return days;
}

/** Past meetings mostly happened; a few did not. */
const PAST_OUTCOMES = ['COMPLETED', 'COMPLETED', 'NO_SHOW', 'COMPLETED', 'CANCELED'];

/** The demo data around `now`: the same `now` gives the same data. */
export function presentDemoData(nowDate: Date): PresentDemoData {
	const now = DateTime.fromJSDate(nowDate, { zone: DEMO_ACCOUNT_TIMEZONE });
	const slotStarts: PresentDemoData['slotStarts'] = {};
	Object.entries(DEMO_LINK_TIMEZONES).forEach(([slug, zone], seed) => {
		slotStarts[slug] = linkSlots(now, zone, 60, seed);
	});

	const meetings: DemoMeetingSeed[] = [];
	const today = now.startOf('day');
	const before = weekdays(today, -1);
	const after = weekdays(today, 1);
	let n = 0;
	// The weekdays of the last and the next seven days: one meeting in the morning and one in the afternoon.
	for (const [days, past] of [
		[before, true],
		[after, false],
	] as const) {
		for (const day of days) {
			for (const hour of [10, 15]) {
				const start = day.set({ hour });
				const createdAt = past ? start.minus({ days: 6 }) : now.minus({ days: 2 });
				const outcome = past ? PAST_OUTCOMES[n % PAST_OUTCOMES.length] : 'SCHEDULED';
				meetings.push(demoMeeting(n++, start, 30, outcome, createdAt));
			}
		}
	}
	// Today: one at each of the next three full hours, so "Meeting Starting Soon" has something to fire on.
	const nextHour = now.plus({ hours: 1 }).startOf('hour');
	for (let k = 0; k < 3; k++) {
		meetings.push(
			demoMeeting(n++, nextHour.plus({ hours: k }), 30, 'SCHEDULED', now.minus({ days: 1 })),
		);
	}
	meetings.sort(
		(a, b) =>
			Date.parse(a.properties.hs_meeting_start_time) -
			Date.parse(b.properties.hs_meeting_start_time),
	);

	const kickOff = before[3].set({ hour: 11 });
	const followUp = after[2].set({ hour: 14 });
	const seededMeetings: PresentDemoData['seededMeetings'] = {
		[SEEDED_MEETING_IDS[0]]: {
			start: kickOff.toJSDate(),
			end: kickOff.plus({ minutes: 30 }).toJSDate(),
			createdAt: kickOff.minus({ weeks: 2 }).toJSDate(),
		},
		[SEEDED_MEETING_IDS[1]]: {
			start: followUp.toJSDate(),
			end: followUp.plus({ hours: 1 }).toJSDate(),
			createdAt: now.minus({ days: 3 }).toJSDate(),
		},
	};
	return { slotStarts, meetings, seededMeetings };
}

/**
 * Puts `presentDemoData(now)` into a fresh sandbox emulator: the links' slots replaced, the seeded meetings
 * moved (before anything is indexed, so search sees the new times), the demo meetings added.
 */
export function applyPresentDemoData(emulator: HubspotEmulator, now: Date): PresentDemoData {
	const data = presentDemoData(now);
	for (const link of meetingLinkState(emulator).links) {
		const slots = data.slotStarts[link.slug];
		if (slots) link.slotStarts = slots;
	}
	const seeded = crmMeetingState(emulator).seeded;
	for (const [id, times] of Object.entries(data.seededMeetings)) {
		const meeting = seeded.get(id);
		if (!meeting) continue;
		meeting.createdAt = meeting.lastUpdatedAt = times.createdAt.toISOString();
		meeting.properties.hs_meeting_start_time = times.start.toISOString();
		meeting.properties.hs_meeting_end_time = times.end.toISOString();
		meeting.properties.hs_timestamp = times.start.toISOString();
	}
	for (const meeting of data.meetings) {
		addMeeting(emulator, meeting.properties, {
			createdAt: meeting.createdAt,
			associatedContactIds: meeting.contactIds,
		});
	}
	return data;
}
