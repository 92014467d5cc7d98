/** Test-only HubSpot API emulator: see emulator.ts. */
export { HubspotEmulator, startEmulator } from './emulator';
export type {
	EmulatorOptions,
	RecordedRequest,
	Fault,
	Handler,
	HandlerContext,
	IssuedToken,
} from './emulator';
export { seedOwners, defaultPropertyOptions, HUBSPOT_DEFINED_MEETING_ASSOCIATIONS } from './seed';
export type { Owner, PropertyOption } from './seed';
export { HttpError, errorBody, validationError, notFound } from './errors';
export type { EmulatorResponse, HubspotErrorBody } from './errors';
export { SpecRegistry, getSpecRegistry, defaultSpecDir } from './spec';
export { addMeeting, editMeeting, searchState } from './crmSearch';
export { peopleState, contactIdByEmail } from './crmContacts';
export { accountInfoState } from './accountInfo';
export type { AccountInfo } from './accountInfo';
