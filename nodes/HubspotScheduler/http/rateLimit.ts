import { sleep } from 'n8n-workflow';

import { MAX_ITEM_WAIT_MS, type ItemWait } from './itemWait';

/**
 * Pacing below HubSpot's burst limit ("N requests per rolling window" per account).
 *
 * n8n's declarative engine starts every item's request at once, so without pacing a 500-row run trips
 * a storm of 429s. One limiter per credential lives at module level, so all items of a run and all
 * runs of the same credential in this n8n process share one budget (five webhook runs at once do not
 * trip the limit together). The window is learned from HubSpot's `X-HubSpot-RateLimit-*` headers:
 * until the first answer arrives, only one request is in flight.
 */

/** Before HubSpot has told us: the lowest burst limit any HubSpot plan has (Free/Starter apps). */
const DEFAULT_MAX = 100;
const DEFAULT_INTERVAL_MS = 10_000;
/**
 * HubSpot counts a request when it arrives: after we sent it, before its answer came back. Only the
 * answer's time is a bound we can trust (a busy n8n or network delays the rest), so a slot counts from
 * its answer, plus a small margin, and a request still waiting for its answer always counts. The cost is
 * one round trip per window and slot: about 2 % of HubSpot's 10-second window.
 */
const SLOT_MARGIN_RATIO = 0.01;
const SLOT_MARGIN_MIN_MS = 20;
export interface RateLimitHeaders {
	max?: number;
	remaining?: number;
	intervalMs?: number;
	/** Retry-After, when the answer had one. */
	retryAfterMs?: number;
}

function headerNumber(
	headers: Record<string, unknown> | undefined,
	name: string,
): number | undefined {
	if (!headers) return undefined;
	const value = headers[name] ?? headers[name.toLowerCase()];
	const number = Number(Array.isArray(value) ? value[0] : value);
	return value === undefined || value === null || value === '' || !Number.isFinite(number)
		? undefined
		: number;
}

export function readRateLimitHeaders(
	headers: Record<string, unknown> | undefined,
): RateLimitHeaders {
	return {
		max: headerNumber(headers, 'x-hubspot-ratelimit-max'),
		remaining: headerNumber(headers, 'x-hubspot-ratelimit-remaining'),
		intervalMs: headerNumber(headers, 'x-hubspot-ratelimit-interval-milliseconds'),
		retryAfterMs: retryAfterMs(headers),
	};
}

