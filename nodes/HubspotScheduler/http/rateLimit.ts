import { sleep } from 'n8n-workflow';

import { MAX_ITEM_WAIT_MS, type ItemWait } from './itemWait';
import { RateWindow } from './rateWindow';

/**
 * Pacing below HubSpot's burst limit ("N requests per rolling window" per account).
 *
 * n8n's declarative engine starts every item's request at once, so without pacing a 500-row run trips
 * a storm of 429s. One limiter per credential lives at module level, so all items of a run and all
 * runs of the same credential in this n8n process share one budget (five webhook runs at once do not
 * trip the limit together). The window is learned from HubSpot's `X-HubSpot-RateLimit-*` headers:
 * until the first answer arrives, only one request is in flight (again after a window without answers).
 * Where each request sits in the window, and what share of it this process may hold when other
 * processes (n8n's queue-mode workers) use the same account, is rateWindow.ts's business.
 */

/** Before HubSpot has told us: the lowest burst limit any HubSpot plan has (Free/Starter apps). */
const DEFAULT_MAX = 100;
const DEFAULT_INTERVAL_MS = 10_000;
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
	private readonly account = new RateWindow(DEFAULT_MAX, DEFAULT_INTERVAL_MS);
	private learned = false;
	private probing = false;
	/** Requests sent and not answered yet: they count until they are. */
	private inFlight = 0;
	/** When each of them was sent. */
	private readonly sending = new Map<Slot, number>();
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
		// From idle, the first request goes alone: other processes may have taken the window meanwhile, and
		// its answer tells (one round trip per burst; a request that is alone anyway loses nothing).
		if (!this.waiting.length && !this.inFlight) this.learned = false;
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
		const account = this.account;
		const now = Date.now();
		if (headers.max !== undefined && headers.max > 0) account.max = headers.max;
		if (headers.intervalMs !== undefined && headers.intervalMs > 0)
			account.intervalMs = headers.intervalMs;
		if (headers.remaining !== undefined) {
			// HubSpot counts requests from everyone using this account: its count corrects ours. The answer is
			// to one of the requests on their way: the oldest one's send time is a safe bound.
			// (A Map keeps insertion order, and slots are handed out in time order: the first is the oldest.)
			const oldestSent = this.sending.values().next().value ?? now;
			account.sync(headers.remaining, Math.max(1, this.inFlight), now, oldestSent);
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

	/** A 429 without Retry-After: someone else took the place; hold less, and pause this credential. */
	throttled(ms: number): void {
		this.account.throttled(Date.now(), this.inFlight);
		// After the pause one request goes alone: its answer tells what is free now, before the others go.
		this.learned = false;
		this.pauseFor(ms);
	}

	/** HubSpot said when to come back (Retry-After): nothing of this credential goes out before then. */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
		this.releaseProbe();
	}

	get window(): { max: number; intervalMs: number } {
		return { max: this.account.max, intervalMs: this.account.intervalMs };
	}

	private get used(): number {
		return this.inFlight + this.account.counted;
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
				this.account.prune(now);
				if (this.pausedUntil > now) {
					await this.waitOutPause(this.pausedUntil - now);
					continue;
				}
				if (this.inFlight >= this.account.inFlightCap) {
					await this.pause(this.account.intervalMs); // the next answer raises the cap, and wakes us
					continue;
				}
				if (this.used >= this.account.limit(now)) {
					// Our share is full, but HubSpot reported free places: when due, one request asks again.
					const claimAt = this.account.probeAt(now);
					if (claimAt <= now) {
						this.account.probe(now, this.used);
						if (this.used < this.account.limit(now)) continue;
					}
					// Full: wait for the oldest answered request to leave, for an answer, or to ask again.
					const freeAt = Math.min(this.account.nextFreeAt ?? Infinity, claimAt);
					await this.pause(
						Number.isFinite(freeAt) ? Math.max(1, freeAt - now) : this.account.intervalMs,
					);
					continue;
				}
				this.inFlight++;
				let answered = false;
				const sentAt = now;
				const slot: Slot = {
					done: () => {
						if (answered) return;
						answered = true;
						this.inFlight--;
						this.sending.delete(slot);
						this.account.answered(Date.now(), sentAt);
						this.nudge();
					},
				};
				// Until HubSpot has told us its window, one request goes alone (and, for OAuth2, refreshes an
				// expired token once for everybody).
				if (!this.learned) this.probing = true;
				this.sending.set(slot, sentAt);
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
