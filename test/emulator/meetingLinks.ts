/**
 * Scheduler meeting links (2026-03, 2026-09, v3): list, booking info, availability and booking.
 * State lives per emulator (`meetingLinkState(emulator)`), seeded with a few links of each type whose
 * organizers are the seeded owners, and availability that spans Europe/Berlin's DST change on
 * 2026-10-25 (03:00 CEST → 02:00 CET), plus upcoming slots relative to the day the state is made.
 *
 * Availability pages are per calendar month: `monthOffset` 0 is the month of the emulator's clock in the
 * request's timezone. The emulator returns every free start of that month, past ones included, so a client's
 * own "future slots only" filter is what keeps them out.
 */
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { HandlerContext, HubspotEmulator } from './emulator';
import { HttpError, errorBody, notFound, validationError, type EmulatorResponse } from './errors';
import { addMeeting } from './crmSearch';
import { contactForEmail } from './crmContacts';

export type LinkType = 'PERSONAL_LINK' | 'GROUP_CALENDAR' | 'ROUND_ROBIN_CALENDAR';

export interface Slot {
	startMillisUtc: number;
	endMillisUtc: number;
}

export interface MeetingLink {
	id: string;
	slug: string;
	name: string;
	type: LinkType;
	organizerUserId: string;
	userIdsOfLinkMembers: string[];
	defaultLink: boolean;
	/** Meeting lengths the link offers, in milliseconds. */
	durations: number[];
	/**
	 * Free slot starts (UTC instants), grouped by a key for the seed's reading only: the month an availability
	 * page shows a start in is computed from the instant and the emulator's clock (`Date.now()`), in the
	 * request's timezone, as HubSpot does. Each start is offered for every duration.
	 */
	slotStarts: Record<number, number[]>;
	legalConsentEnabled: boolean;
	createdAt: string;
}

export interface Booking {
	slug: string;
	body: Record<string, unknown>;
	response: Record<string, unknown>;
}

export interface MeetingLinkState {
	links: MeetingLink[];
	bookings: Booking[];
}

const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);

/** Slot starts around the DST change in Europe/Berlin (UTC instants). */
export const DST_SLOT_STARTS = {
	/** 2026-10-24 09:00 CEST */
	beforeChange: at('2026-10-24T07:00:00Z'),
	/** 2026-10-25 02:30 CEST (first 02:30 of the night; +30 min is 02:00 CET, +60 min is 02:30 CET) */
	acrossChange: at('2026-10-25T00:30:00Z'),
	/** 2026-10-26 09:00 CET */
	afterChange: at('2026-10-26T08:00:00Z'),
};

function seedLinks(): MeetingLink[] {
	const october = [
		DST_SLOT_STARTS.beforeChange,
		DST_SLOT_STARTS.acrossChange,
		DST_SLOT_STARTS.afterChange,
	];
	const november = [at('2026-11-02T08:00:00Z'), at('2026-11-03T13:00:00Z')];
	const base = {
		slotStarts: { 0: october, 1: november, 2: upcomingSlotStarts() },
		legalConsentEnabled: false,
		createdAt: '2025-02-01T10:00:00.000Z',
	};
	return [
		{
			...base,
			id: '7001',
			slug: 'ada-lovelace',
			name: 'Meet Ada',
			type: 'PERSONAL_LINK',
			organizerUserId: '9000001',
			userIdsOfLinkMembers: ['9000001'],
			defaultLink: true,
			durations: [30 * MINUTE, 60 * MINUTE],
		},
		{
			...base,
			id: '7002',
			slug: 'ada-lovelace-demo',
			name: 'Product demo',
			type: 'PERSONAL_LINK',
			organizerUserId: '9000001',
			userIdsOfLinkMembers: ['9000001'],
			defaultLink: false,
			durations: [45 * MINUTE],
		},
		{
			...base,
			id: '7003',
			slug: 'grace-hopper',
			name: 'Intro call with Grace',
			type: 'PERSONAL_LINK',
			organizerUserId: '9000002',
			userIdsOfLinkMembers: ['9000002'],
			defaultLink: true,
			durations: [15 * MINUTE, 30 * MINUTE],
		},
		{
			...base,
			id: '7004',
			slug: 'sales-team',
			name: 'Sales team',
			type: 'GROUP_CALENDAR',
			organizerUserId: '9000001',
			userIdsOfLinkMembers: ['9000001', '9000002'],
			defaultLink: false,
			durations: [30 * MINUTE],
			legalConsentEnabled: true,
		},
		{
			...base,
			id: '7005',
			slug: 'support-round-robin',
			name: 'Support',
			type: 'ROUND_ROBIN_CALENDAR',
			organizerUserId: '9000003',
			userIdsOfLinkMembers: ['9000003', '9000004'],
			defaultLink: false,
			durations: [30 * MINUTE],
		},
		{
			...base,
			id: '7006',
			slug: 'onboarding-round-robin',
			name: 'Onboarding',
			type: 'ROUND_ROBIN_CALENDAR',
			organizerUserId: '9000002',
			userIdsOfLinkMembers: ['9000002', '9000005'],
			defaultLink: false,
			durations: [60 * MINUTE],
		},
		{
			...base,
			id: '7007',
			slug: 'leadership',
			name: 'Leadership office hours',
			type: 'GROUP_CALENDAR',
			organizerUserId: '9000004',
			userIdsOfLinkMembers: ['9000004', '9000005'],
			defaultLink: false,
			durations: [30 * MINUTE],
		},
	];
}