/** Retry-After in milliseconds (seconds or an HTTP date), if HubSpot sent one. */
export function retryAfterMs(headers: Record<string, unknown> | undefined): number | undefined {
	const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const text = String(Array.isArray(raw) ? raw[0] : raw);
	const seconds = Number(text);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(text);
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** One request's place in the window; HubSpot counts it on arrival, somewhere before its answer. */
export interface Slot {
	/** Call when the answer (or the failure) arrived: the window is counted from then. */
	done(): void;
}

/** A request waiting for its turn. */
interface Waiter {
	give(slot: Slot): void;
	refuse(error: Error): void;
	wait?: ItemWait;
	since: number;
}

export class RateLimiter {
	private max = DEFAULT_MAX;
	private intervalMs = DEFAULT_INTERVAL_MS;
	private learned = false;
	private probing = false;
	/** Requests sent and not answered yet: they count until they are. */
	private inFlight = 0;
	/** When each request was answered (or one of someone else's was seen), oldest first. */
	private readonly counted: number[] = [];
	private readonly waiting: Waiter[] = [];
	private pausedUntil = 0;
	private pumping = false;
	private pumpScheduled = false;
	private wake?: () => void;

	/**
	 * Resolves with a slot when a request may be sent now; callers are served first come, first served. With
	 * `wait`, the item leaves the queue the moment the execution is stopped, and is refused at once when the
	 * credential is paused longer than it may still wait.
	 */
	async acquire(wait?: ItemWait): Promise<Slot> {
		let waiter!: Waiter;
		const granted = new Promise<Slot>(
			(give, refuse) => (waiter = { give, refuse, wait, since: Date.now() }),
		);
		this.waiting.push(waiter);
		this.schedulePump();
		if (!wait?.signal) return await granted;
		let slot: Slot | undefined;
		try {
			return (slot = await wait.untilStopped(granted));
		} finally {
			if (!slot) {
				// Stopped: leave the queue, or give back unused a slot handed out at that very moment.
				const queued = this.waiting.indexOf(waiter);
				if (queued >= 0) this.waiting.splice(queued, 1);
				else
					void granted.then(
						(late) => late.done(),
						() => {},
					);
				this.nudge();
			}
		}
	}

	/** What HubSpot said about the window in an answer (success or error). */
	observe(headers: RateLimitHeaders): void {
		if (headers.max !== undefined && headers.max > 0) this.max = headers.max;
		if (headers.intervalMs !== undefined && headers.intervalMs > 0)
			this.intervalMs = headers.intervalMs;
		if (headers.remaining !== undefined) {
			// HubSpot counts requests from everyone using this account; make room for the ones we did not send.
			this.fillTo(this.max - headers.remaining);
		}
		if (headers.max !== undefined) this.learned = true;
		// A Retry-After holds back the requests waiting right now: set it before any of them is released.
		if (headers.retryAfterMs !== undefined)
			this.pausedUntil = Math.max(this.pausedUntil, Date.now() + headers.retryAfterMs);
		this.releaseProbe();
	}

	/** The first request is answered: the others may go (with the defaults if HubSpot sent no headers). */
	releaseProbe(): void {
		if (this.probing) {
			this.probing = false;
			this.learned = true;
		}
		this.nudge();
	}

	/** A 429 without Retry-After: the window is full (HubSpot knows better than our count). */
	throttled(ms: number): void {
		this.fillTo(this.max);
		this.pauseFor(ms);
	}

	/** HubSpot said when to come back (Retry-After): nothing of this credential goes out before then. */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
		this.releaseProbe();
	}

	get window(): { max: number; intervalMs: number } {
		return { max: this.max, intervalMs: this.intervalMs };
	}

	private get used(): number {
		return this.inFlight + this.counted.length;
	}

	private fillTo(count: number): void {
		this.prune(Date.now());
		for (let i = this.used; i < count; i++) this.counted.push(Date.now());
	}

	/** Until when an answered request stays in the window. */
	private leavesAt(countedFrom: number): number {
		return (
			countedFrom +
			this.intervalMs +
			Math.max(SLOT_MARGIN_MIN_MS, this.intervalMs * SLOT_MARGIN_RATIO)
		);
	}

	private prune(now: number): void {
		let expired = 0;
		while (expired < this.counted.length && this.leavesAt(this.counted[expired]) <= now) expired++;
		if (expired) this.counted.splice(0, expired);
	}

	private nudge(): void {
		const wake = this.wake;
		this.wake = undefined;
		wake?.();
		this.schedulePump();
	}

	/**
	 * Runs the pump after the current synchronous step: a caller that reads an answer and then pauses or
	 * throttles the limiter (a 429's observe() then pauseFor()) has done both before anyone is released.
	 */
	private schedulePump(): void {
		if (this.pumpScheduled) return;
		this.pumpScheduled = true;
		void Promise.resolve().then(async () => {
			this.pumpScheduled = false;
			await this.pump();
		});
	}

	/** Sleeps until `ms` passed or something changed (an answer, a waiter left), whichever comes first. */
	private async pause(ms: number): Promise<void> {
		const timer = new AbortController();
		try {
			await Promise.race([
				sleep(ms, timer.signal).catch(() => {}),
				new Promise<void>((resolve) => (this.wake = resolve)),
			]);
		} finally {
			timer.abort(); // no timer left behind when woken early
		}
	}

	/** The credential is paused for `ms`: who cannot wait that long is refused now, the others wait it out. */
	private async waitOutPause(ms: number): Promise<void> {
		for (const waiter of [...this.waiting]) {
			if (waiter.wait && waiter.wait.waitedMs + ms > MAX_ITEM_WAIT_MS) {
				this.waiting.splice(this.waiting.indexOf(waiter), 1);
				waiter.refuse(waiter.wait.tooLong(ms));
			}
		}
		if (!this.waiting.length) return;
		const pausedFrom = Date.now();
		await this.pause(ms);
		const now = Date.now();
		for (const waiter of this.waiting) {
			if (waiter.wait) waiter.wait.waitedMs += now - Math.max(pausedFrom, waiter.since);
		}
	}

	/** Hands out slots one at a time, waiting while the window is full. */
	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.waiting.length && !this.probing) {
				const now = Date.now();
				this.prune(now);
				if (this.pausedUntil > now) {
					await this.waitOutPause(this.pausedUntil - now);
					continue;
				}
				if (this.used >= this.max) {
					// Full: wait for the oldest answered request to leave, or for an answer to arrive.
					await this.pause(
						this.counted.length
							? Math.max(1, this.leavesAt(this.counted[0]) - now)
							: this.intervalMs,
					);
					continue;
				}
				this.inFlight++;
				let answered = false;
				const slot: Slot = {
					done: () => {
						if (answered) return;
						answered = true;
						this.inFlight--;
						this.counted.push(Date.now());
						this.nudge();
					},
				};
				// Until HubSpot has told us its window, one request goes alone (and, for OAuth2, refreshes an
				// expired token once for everybody).
				if (!this.learned) this.probing = true;
				this.waiting.shift()?.give(slot);
			}
		} finally {
			this.pumping = false;
		}
	}
}

const limiters = new Map<string, RateLimiter>();

/** The limiter shared by every request made with one credential in this n8n process. */
export function rateLimiterFor(key: string): RateLimiter {
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter();
		limiters.set(key, limiter);
	}
	return limiter;
}
