/** Shared set-up for engine tests: an emulator per suite, credentials pointing at it, base parameters. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startEmulator, type HubspotEmulator, type RecordedRequest } from '../emulator';
import type { CredentialSpec } from '../harness/engine';

export const SERVICE_KEY = 'pat-na1-test-service-key-0001';
/** Owner 100001 is Ada Lovelace, HubSpot user 9000001 (see test/emulator/seed.ts). */
export const ADA = { ownerId: '100001', userId: '9000001' };
export const GRACE = { ownerId: '100002', userId: '9000002' };

export async function emulatorForSuite(options: Parameters<typeof startEmulator>[0] = {}): Promise<HubspotEmulator> {
	const emulator = await startEmulator(options);
	emulator.addAccessToken(SERVICE_KEY);
	return emulator;
}

let credentialSeq = 0;

/**
 * A service-key credential for the emulator. Each call gets a new credential id, so the node's
 * per-credential owner cache starts empty for every test unless the test passes the same id again.
 */
export function serviceKeyCredential(
	emulator: HubspotEmulator,
	{ accessToken = SERVICE_KEY, id = `service-key-${++credentialSeq}` }: { accessToken?: string; id?: string } = {},
): CredentialSpec {
	return { type: 'hubspotSchedulerTokenApi', id, data: { accessToken, baseUrl: emulator.baseUrl } };
}

/** Parameters of a minimal valid "Create Calendar Event", as the editor saves them. */
export function createParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		authentication: 'accessToken',
		resource: 'meeting',
		operation: 'createCalendarEvent',
		organizerUserId: ADA.userId,
		title: 'Intro call',
		startTime: '2026-06-01T10:00:00',
		endTime: '2026-06-01T10:30:00',
		timezone: 'Europe/Berlin',
		...overrides,
	};
}

export function calendarCreates(emulator: HubspotEmulator): RecordedRequest[] {
	return emulator.requests.filter((request) => request.method === 'POST' && /\/meetings\/calendar$/.test(request.path));
}

export function createBody(request: RecordedRequest): IDataObject {
	return request.body as IDataObject;
}

/** Every request the emulator saw was valid against HubSpot's spec, and so was every answer. */
export function expectSpecValid(emulator: HubspotEmulator): void {
	const problems = emulator.requests.flatMap((request) =>
		request.validationErrors.map((error) => `${request.method} ${request.path}: ${error}`),
	);
	expect(problems).toEqual([]);
	expect(emulator.responseValidationErrors).toEqual([]);
}
