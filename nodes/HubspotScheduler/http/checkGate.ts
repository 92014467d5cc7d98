import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	PreSendAction,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkItem, type ItemInput } from '../input/item';
import { withCredentialBaseUrl } from './credentialBaseUrl';

/**
 * Every item of a run is checked before any item's request is sent. Without it, one bad item among many
 * failed the node while the others' meetings were created and their invitations sent, and a re-run
 * duplicated them.
 *
 * RoutingNode starts the items one after the other in one synchronous loop (n8n-core,
 * dist/execution-engine/routing-node.js, `runNode`), and each item's first preSend runs within that loop,
 * before its request: the item checks its input there and then waits here until every item of the run has
 * checked in. Then, if every item is valid, all go on; if one is invalid and the node does not continue on
 * fail, nothing is sent: each invalid item fails with its own error plus a summary naming every invalid item,
 * and the valid items are held back (RoutingNode then throws the first invalid item's error). With
 * continue-on-fail, items do not wait: each valid item is sent, each invalid one is its own error item.
 *
 * A run is the items of one RoutingNode call: the gate is keyed by the run's first input item (so it is
 * garbage once the execution is) and by execution, node and run index. If RoutingNode stops starting items
 * (an expression of a later item fails, so it throws before that item starts), the items already waiting are
 * never released: nothing is sent for them, and the gate is dropped with the execution's data. A new try of
 * the node (n8n's Retry On Fail) starts a new gate.
 */

/** What a valid item does once every item is checked. */
export type GateVerdict = 'send' | 'holdBack';

/** Invalid items listed in the summary; the rest are counted. */
const MAX_LISTED = 10;

interface Arrival {
	invalid?: NodeOperationError;
	resolve(verdict: GateVerdict): void;
	reject(error: NodeOperationError): void;
}

class CheckGate {
	private readonly arrived = new Map<number, Arrival>();

	constructor(
		private readonly expected: number,
		private readonly onOpen: () => void,
	) {}

	has(itemIndex: number): boolean {
		return this.arrived.has(itemIndex);
	}

	async arrive(itemIndex: number, invalid: NodeOperationError | undefined): Promise<GateVerdict> {
		const verdict = new Promise<GateVerdict>((resolve, reject) =>
			this.arrived.set(itemIndex, { invalid, resolve, reject }),
		);
		if (this.arrived.size >= this.expected) this.open();
		return await verdict;
	}

	private open(): void {
		this.onOpen();
		const invalid = [...this.arrived]
			.filter(([, arrival]) => arrival.invalid)
			.sort(([a], [b]) => a - b);
		const summary = invalid.length
			? heldBackSummary(
					invalid.map(([, arrival]) => arrival.invalid as NodeOperationError),
					this.expected,
				)
			: '';
		for (const arrival of this.arrived.values()) {
			if (!arrival.invalid) arrival.resolve(invalid.length ? 'holdBack' : 'send');
			else {
				arrival.invalid.description = [arrival.invalid.description, summary]
					.filter(Boolean)
					.join('\n\n');
				arrival.reject(arrival.invalid);
			}
		}
	}
}

function heldBackSummary(invalid: NodeOperationError[], itemCount: number): string {
	const listed = invalid.slice(0, MAX_LISTED).map((error) => error.message);
	if (invalid.length > MAX_LISTED) listed.push(`… and ${invalid.length - MAX_LISTED} more`);
	return [
		`Nothing was sent for any of the ${itemCount} items: every item is checked before any is sent, and ${invalid.length === 1 ? '1 item has' : `${invalid.length} items have`} invalid input:`,
		...listed,
		'Fix them and run the node again; or set the node\'s On Error setting to "Continue" to send the valid items and get an error item for each invalid one.',
	].join('\n');
}

/** Open gates: by the run's first input item, then by execution, node and run index. */
const gates = new WeakMap<object, Map<string, CheckGate>>();

/** The run this item belongs to: how many items RoutingNode runs, and what identifies the run. */
function runOf(
	context: IExecuteSingleFunctions,
): { input: object; key: string; count: number } | undefined {
	try {
		const itemIndex = context.getItemIndex();
		const proxy = context.getWorkflowDataProxy(itemIndex);
		const all = proxy.$input.all() as unknown[];
		const own = context.getInputData();
		// Only when the node's input is the items RoutingNode runs (not, say, an AI agent's call of the tool).
		if (
			!all.length ||
			(all[itemIndex] !== own && all[itemIndex] !== own.json) ||
			typeof all[0] !== 'object' ||
			all[0] === null
		) {
			return undefined;
		}
		const count = context.getNode().executeOnce === true ? 1 : all.length;
		return {
			input: all[0] as object,
			key: `${context.getExecutionId()}\u0000${context.getNode().name}\u0000${String(proxy.$runIndex)}`,
			count,
		};
	} catch {
		return undefined; // no input data to count: each item goes on its own
	}
}

/**
 * Records this item's check — `invalid` is its error, if any — and settles once every item of the run is
 * checked: 'send', or 'holdBack' when another item is invalid; an invalid item rejects with its error and
 * the summary. Without a gate (continue-on-fail, items that cannot be counted) it settles at once.
 */
export async function afterEveryItemChecked(
	context: IExecuteSingleFunctions,
	invalid?: NodeOperationError,
): Promise<GateVerdict> {
	const run = context.continueOnFail() ? undefined : runOf(context);
	if (!run || run.count <= 1) {
		if (invalid) throw invalid;
		return 'send';
	}
	const itemIndex = context.getItemIndex();
	let byKey = gates.get(run.input);
	if (!byKey) gates.set(run.input, (byKey = new Map()));
	let gate = byKey.get(run.key);
	if (!gate || gate.has(itemIndex)) {
		// First item of this run, or a new try of the node after a run that stopped half-way.
		const runs = byKey;
		gate = new CheckGate(run.count, () => runs.delete(run.key));
		byKey.set(run.key, gate);
	}
	return await gate.arrive(itemIndex, invalid);
}

/** Marks a held-back item's request: the send path sends nothing for it. */
const HELD_BACK = Symbol('heldBack');

export function holdBack(requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	(requestOptions as unknown as Record<symbol, boolean>)[HELD_BACK] = true;
	return requestOptions;
}

export function isHeldBack(requestOptions: IHttpRequestOptions | IDataObject): boolean {
	return (requestOptions as unknown as Record<symbol, boolean>)[HELD_BACK] === true;
}

/**
 * The first preSend of an operation that writes: checks the item, waits until every item of the run is
 * checked, then points the request at the credential's Base URL and lets `prepare` write it — or holds the
 * item back when another item is invalid.
 */
export function checkEveryItemFirst<Checked>(
	check: (input: ItemInput) => Checked,
	prepare?: (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
		checked: Checked,
	) => Promise<IHttpRequestOptions>,
): PreSendAction {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		let checked: Checked | undefined;
		let invalid: NodeOperationError | undefined;
		try {
			checked = checkItem(this, check);
		} catch (error) {
			invalid =
				error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, {
							itemIndex: this.getItemIndex(),
						});
		}
		if ((await afterEveryItemChecked(this, invalid)) === 'holdBack')
			return holdBack(requestOptions);
		await withCredentialBaseUrl(this, requestOptions);
		return prepare ? await prepare.call(this, requestOptions, checked as Checked) : requestOptions;
	};
}
