import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Bad input found by a parser (dates, ids, associations, reminders). `field` is the editor's name for
 * it; a parser that does not know which field it was given leaves it to the caller.
 */
export class InputError extends Error {
	constructor(
		message: string,
		readonly fix: string,
		readonly field?: string,
	) {
		super(message);
	}
}

/** Any error from checking an item's input, as the item's n8n error. */
export function asItemError(node: INode, itemIndex: number, error: unknown, field = 'Input'): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof InputError) return invalidInput(node, itemIndex, error.field ?? field, error.message, error.fix);
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** Bad input found before any request is sent. */
export function invalidInput(
	node: INode,
	itemIndex: number,
	field: string,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(node, `${field}: ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: fix,
		level: 'warning',
	});
}
