import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { pacedRouting } from '../../http/routing';
import { meetingIdOf, meetingUrl } from './meetingId';

/** Delete: moves the meeting's CRM record to the recycle bin. */

/** One Delete, checked (its Meeting ID); sends nothing. */
export const checkDelete = meetingIdOf;

export const deleteOperation: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a meeting',
	description:
		'Move a meeting to the recycle bin. HubSpot does not document that this cancels the calendar event; cancel it in the calendar.',
	routing: pacedRouting('change', {
		method: 'DELETE',
		check: checkDelete,
		prepare: prepareDelete,
		postReceive: [deletedMeeting],
	}),
};

/** Its only field is the Meeting (meetingId.ts). */
export const deleteFields: INodeProperties[] = [];

/** The meeting's record; a DELETE has no body. */
async function prepareDelete(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	delete requestOptions.body;
	return meetingUrl(this, requestOptions);
}

/** n8n's convention for a delete: one item saying so. HubSpot answers 204 without a body. */
async function deletedMeeting(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const id = meetingIdOf(this);
	return items.slice(0, 1).map(() => ({ json: { deleted: true, id } }));
}
