import type { INodeProperties } from 'n8n-workflow';

import { createFields, createOperation } from './create';
import { deleteFields, deleteOperation } from './delete';
import { getFields, getOperation } from './get';
import { getManyFields, getManyOperation } from './getMany';
import { meetingIdField } from './meetingId';
import { updateFields, updateOperation } from './update';

/** Meeting: the operations (each file holds one: fields, routing and hooks) and their fields, in the editor's order. */
export const meetingDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['meeting'] } },
		options: [createOperation, deleteOperation, getOperation, getManyOperation, updateOperation],
		default: 'createCalendarEvent',
	},
	...createFields,
	meetingIdField,
	...getFields,
	...getManyFields,
	...updateFields,
	...deleteFields,
];
