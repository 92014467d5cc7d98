import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { MEETINGS_SEARCH_PATH } from '../../http/endpoints';
import { answerWithoutSending } from '../../http/presetAnswer';
import { hubspotRequest } from '../../http/request';
import { InputError, itemError } from '../../input/errors';
import { SIMPLIFIED_MEETING_PROPERTIES } from './properties';

/**
 * Find-or-create for Create Calendar Event: before creating, one CRM search for a meeting with the same
 * owner, start and title. HubSpot's search index lags a few seconds behind a create, so this catches
 * re-runs and webhook retries, not two executions in the same second.
 */

export type IfMatchingMeetingExists = 'createAnyway' | 'returnExisting' | 'fail';

export function ifMatchingMeetingExistsField(
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName: 'If a Matching Meeting Exists',
		name: 'ifMatchingMeetingExists',
		type: 'options',
		options: [
			{
				name: 'Create Anyway',
				value: 'createAnyway',
				description: 'Create the meeting without looking (no extra request)',
			},
			{
				name: 'Return Existing',
				value: 'returnExisting',
				description:
					'Create nothing and return the meeting that has the same owner, start and title',
			},
			{
				name: 'Fail',
				value: 'fail',
				description: 'Create nothing and fail the item, naming the meeting that exists',
			},
		],
		default: 'createAnyway',
		hint: "Looked up by one CRM search (same owner, start and title). HubSpot's search shows a new meeting only seconds after it is created: this catches re-runs and retries, not two runs in the same second.",
		displayOptions,
	};
}

interface SearchAnswer {
	total: number;
	results: IDataObject[];
}

/** What the search reads of the meeting it finds: what Simplify shows. */
const FOUND_PROPERTIES = SIMPLIFIED_MEETING_PROPERTIES;

/** The oldest live meeting with this owner, start and title, or undefined. One search, paced. */
async function matchingMeeting(
	context: IExecuteSingleFunctions,
	baseURL: string | undefined,
	properties: IDataObject,
): Promise<IDataObject | undefined> {
	const filters = [
		{
			propertyName: 'hubspot_owner_id',
			operator: 'EQ',
			value: String(properties.hubspot_owner_id),
		},
		{
			propertyName: 'hs_meeting_start_time',
			operator: 'EQ',
			value: String(Date.parse(String(properties.hs_meeting_start_time))),
		},
		{
			propertyName: 'hs_meeting_title',
			operator: 'EQ',
			value: String(properties.hs_meeting_title),
		},
	];
	const answer = await hubspotRequest<SearchAnswer>(
		context,
		{
			method: 'POST',
			url: MEETINGS_SEARCH_PATH,
			baseURL,
			body: {
				filterGroups: [{ filters }],
				sorts: ['hs_createdate'],
				properties: FOUND_PROPERTIES,
				limit: 10,
				after: '0',
			},
		},
		'read',
	);
	// HubSpot's EQ on text ignores letter case; the title must be the same as written.
	return answer.results.find(
		(meeting) =>
			(meeting.properties as IDataObject | undefined)?.hs_meeting_title ===
			properties.hs_meeting_title,
	);
}

/**
 * Applies "If a Matching Meeting Exists" to a checked create: the request unchanged (create), the match as
 * the item's answer without sending (Return Existing, shaped by `show`), or the item's error (Fail).
 */
export async function unlessMatchingMeetingExists(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	properties: IDataObject,
	show: (meeting: IDataObject) => IDataObject,
): Promise<IHttpRequestOptions> {
	const mode = context.getNodeParameter(
		'ifMatchingMeetingExists',
		'createAnyway',
	) as IfMatchingMeetingExists;
	if (mode !== 'returnExisting' && mode !== 'fail') return requestOptions;
	const existing = await matchingMeeting(context, requestOptions.baseURL, properties);
	if (!existing) return requestOptions;
	if (mode === 'fail') {
		throw itemError(
			context.getNode(),
			context.getItemIndex(),
			new InputError(
				'If a Matching Meeting Exists',
				`meeting ${String(existing.id)} already has this owner, start and title ("${String(properties.hs_meeting_title)}"); nothing was created`,
				'Use that meeting, change the title or start, or set If a Matching Meeting Exists to Return Existing or Create Anyway.',
			),
		);
	}
	return answerWithoutSending(requestOptions, [
		{ json: { ...show(existing), alreadyExisted: true } },
	]);
}