/**
 * Two slots a day (09:00 and 14:00 UTC) on the next 10 weekdays after today: something to book whatever the
 * date. Tests that need exact slots give a link their own starts.
 */
export function upcomingSlotStarts(now = Date.now()): number[] {
	const starts: number[] = [];
	let day = DateTime.fromMillis(now, { zone: 'utc' }).startOf('day');
	while (starts.length < 20) {
		day = day.plus({ days: 1 });
		if (day.weekday > 5) continue;
		starts.push(day.set({ hour: 9 }).toMillis(), day.set({ hour: 14 }).toMillis());
	}
	return starts;
}

const states = new WeakMap<HubspotEmulator, MeetingLinkState>();

/** The emulator's meeting links and bookings (mutable: tests may add links). */
export function meetingLinkState(emulator: HubspotEmulator): MeetingLinkState {
	let state = states.get(emulator);
	if (!state) {
		state = { links: seedLinks(), bookings: [] };
		states.set(emulator, state);
	}
	return state;
}

/** A link with `n`-th number, for paging tests. */
export function extraLink(n: number, organizerUserId = '9000005'): MeetingLink {
	return {
		id: String(8000 + n),
		slug: `extra-link-${n}`,
		name: `Extra link ${n}`,
		type: 'PERSONAL_LINK',
		organizerUserId,
		userIdsOfLinkMembers: [organizerUserId],
		defaultLink: false,
		durations: [30 * MINUTE],
		slotStarts: { 0: [at('2026-10-24T07:00:00Z')] },
		legalConsentEnabled: false,
		createdAt: '2025-03-01T10:00:00.000Z',
	};
}

function findLink(ctx: HandlerContext, slug: string): MeetingLink {
	const link = meetingLinkState(ctx.emulator).links.find((l) => l.slug === slug);
	if (!link) throw notFound(`No meeting link found for slug ${slug}`);
	return link;
}

function checkTimezone(value: unknown): string {
	const zone = String(value ?? '');
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
	} catch {
		throw validationError(`Invalid timezone: ${zone}`, [
			{ in: 'timezone', message: `${zone} is not a valid timezone` },
		]);
	}
	return zone;
}

function publicLink(link: MeetingLink, base: string): Record<string, unknown> {
	return {
		id: link.id,
		slug: link.slug,
		name: link.name,
		link: `${base}/${link.slug}`,
		type: link.type,
		organizerUserId: link.organizerUserId,
		userIdsOfLinkMembers: link.userIdsOfLinkMembers,
		defaultLink: link.defaultLink,
		createdAt: link.createdAt,
		updatedAt: link.createdAt,
	};
}

// ---------------------------------------------------------------------------------------------
// GET meeting-links
// ---------------------------------------------------------------------------------------------

function listLinks(ctx: HandlerContext): EmulatorResponse {
	const { links } = meetingLinkState(ctx.emulator);
	const q = ctx.query;
	const matching = links.filter(
		(l) =>
			(q.name === undefined || l.name.toLowerCase().includes(String(q.name).toLowerCase())) &&
			(q.organizerUserId === undefined || l.organizerUserId === String(q.organizerUserId)) &&
			(q.type === undefined || l.type === q.type),
	);
	const limit = Math.min(100, Math.max(1, typeof q.limit === 'number' ? q.limit : 20));
	let offset = 0;
	if (q.after !== undefined) {
		if (!/^\d+$/.test(String(q.after))) {
			throw validationError(`Invalid after cursor: ${String(q.after)}`, [
				{ in: 'after', message: 'not a cursor returned by this API' },
			]);
		}
		offset = Number(q.after);
	}
	const body: Record<string, unknown> = {
		results: matching
			.slice(offset, offset + limit)
			.map((l) => publicLink(l, 'https://meetings.hubspot.com')),
		total: matching.length,
	};
	if (offset + limit < matching.length) {
		const after = String(offset + limit);
		const next = new URL(ctx.path, ctx.emulator.baseUrl);
		next.searchParams.set('after', after);
		body.paging = { next: { after, link: next.toString() } };
	}
	return { status: 200, body };
}

