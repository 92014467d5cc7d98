/**
 * The account's details (`GET /account-info/2026-03/details`): its portal id (the "Hub ID", as the OAuth
 * token answer's `hub_id` says) and the domain of HubSpot's web app, which a record's URL is made of.
 */
import type { HubspotEmulator } from './emulator';

export interface AccountInfo {
	portalId: number;
	uiDomain: string;
	timeZone: string;
	dataHostingLocation: string;
}

const states = new WeakMap<HubspotEmulator, AccountInfo>();

/** The emulated account's details (mutable: a test may move the account to another region). */
export function accountInfoState(emulator: HubspotEmulator): AccountInfo {
	let state = states.get(emulator);
	if (!state) {
		state = {
			portalId: 12345,
			uiDomain: 'app.hubspot.com',
			timeZone: 'Europe/Berlin',
			dataHostingLocation: 'na1',
		};
		states.set(emulator, state);
	}
	return state;
}

export function installAccountInfoHandlers(emu: HubspotEmulator): void {
	emu.handle('GET /account-info/2026-03/details', (ctx) => {
		const { portalId, uiDomain, timeZone, dataHostingLocation } = accountInfoState(ctx.emulator);
		return {
			status: 200,
			body: {
				portalId,
				uiDomain,
				timeZone,
				dataHostingLocation,
				accountType: 'STANDARD',
				companyCurrency: 'EUR',
				additionalCurrencies: [],
				utcOffset: '+01:00',
				utcOffsetMilliseconds: 3600000,
			},
		};
	});
}
