import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { pacedRouting } from '../../http/routing';
import { checkItem, type ItemInput } from '../../input/item';
import { linkRead } from './link';

/** Get Booking Info: a scheduling page's settings, as HubSpot returns them. */

export const getBookingInfoOperation: INodePropertyOptions = {
	name: 'Get Booking Info',
	value: 'getBookingInfo',
	action: 'Get booking info of a meeting link',
	description:
		"Read a scheduling page's settings: durations, form fields, legal consent, members and their busy times",
	routing: pacedRouting('read', { method: 'GET', preSend: [prepareGetBookingInfo] }),
};

/** Its fields are the Meeting Link and its Timezone (link.ts). */
export const getBookingInfoFields: INodeProperties[] = [];

/** URL and query of one booking-info read, checked; sends nothing. */
export function checkGetBookingInfo(input: ItemInput): { url: string; qs: IDataObject } {
	return linkRead(input, 'book');
}

async function prepareGetBookingInfo(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { url, qs } = checkItem(this, checkGetBookingInfo);
	requestOptions.url = url;
	requestOptions.qs = { ...requestOptions.qs, ...qs };
	return requestOptions;
}
