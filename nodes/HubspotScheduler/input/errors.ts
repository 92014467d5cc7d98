import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Bad input, found before anything is sent: which field (as the editor names it), what is wrong with
 * it, and how to fix it. HubSpot's own refusals are http/hubspotErrors.ts.
 */
export class InputError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
		readonly fix: string,
	) {
		super(`${field}: ${problem}`);
	}
}

/** What checking an item's input threw, as that item's n8n error (a warning: the workflow's data is wrong). */
export function itemError(node: INode, itemIndex: number, error: unknown): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof InputError) {
		return new NodeOperationError(node, `${error.field}: ${error.problem} [item ${itemIndex}]`, {
			itemIndex,
			description: error.fix,
			level: 'warning',
		});
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}