// ---------------------------------------------------------------------------------------------
// Booking info and availability
// ---------------------------------------------------------------------------------------------

function bookedStarts(ctx: HandlerContext, slug: string): Set<number> {
	return new Set(
		meetingLinkState(ctx.emulator)
			.bookings.filter((b) => b.slug === slug)
			.map((b) => Date.parse(String(b.body.startTime))),
	);
}

/** Every free start of the link, in time order. */
function allStarts(link: MeetingLink): number[] {
	return Object.values(link.slotStarts)
		.flat()
		.sort((a, b) => a - b);
}

function availability(
	ctx: HandlerContext,
	link: MeetingLink,
	monthOffset: number,
	timezone: string,
) {
	const taken = bookedStarts(ctx, link.slug);
	const month = DateTime.fromMillis(Date.now(), { zone: timezone })
		.startOf('month')
		.plus({ months: monthOffset });
	const [from, to] = [month.toMillis(), month.plus({ months: 1 }).toMillis()];
	const all = allStarts(link);
	const starts = all.filter((s) => s >= from && s < to && !taken.has(s));
	const linkAvailabilityByDuration: Record<
		string,
		{ meetingDurationMillis: number; availabilities: Slot[] }
	> = {};
	for (const duration of link.durations) {
		linkAvailabilityByDuration[String(duration)] = {
			meetingDurationMillis: duration,
			availabilities: starts.map((start) => ({
				startMillisUtc: start,
				endMillisUtc: start + duration,
			})),
		};
	}
	return { hasMore: all.some((s) => s >= to), linkAvailabilityByDuration };
}

function busyTimes(ctx: HandlerContext, link: MeetingLink) {
	return link.userIdsOfLinkMembers.map((userId) => {
		const owner = ctx.emulator.owners.find((o) => String(o.userId) === userId);
		return {
			busyTimes: [{ start: at('2026-10-24T10:00:00Z'), end: at('2026-10-24T11:00:00Z') }],
			isOffline: false,
			meetingsUser: {
				calendarProvider: 'GOOGLE',
				id: `mu-${userId}`,
				isSalesStarter: false,
				userId,
				userProfile: {
					email: owner?.email ?? `user-${userId}@example.com`,
					firstName: owner?.firstName,
					lastName: owner?.lastName,
					fullName: owner ? `${owner.firstName} ${owner.lastName}` : undefined,
				},
			},
		};
	});
}

function getAvailability(ctx: HandlerContext): EmulatorResponse {
	const link = findLink(ctx, String(ctx.params.slug));
	const timezone = checkTimezone(ctx.query.timezone);
	const monthOffset = typeof ctx.query.monthOffset === 'number' ? ctx.query.monthOffset : 0;
	return {
		status: 200,
		body: {
			allUsersBusyTimes: busyTimes(ctx, link),
			linkAvailability: availability(ctx, link, monthOffset, timezone),
		},
	};
}

function getBookingInfo(ctx: HandlerContext): EmulatorResponse {
	const link = findLink(ctx, String(ctx.params.slug));
	const timezone = checkTimezone(ctx.query.timezone);
	const field = (name: string, label: string, isCustom = false, isRequired = true) => ({
		fieldType: 'text',
		isCustom,
		isRequired,
		label,
		name,
		options: [],
		type: 'string',
	});
	const customParams: Record<string, unknown> = {
		availability: {},
		durations: link.durations,
		formFields: [
			field('firstName', 'First name'),
			field('lastName', 'Last name'),
			field('email', 'Email'),
			field('company', 'Company', true, false),
		],
		legalConsentEnabled: link.legalConsentEnabled,
		meetingBufferTime: 0,
		ownerPrioritized: false,
		startTimeIncrementMinutes: 'THIRTY',
		weeksToAdvertise: 8,
		guestSettings: { canAddGuests: true, maxGuestCount: 5 },
		locale: 'en-us',
		language: 'en',
	};
	if (link.legalConsentEnabled) {
		customParams.legalConsentOptions = {
			communicationConsentCheckboxes: [
				{ communicationTypeId: '4242', label: 'I agree to receive sales emails.', required: false },
			],
			communicationConsentText: 'We would like to contact you.',
			isLegitimateInterest: false,
			legitimateInterestSubscriptionTypes: [],
			privacyPolicyText: 'See our privacy policy.',
			processingConsentCheckboxLabel: 'I agree to the processing of my data.',
			processingConsentFooterText: '',
			processingConsentText: 'We need to store your data to book the meeting.',
			processingConsentType: 'REQUIRED_CHECKBOX',
		};
	}
	return {
		status: 200,
		body: {
			allUsersBusyTimes: busyTimes(ctx, link),
			customParams,
			isOffline: false,
			linkAvailability: availability(ctx, link, 0, timezone),
			linkId: link.id,
			linkType: link.type,
		},
	};
}

