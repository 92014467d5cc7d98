import {
	NodeConnectionTypes,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { MEETING_PROPERTIES_PATH } from '../HubspotScheduler/http/endpoints';
import { HUBSPOT_CREDENTIALS } from '../HubspotScheduler/resources/descriptions';
import { hubspotRequest } from '../HubspotScheduler/http/request';
import { getOutcomes, getOwners } from '../HubspotScheduler/methods/loadOptions';
import {
	meetingsCreated,
	meetingsStartingSoon,
	outcomesSet,
	testEvent,
	type Delivery,
	type MeetingEvent,
} from './events';
import { triggerFields } from './fields';
import { toItems } from './output';
import { loadState, OVERLAP_MS, pruneDelivered, saveState, type TriggerState } from './state';

/**
 * HubSpot Scheduler Trigger: polls HubSpot's CRM search for new meetings, outcome changes and meetings
 * about to start. The window of each poll overlaps the previous one (HubSpot indexes records a few seconds
 * late) and what was delivered is remembered, so nothing is missed or delivered twice; see the README.
 */

const EVENTS: Record<
	MeetingEvent,
	(context: IPollFunctions, state: TriggerState, now: number) => Promise<Delivery[]>
> = {
	meetingCreated: meetingsCreated,
	outcomeSet: outcomesSet,
	startingSoon: meetingsStartingSoon,
};

/** Meeting source values (hs_meeting_source) from the account's property definition. */
async function getMeetingSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const property = await hubspotRequest<{
		options?: Array<{ label?: string; value?: string; hidden?: boolean }>;
	}>(this, { method: 'GET', url: `${MEETING_PROPERTIES_PATH}/hs_meeting_source` }, 'read');
	return (property.options ?? [])
		.filter((option) => !option.hidden && option.value)
		.map((option) => ({ name: option.label || String(option.value), value: String(option.value) }));
}

export class HubspotSchedulerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Scheduler Trigger',
		name: 'hubspotSchedulerTrigger',
		icon: {
			light: 'file:../../icons/hubspotScheduler.svg',
			dark: 'file:../../icons/hubspotScheduler.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		// The editor's Docs link; taken as it is (the codex link would get "?utm_…" after its "#").
		documentationUrl:
			'https://github.com/n8n-nodes-hubspot-scheduler/n8n-nodes-hubspot-scheduler#hubspot-scheduler-trigger',
		description:
			'Start a workflow when a HubSpot meeting is created or booked, its outcome is set, or it is about to start',
		defaults: {
			name: 'HubSpot Scheduler Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: HUBSPOT_CREDENTIALS,
		properties: triggerFields,
	};

	methods = { loadOptions: { getOutcomes, getOwners, getMeetingSources } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as MeetingEvent;
		const now = Date.now();
		if (this.getMode() === 'manual') {
			const latest = await testEvent(this, event, now);
			return latest ? [await toItems(this, event, [latest])] : null;
		}

		const staticData = this.getWorkflowStaticData('node');
		let state = loadState(staticData, event);
		if (!state) {
			// Activation: from now on, or the last hours asked for; nothing older ever fires.
			const includeLastHours = Number(
				(this.getNodeParameter('options', {}) as { includeLastHours?: number }).includeLastHours ??
					0,
			);
			const since = now - Math.max(0, includeLastHours) * 3_600_000;
			state = { signature: event, since, lastPollAt: since, delivered: {} };
			if (since === now && event !== 'startingSoon') {
				saveState(staticData, state);
				return null;
			}
		}

		const found = await EVENTS[event](this, state, now);
		const fresh = found.filter((delivery) => !(delivery.key in state.delivered));
		const delivered = { ...state.delivered };
		for (const { key, at } of fresh) delivered[key] = at;
		// The next window starts OVERLAP_MS before this poll: keys older than that cannot come back.
		saveState(staticData, {
			...state,
			lastPollAt: now,
			delivered: pruneDelivered(delivered, Math.max(now - OVERLAP_MS, state.since)),
		});
		return fresh.length ? [await toItems(this, event, fresh)] : null;
	}
}
