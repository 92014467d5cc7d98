import type { IExecuteSingleFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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

/**
 * A NodeOperationError (bad input, a look-up's refusal, Stop, a wait too long) in the one form in which
 * n8n-core's RoutingNode lets it fail the node as it is.
 *
 * RoutingNode runs an item's preSend hooks and send function in `makeRequest` and settles the items'
 * promises together (n8n-core dist/execution-engine/routing-node.js, `runNode`, lines 152–179). Without
 * continue-on-fail it rethrows a rejection that is `instanceof NodeApiError` unchanged and wraps any
 * other in `new NodeApiError(node, error, { httpCode: 'none', … })`: a local error became an "API error"
 * and n8n's editor, which shows an "Error code" row whenever `httpCode` is set (NodeErrorView.vue), said
 * "Error code: none". (With continue-on-fail RoutingNode keeps the item's error as it is, lines 146 and
 * 163.) No hook of a declarative node runs where RoutingNode would keep a NodeOperationError (its
 * synchronous loop only evaluates expressions), so the error must pass its `instanceof NodeApiError` test.
 *
 * This class passes it, and is otherwise the NodeOperationError it is made from: the same message and
 * own fields — `name` 'NodeOperationError', description, level, context (item index), functionality,
 * stack — and no `httpCode`. Once an error leaves the node n8n knows it by those fields:
 * WorkflowExecute stores `{ ...error, message, stack }` (workflow-execute.js, `reportNodeExecutionError`)
 * and checks `name` to rethrow it (`rethrowNodeError`); the editor, the execution log and error workflows
 * read the stored copy. So the user sees an operation error with its message and fix, and no error code.
 */
export class RoutedOperationError extends NodeApiError {
	constructor(error: NodeOperationError) {
		super(error.node, {}, { message: error.message });
		Object.assign(this, error); // its own fields: `name`, `description`, `errorResponse` (none), …
		Reflect.deleteProperty(this, 'httpCode');
		this.stack = error.stack;
	}
}

/**
 * What a hook of the routed request throws, as it must reach RoutingNode: HubSpot's errors (NodeApiError)
 * and anything under continue-on-fail as they are; any other error as the operation error it is.
 */
export function throughRoutingNode(context: IExecuteSingleFunctions, error: unknown): unknown {
	if (error instanceof NodeApiError || context.continueOnFail()) return error;
	const operationError =
		error instanceof NodeOperationError
			? error
			: new NodeOperationError(context.getNode(), error as Error, {
					itemIndex: context.getItemIndex(),
				});
	return new RoutedOperationError(operationError);
}
