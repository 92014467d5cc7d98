import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { itemError } from './errors';

/**
 * What an operation's checks read from one item: its parameters and the workflow's timezone. A check
 * takes only this and throws InputError, so it sends nothing and can run for any item, in any order.
 */
export type ItemInput = Pick<IExecuteSingleFunctions, 'getNodeParameter' | 'getTimezone'>;

/** Runs `check` on the item a hook runs for; what it refuses becomes that item's error. */
export function checkItem<T>(context: IExecuteSingleFunctions, check: (input: ItemInput) => T): T {
	try {
		return check(context);
	} catch (error) {
		throw itemError(context.getNode(), context.getItemIndex(), error);
	}
}
