/** Handlers added for issue 3: Scheduler meeting links and CRM meeting records. */
import { installCrmMeetingHandlers } from './crmMeetings';
import type { HubspotEmulator } from './emulator';
import { installMeetingLinkHandlers } from './meetingLinks';
import { installSearchHandlers } from './crmSearch';
import { installPeopleHandlers } from './crmContacts';
import { installAccountInfoHandlers } from './accountInfo';

export { crmMeetingState, SEEDED_MEETING_IDS } from './crmMeetings';
export { searchState, addMeeting, editMeeting } from './crmSearch';
export { peopleState, contactIdByEmail } from './crmContacts';
export { meetingLinkState, extraLink, DST_SLOT_STARTS } from './meetingLinks';
export type { MeetingLink, Booking, MeetingLinkState } from './meetingLinks';

export function installFollowUpHandlers(emu: HubspotEmulator): void {
	installMeetingLinkHandlers(emu);
	installCrmMeetingHandlers(emu);
	installSearchHandlers(emu);
	installPeopleHandlers(emu);
	installAccountInfoHandlers(emu);
}
