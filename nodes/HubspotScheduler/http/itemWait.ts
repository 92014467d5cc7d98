import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

/**
 * How long one item may wait, and Stop. Every wait of an item — its turn in the credential's rate window,
 * a pause HubSpot asked for (Retry-After, a full window), its own retries' backoff — goes through its
 * ItemWait: n8n's Stop (the execution's cancel signal) ends each at once, and the pauses and retries count
 * against one budget.
 */

/**
 * The longest one item waits in all for the rate limit: pauses of the credential plus its own retries'
 * waits — the README's "3 minutes". Queueing for a free place in the window is progress, not a pause, and
 * does not count.
 */
export const MAX_ITEM_WAIT_MS = 3 * 60 * 1000;

function minutes(ms: number): string {
	return ms < 90_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.ceil(ms / 60_000)} min`;
}

/**
 * What to do on Stop, per execution signal. An AbortSignal walks its whole listener list on every add and
 * remove: with thousands of items waiting at once, one listener each made every add (n8n's own per request
 * too) cost as much as the items already waiting. One listener per signal and a set of waiting items
 * instead. Returns what ends the watch.
 */
const stopWatchers = new WeakMap<AbortSignal, Set<() => void>>();

function onStop(signal: AbortSignal, onStopped: () => void): () => void {
	let watchers = stopWatchers.get(signal);
	if (!watchers) {
		const waiting = new Set<() => void>();
		stopWatchers.set(signal, (watchers = waiting));
		signal.addEventListener(
			'abort',
			() => {
				for (const stop of [...waiting]) stop();
				waiting.clear();
			},
			{ once: true },
		);
	}
	watchers.add(onStopped);
	const own = watchers;
	return () => own.delete(onStopped);
}

export class ItemWait {
	waitedMs = 0;
	readonly signal?: AbortSignal;

	constructor(
		private readonly context: Pick<IExecuteSingleFunctions, 'getNode'> &
			Partial<Pick<IExecuteSingleFunctions, 'getExecutionCancelSignal' | 'getItemIndex'>>,
	) {
		this.signal = context.getExecutionCancelSignal?.();
	}

	get stopPressed(): boolean {
		return this.signal?.aborted === true;
	}

	/** A retry's wait (backoff or Retry-After); ends within moments of Stop, with `stopped()`. */
	async sleep(ms: number): Promise<void> {
		const startedAt = Date.now();
		try {
			await this.untilStopped(sleep(ms, this.signal));
		} finally {
			this.waitedMs += Date.now() - startedAt;
		}
	}

	/**
	 * Settles with `waiting`, or rejects with `stopped()` the moment the execution is stopped. Raced rather than
	 * left to `sleep(ms, signal)`: older n8n-workflow versions (n8n 1.x, 2.8) ignore sleep's signal.
	 */
	async untilStopped<T>(waiting: Promise<T>): Promise<T> {
		const signal = this.signal;
		if (!signal) return await waiting;
		let stopWatch = () => {};
		const stopped = new Promise<never>((_resolve, reject) => {
			if (signal.aborted) reject(this.stopped());
			else stopWatch = onStop(signal, () => reject(this.stopped()));
		});
		try {
			return await Promise.race([stopped, waiting]);
		} catch (error) {
			throw signal.aborted ? this.stopped() : error;
		} finally {
			stopWatch();
		}
	}

	/** The execution was stopped while this item waited: nothing more was sent for it. */
	stopped(): NodeOperationError {
		// "canceled" in the message keeps the execution's status "canceled" (WorkflowExecute checks for it).
		return this.error(
			`Execution canceled while this item waited for HubSpot's rate limit`,
			'The execution was stopped while this item waited for its turn or for a retry. Nothing more was sent for it, and no meeting was created for it.',
		);
	}

	/**
	 * The execution was stopped while this item's request was on its way: n8n aborted it, but HubSpot may
	 * have received it. `unknownOutcome` says what that means for a write; a read has none.
	 */
	stoppedInFlight(unknownOutcome: string | undefined): NodeOperationError {
		return this.error(
			"Execution canceled while this item's request was on its way to HubSpot",
			unknownOutcome
				? `The execution was stopped after the request was sent, so HubSpot may have received it: ${unknownOutcome}`
				: 'The execution was stopped while the request was on its way. Nothing more was sent for this item.',
		);
	}

	/** The credential is paused longer than this item may still wait. */
	tooLong(pauseMs: number): NodeOperationError {
		return this.error(
			`HubSpot asked to wait ${minutes(pauseMs)} before the next request`,
			`HubSpot's rate limit holds back every request of this credential until ${wholeSeconds(Date.now() + pauseMs)}, longer than the ${minutes(MAX_ITEM_WAIT_MS)} an item waits, so this item was not sent. Nothing was created for it. Run it again after that time, or run fewer workflows with this HubSpot account at the same time.`,
		);
	}

	private error(message: string, description: string): NodeOperationError {
		const itemIndex = this.context.getItemIndex?.() ?? 0;
		return new NodeOperationError(this.context.getNode(), `${message} [item ${itemIndex}]`, {
			itemIndex,
			description,
		});
	}
}

/** A moment as people write it: UTC, whole seconds (rounded up), no ".000". */
function wholeSeconds(epochMs: number): string {
	return new Date(Math.ceil(epochMs / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}
