/** Shared set-up of the trigger's engine tests: the emulator, a runner per test, meetings made "in HubSpot". */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { addMeeting, type HubspotEmulator, type RecordedRequest } from '../../emulator';
import { PollRunner } from '../../harness/poll';
import { ADA, serviceKeyCredential } from '../fixtures';

export const TRIGGER_TYPE = 'n8n-nodes-hubspot-scheduler.hubspotSchedulerTrigger';

export function triggerParameters(overrides: INodeParameters = {}): INodeParameters {
	return { authentication: 'accessToken', event: 'meetingCreated', ...overrides };
}

export async function triggerRunner(
	emulator: HubspotEmulator,
	parameters: INodeParameters,
	{ staticData, credentialId }: { staticData?: IDataObject; credentialId?: string } = {},
): Promise<PollRunner> {
	return await PollRunner.create({
		nodeType: TRIGGER_TYPE,
		parameters,
		credentials: serviceKeyCredential(emulator, credentialId ? { id: credentialId } : {}),
		staticData,
		timezone: 'Europe/Berlin',
	});
}

let titleSeq = 0;

/** A meeting created in HubSpot now (or at `createdAt`), starting `startInMinutes` from now. */
export function meetingInHubspot(
	emulator: HubspotEmulator,
	{
		startInMinutes = 24 * 60,
		createdAt,
		properties = {},
		contacts = [],
	}: {
		startInMinutes?: number;
		createdAt?: Date;
		properties?: Record<string, unknown>;
		contacts?: string[];
	} = {},
): string {
	const start = new Date(Date.now() + startInMinutes * 60_000);
	return addMeeting(
		emulator,
		{
			hs_meeting_title: `Meeting ${++titleSeq}`,
			hs_meeting_start_time: start.toISOString(),
			hs_meeting_end_time: new Date(start.getTime() + 30 * 60_000).toISOString(),
			hs_timestamp: start.toISOString(),
			hs_meeting_outcome: 'SCHEDULED',
			hubspot_owner_id: ADA.ownerId,
			...properties,
		},
		{ createdAt, associatedContactIds: contacts },
	);
}

export function searches(emulator: HubspotEmulator): RecordedRequest[] {
	return emulator.requests.filter(
		(request) => request.path === '/crm/objects/2026-03/meetings/search',
	);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function ids(items: { json: IDataObject }[]): string[] {
	return items.map((item) => String(item.json.id));
}
