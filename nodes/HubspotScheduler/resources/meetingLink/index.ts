import type { INodeProperties } from 'n8n-workflow';

import { bookFields, bookOperation } from './book';
import { getAvailabilityFields, getAvailabilityOperation } from './getAvailability';
import { getBookingInfoFields, getBookingInfoOperation } from './getBookingInfo';
import { getManyFields, getManyOperation } from './getMany';
import { linkFields } from './link';

/** Meeting Link: the operations (each file holds one: fields, routing and hooks) and their fields, in the editor's order. */
export const meetingLinkDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['meetingLink'] } },
		options: [bookOperation, getAvailabilityOperation, getBookingInfoOperation, getManyOperation],
		default: 'getMany',
	},
	...getManyFields,
	...linkFields,
	...getBookingInfoFields,
	...getAvailabilityFields,
	...bookFields,
];
