/**
 * The offline HubSpot sandbox: the test emulator with demo data, plus a stand-in for HubSpot's OAuth
 * consent page (app.hubspot.com/oauth/authorize, consentPage.ts), both on 127.0.0.1. Meeting links, their
 * availability and the CRM meetings come from the emulator's own seed (meetingLinks.ts, crmMeetings.ts): its
 * fixed 2026 dates by default (what the tests assert), or dated around `now` (demoData.ts; npm start).
 *
 * Used by `npm start` (scripts/start.mjs), the e2e suite and the queue-mode run. It adds nothing to the
 * emulator's own request pipeline: every API call is still validated against HubSpot's OpenAPI specs.
 * With `demoMeetingEveryMs` (npm start) it adds a CRM meeting that often, so a HubSpot Scheduler Trigger fires.
 *
 * CLI: `npm run sandbox` (scripts/sandbox.mjs compiles this file and runs it).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HubspotEmulator, type EmulatorOptions } from './emulator';
import { addMeeting, searchState, type SearchState } from './crmSearch';
import { consentServer, type AuthorizeRequest } from './consentPage';
import { applyPresentDemoData } from './demoData';
import { meetingLinkState } from './meetingLinks';
import { seedOwners, type Owner, type PropertyOption } from './seed';

/** The ready-made service key the sandbox accepts (every scope, never expires). */
export const SANDBOX_SERVICE_KEY = 'pat-sandbox-0000-demo-service-key';
/** The sandbox's OAuth app: what a user would copy from their HubSpot developer app. */
export const SANDBOX_OAUTH_CLIENT = {
	clientId: 'sandbox-client-id',
	clientSecret: 'sandbox-client-secret',
	refreshToken: 'sandbox-refresh-token',
};
/** The scopes the sandbox's OAuth app lists as required (the credential's default scopes). */
export const SANDBOX_APP_SCOPES = [
	'crm.objects.contacts.read',
	'crm.objects.contacts.write',
	'crm.objects.owners.read',
	'scheduler.meetings.meeting-link.read',
];

export function demoOwners(): Owner[] {
	return seedOwners(5);
}

export function demoPropertyOptions(): Record<string, PropertyOption[]> {
	return {
		hs_meeting_outcome: [
			{ label: 'Scheduled', value: 'SCHEDULED', hidden: false },
			{ label: 'Completed', value: 'COMPLETED', hidden: false },
			{ label: 'Rescheduled', value: 'RESCHEDULED', hidden: false },
			{ label: 'No show', value: 'NO_SHOW', hidden: false },
			{ label: 'Canceled', value: 'CANCELED', hidden: false },
			{ label: 'Follow-up booked', value: 'FOLLOW_UP_BOOKED', hidden: false },
		],
		hs_activity_type: [
			{ label: 'Discovery call', value: 'DISCOVERY_CALL', hidden: false },
			{ label: 'Product demo', value: 'DEMO', hidden: false },
			{ label: 'Onboarding', value: 'ONBOARDING', hidden: false },
			{ label: 'Quarterly review', value: 'QBR', hidden: false },
			{ label: 'Legacy type', value: 'LEGACY_TYPE', hidden: true },
		],
	};
}

/** Contacts of the demo account: their ids are what the Associations field takes. */
export const DEMO_CONTACTS = [
	{ id: '501', firstName: 'Jane', lastName: 'Doe', email: 'jane.doe@acme.example' },
	{ id: '502', firstName: 'John', lastName: 'Smith', email: 'john.smith@globex.example' },
	{ id: '503', firstName: 'Maria', lastName: 'Garcia', email: 'maria.garcia@initech.example' },
];

export type { AuthorizeRequest } from './consentPage';

export interface SandboxOptions extends EmulatorOptions {
	/**
	 * Date the demo data around this instant (npm start and `npm run sandbox` pass the current time): free
	 * slots on the coming weekdays, meetings in the last and the next seven days and the next hours
	 * (demoData.ts). Absent: the emulator's fixed 2026 seed, which the tests assert (DST cases included).
	 */
	now?: Date;
	/** port of the OAuth consent page; 0 (default) = a free port */
	consentPort?: number;
	/** add a demo CRM meeting this often (ms), until stop(); 0 (default) = never */
	demoMeetingEveryMs?: number;
	/** called with each meeting added on that schedule */
	onDemoMeeting?: (meeting: DemoMeeting) => void;
}

/** A CRM meeting the sandbox added, as someone in the demo account would have. */
export interface DemoMeeting {
	id: string;
	title: string;
	createdAt: Date;
	source: string;
}

export interface Sandbox {
	emulator: HubspotEmulator;
	/** the API base URL: what the credentials' Base URL points at */
	apiUrl: string;
	/** the stand-in for https://app.hubspot.com/oauth/authorize */
	authorizeUrl: string;
	/** the token endpoint the OAuth2 credential must use */
	tokenUrl: string;
	serviceKey: string;
	oauthClient: typeof SANDBOX_OAUTH_CLIENT;
	/** the demo account's meeting links (the emulator's seeded ones) */
	meetingLinkSlugs: string[];
	authorizeRequests: AuthorizeRequest[];
	/** The emulator's search settings (index lag, rate limit): the e2e suite sets HubSpot's index lag. */
	search: SearchState;
	/** Adds a CRM meeting now (what the trigger's Meeting Created finds); `source` defaults to alternating values. */
	createDemoMeeting(options?: { title?: string; source?: string; ownerId?: string }): DemoMeeting;
	stop(): Promise<void>;
}