// ---------------------------------------------------------------------------------------------
// POST meeting-links/book
// ---------------------------------------------------------------------------------------------

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

function book(ctx: HandlerContext): EmulatorResponse {
	const body = ctx.body as {
		slug: string;
		firstName: string;
		lastName: string;
		email: string;
		startTime: string;
		duration: number;
		formFields: { name: string; value: string }[];
		legalConsentResponses: { communicationTypeId: string; consented: boolean }[];
		likelyAvailableUserIds: string[];
		timezone?: string;
		locale?: string;
		guestEmails?: string[];
	};
	const link = findLink(ctx, body.slug);
	if (!EMAIL.test(body.email)) {
		throw validationError(`Invalid email address: ${body.email}`, [
			{ in: 'email', message: 'must be a valid email address' },
		]);
	}
	if (body.timezone !== undefined) checkTimezone(body.timezone);
	if (!link.durations.includes(body.duration)) {
		throw validationError(
			`Invalid duration ${body.duration}; this meeting link offers ${link.durations.join(', ')} (milliseconds)`,
			[{ in: 'duration', message: 'is not a duration of this meeting link' }],
		);
	}
	const start = Date.parse(body.startTime);
	const free = allStarts(link).filter((s) => !bookedStarts(ctx, link.slug).has(s));
	if (!free.includes(start)) {
		throw new HttpError(
			400,
			errorBody(
				'VALIDATION_ERROR',
				`The requested time ${body.startTime} is no longer available for this meeting link`,
				{
					errors: [{ message: 'Time slot is not available', in: 'startTime' }],
				},
			),
		);
	}
	const response = {
		bookingTimezone: body.timezone ?? 'UTC',
		calendarEventId: randomBytes(10).toString('hex'),
		// One contact per email, as HubSpot: booking again with the same email reuses it.
		contactId: contactForEmail(ctx.emulator, body.email, {
			firstname: body.firstName,
			lastname: body.lastName,
		}),
		duration: body.duration,
		start: new Date(start).toISOString(),
		end: new Date(start + body.duration).toISOString(),
		formFields: [
			{ isCustom: false, label: 'First name', name: 'firstName', value: body.firstName },
			{ isCustom: false, label: 'Last name', name: 'lastName', value: body.lastName },
			{ isCustom: false, label: 'Email', name: 'email', value: body.email },
			...body.formFields.map((f) => ({
				isCustom: true,
				label: f.name,
				name: f.name,
				value: f.value,
			})),
		],
		guestEmails: body.guestEmails ?? [],
		isOffline: false,
		legalConsentResponses: body.legalConsentResponses,
		subject: `${link.name} with ${body.firstName} ${body.lastName}`,
		...(body.locale ? { locale: body.locale } : {}),
	};
	meetingLinkState(ctx.emulator).bookings.push({
		slug: link.slug,
		body: JSON.parse(JSON.stringify(body)),
		response,
	});
	recordBookedMeeting(ctx.emulator, link, response);
	return { status: 200, body: response };
}

/**
 * A booking through a meeting link is a CRM meeting too (HubSpot logs it with source MEETINGS_PUBLIC), owned
 * by the link's organizer and associated with the guest's contact: what the trigger's "A Scheduling Page" finds.
 */
function recordBookedMeeting(
	emulator: HubspotEmulator,
	link: MeetingLink,
	response: { subject: string; start: string; end: string; contactId: string },
): void {
	const owner = emulator.owners.find((o) => String(o.userId) === link.organizerUserId);
	addMeeting(
		emulator,
		{
			hs_meeting_title: response.subject,
			hs_meeting_start_time: response.start,
			hs_meeting_end_time: response.end,
			hs_timestamp: response.start,
			hs_meeting_outcome: 'SCHEDULED',
			hs_meeting_source: 'MEETINGS_PUBLIC',
			...(owner ? { hubspot_owner_id: owner.id } : {}),
		},
		{ associatedContactIds: [response.contactId] },
	);
}

const VERSIONS = ['2026-03', '2026-09', 'v3'];

export function installMeetingLinkHandlers(emu: HubspotEmulator): void {
	for (const v of VERSIONS) {
		const base = `/scheduler/${v}/meetings/meeting-links`;
		emu.handle(`GET ${base}`, listLinks);
		emu.handle(`GET ${base}/book/{slug}`, getBookingInfo);
		emu.handle(`GET ${base}/book/availability-page/{slug}`, getAvailability);
		emu.handle(`POST ${base}/book`, book);
	}
}