const DEMO_TITLES = ['Discovery call', 'Product demo', 'Onboarding session', 'Quarterly review'];
/** Booked through a scheduling page, or logged in the CRM by hand: the two sources users filter on. */
const DEMO_SOURCES = ['MEETINGS_PUBLIC', 'CRM_UI'];

/** Adds the n-th demo meeting: tomorrow at the next full hour, 30 minutes, with contact 501. */
function addDemoMeeting(
	emulator: HubspotEmulator,
	n: number,
	options: { title?: string; source?: string; ownerId?: string } = {},
): DemoMeeting {
	const createdAt = new Date();
	const start = new Date(Math.ceil((createdAt.getTime() + 86_400_000) / 3_600_000) * 3_600_000);
	const end = new Date(start.getTime() + 30 * 60_000);
	const title = options.title ?? `${DEMO_TITLES[n % DEMO_TITLES.length]} #${n + 1}`;
	const source = options.source ?? DEMO_SOURCES[n % DEMO_SOURCES.length];
	const owners = emulator.owners.filter((o) => o.type === 'PERSON' && !o.archived);
	const id = addMeeting(
		emulator,
		{
			hs_meeting_title: title,
			hs_meeting_start_time: start.toISOString(),
			hs_meeting_end_time: end.toISOString(),
			hs_timestamp: start.toISOString(),
			hs_meeting_outcome: 'SCHEDULED',
			hs_activity_type: 'DEMO',
			hs_meeting_source: source,
			hubspot_owner_id: options.ownerId ?? owners[n % owners.length]?.id,
		},
		{ createdAt, associatedContactIds: ['501'] },
	);
	return { id, title, createdAt, source };
}

function listen(server: Server, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
	});
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const emulator = new HubspotEmulator({
		owners: demoOwners(),
		propertyOptions: demoPropertyOptions(),
		...options,
	});
	emulator.addAccessToken(SANDBOX_SERVICE_KEY);
	emulator.registerOAuthClient({
		...SANDBOX_OAUTH_CLIENT,
		scopes: ['oauth', ...SANDBOX_APP_SCOPES],
	});
	if (options.now) applyPresentDemoData(emulator, options.now);
	const apiUrl = await emulator.start();

	const authorizeRequests: AuthorizeRequest[] = [];
	const consent = consentServer(emulator, SANDBOX_APP_SCOPES, authorizeRequests);
	let consentPort: number;
	try {
		consentPort = await listen(consent, options.consentPort ?? 0);
	} catch (e) {
		await emulator.stop();
		throw e;
	}
	let demoMeetings = 0;
	const createDemoMeeting: Sandbox['createDemoMeeting'] = (opts) =>
		addDemoMeeting(emulator, demoMeetings++, opts);
	// unref'd: the schedule never keeps the process alive, and stop() ends it
	const schedule = options.demoMeetingEveryMs
		? setInterval(
				() => options.onDemoMeeting?.(createDemoMeeting()),
				options.demoMeetingEveryMs,
			).unref()
		: undefined;
	return {
		emulator,
		apiUrl,
		authorizeUrl: `http://127.0.0.1:${consentPort}/oauth/authorize`,
		tokenUrl: `${apiUrl}/oauth/2026-03/token`,
		serviceKey: SANDBOX_SERVICE_KEY,
		oauthClient: { ...SANDBOX_OAUTH_CLIENT },
		meetingLinkSlugs: meetingLinkState(emulator).links.map((l) => l.slug),
		authorizeRequests,
		search: searchState(emulator),
		createDemoMeeting,
		async stop() {
			clearInterval(schedule);
			await new Promise<void>((resolve) => {
				consent.close(() => resolve());
				consent.closeAllConnections();
			});
			await emulator.stop();
		},
	};
}

/** CLI: run the sandbox alone until Ctrl-C. */
if (require.main === module) {
	const arg = (name: string, fallback: number) => {
		const i = process.argv.indexOf(name);
		return i > 0 ? Number(process.argv[i + 1]) : fallback;
	};
	startSandbox({
		port: arg('--port', 8470),
		consentPort: arg('--consent-port', 8471),
		now: new Date(),
	}).then(
		(sandbox) => {
			console.log(`HubSpot sandbox API:      ${sandbox.apiUrl}`);
			console.log(`OAuth consent page:       ${sandbox.authorizeUrl}`);
			console.log(`Service key:              ${sandbox.serviceKey}`);
			console.log(
				`OAuth client id / secret: ${sandbox.oauthClient.clientId} / ${sandbox.oauthClient.clientSecret}`,
			);
			const stop = () => void sandbox.stop().then(() => process.exit(0));
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
		},
		(e) => {
			console.error(e);
			process.exit(1);
		},
	);
}
