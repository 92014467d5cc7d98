/**
 * What this process knows of the account's rolling window, and how many places of it this process may
 * hold. The limiter (rateLimit.ts) hands out a place while `ownUsed < limit`.
 *
 * HubSpot counts a request when it arrives: after we sent it, before its answer. Only the answer's time is a
 * bound we can trust (a busy event loop delays the send), so one of our places counts from its answer. Every
 * answer's `X-HubSpot-RateLimit-Remaining` is HubSpot's own count of the whole account, and corrects ours:
 *
 * - **Alone** (HubSpot counts no more than we do): places HubSpot has already let go are dropped, so the
 *   next request goes as soon as HubSpot says it may; the limit is the whole window.
 * - **Shared** (HubSpot counts requests we did not send: other n8n processes, queue-mode workers, with no
 *   memory in common): this process keeps the places it holds (it refills its own as they leave) and claims
 *   only its share (÷ clients, with the fraction taken at random) of places HubSpot has reported free for a
 *   while (`settleMs`: at a window's turn HubSpot frees places a moment before their owners refill them).
 *   While it holds more than its fair share and the window is full, it gives one place back per answer; a
 *   429 costs it one place. With its share full and free places reported, one request asks again
 *   (`probeAt`) instead of claiming on an old figure.
 *
 * Either way, no more requests go out at once than the last answer said were free (`inFlightCap`): a figure
 * is a round trip old when it arrives, and this bounds what a stale one costs in 429s.
 */

/**
 * Kept after a place's estimated expiry (0.5 % of the window, 50 ms of HubSpot's 10 s): absorbs timer and
 * clock granularity, and in a shared window gives the owners of places freed at a window's turn the time to
 * show them free in others' answers. At least 5 ms: a 1 s window keeps its cycle close to 1 s + a round trip.
 */
const SLOT_MARGIN_RATIO = 0.005;
const SLOT_MARGIN_MIN_MS = 5;
/**
 * The account counts as shared for three windows after the last sign of another client: our count of our
 * own places runs late (from the answer), so in a steady shared window HubSpot's count often shows no one
 * else for a while, and going back to taking the whole window then would be a storm of 429s.
 */
const SHARED_FOR_WINDOWS = 3;
/**
 * The clients' count is estimated as HubSpot's count ÷ ours, which is right when the shares are equal and
 * too high when ours is small; capped so that a process holding little still claims free places quickly.
 */
const MAX_CLIENTS = 4;

interface Place {
	/** When the answer came (the place counts from then). */
	at: number;
	/** When we sent it. */
	sentAt: number;
}

export class RateWindow {
	max: number;
	intervalMs: number;
	/** Clients using the account, estimated from the share of HubSpot's count that is ours. */
	clients = 1;
	/** Places this process may hold; the whole window while it is alone. */
	private shareLimit = Infinity;
	private lastOthersAt = -Infinity;
	private syncedAt = -Infinity;
	private claimedAt = -Infinity;
	private probedAt = -Infinity;
	/** Free places HubSpot reported at our recent answers (shared mode), oldest first. */
	private readonly freeSeen: Array<{ at: number; free: number }> = [];
	/**
	 * Requests we may have on our way: those on their way at the last answer plus what it reported free (our
	 * share of it when shared). A figure is a round trip old when it arrives; this bounds what a stale one
	 * costs: when the window turns out full, few requests are on their way to be refused.
	 */
	inFlightCap = Infinity;
	/** Round trip of our requests (send to answer), smoothed. */
	private rttMs = 0;
	/** Our answered places, oldest first. */
	private readonly places: Place[] = [];

	constructor(max: number, intervalMs: number) {
		this.max = max;
		this.intervalMs = intervalMs;
	}

	get counted(): number {
		return this.places.length;
	}

	/** How many places this process may hold now (answered ones and those on their way). */
	limit(now: number): number {
		return this.shared(now) ? Math.min(this.max, this.shareLimit) : this.max;
	}

	shared(now: number): boolean {
		return now - this.lastOthersAt < SHARED_FOR_WINDOWS * this.intervalMs;
	}

	/** When the oldest counted place frees up, if any is counted. */
	get nextFreeAt(): number | undefined {
		return this.places.length ? this.leavesAt(this.places[0].at) : undefined;
	}

	/** One of our requests was answered (or failed). */
	answered(now: number, sentAt: number): void {
		this.places.push({ at: now, sentAt });
		this.rttMs = this.rttMs ? 0.8 * this.rttMs + 0.2 * (now - sentAt) : now - sentAt;
	}

	/**
	 * HubSpot says `remaining` places are free, in the answer to a request sent at `sentAt` (the oldest one
	 * on its way: a safe bound); `inFlight` of ours are on their way, that one included (HubSpot may or may
	 * not have counted the others yet).
	 */
	sync(remaining: number, inFlight: number, now: number, sentAt: number): void {
		this.prune(now);
		const hubspotUsed = Math.max(0, this.max - remaining);
		const ours = this.places.length + inFlight;
		const others = hubspotUsed - ours;
		// Our other requests on their way may not be counted yet: they are not free.
		const free = Math.max(0, remaining - (inFlight - 1));
		if (others > 0) {
			this.lastOthersAt = now;
			this.clients = Math.min(
				MAX_CLIENTS,
				Math.max(2, Math.round(hubspotUsed / Math.max(1, ours))),
			);
		}
		this.inFlightCap =
			inFlight - 1 + Math.max(1, this.shared(now) ? Math.floor(free / this.clients) : free);
		if (!this.shared(now)) {
			this.clients = 1;
			this.shareLimit = Infinity;
			// HubSpot's count includes every place still in its window: drop the ones it has let go. Requests
			// sent after this one may have arrived after HubSpot took its count: no evidence for them.
			if (this.places.length > hubspotUsed) {
				const later = this.places.filter((place) => place.sentAt > sentAt).length;
				const stale = this.places.length - (hubspotUsed + later);
				if (stale > 0) this.places.splice(0, stale);
			}
			return;
		}
		const fair = Math.ceil(this.max / this.clients);
		// What we hold: our limit while it is fresh, else what we have (after an idle window, or newly shared).
		const held =
			Number.isFinite(this.shareLimit) && now - this.syncedAt <= this.intervalMs
				? Math.min(this.max, this.shareLimit)
				: ours;
		this.syncedAt = now;
		this.freeSeen.push({ at: now, free });
		// Only the samples settledFree reads: the last one at least settleMs old, and those since.
		while (this.freeSeen.length > 1 && this.freeSeen[1].at <= now - this.settleMs)
			this.freeSeen.shift();
		this.shareLimit = Math.max(1, held);
		const settled = this.settledFree(now);
		if (settled > 0 && now >= this.claimedAt + 2 * this.rttMs) this.claim(now, ours, settled);
		else if (ours > fair && others > 0 && free === 0) {
			// More than our share while others wait for places: give one back.
			this.shareLimit = Math.max(1, Math.min(held, ours - 1));
		}
	}

	/** How long a free place must stay free before it is claimed: its owner may be about to refill it. */
	private get settleMs(): number {
		return Math.max(200, 2 * this.rttMs);
	}

	/**
	 * Places free at every answer of the last `settleMs` and before (0 without an answer that old). At a
	 * window's turn HubSpot frees places before their owners (counting from their answers) refill them: those
	 * are not free for us.
	 */
	private settledFree(now: number): number {
		let since = -1;
		for (let i = 0; i < this.freeSeen.length; i++)
			if (this.freeSeen[i].at <= now - this.settleMs) since = i;
		if (since < 0) return 0;
		return Math.min(...this.freeSeen.slice(since).map((sample) => sample.free));
	}

	/**
	 * When one more request may go beyond our share to ask again (Infinity: never): HubSpot reported free
	 * places and no answer has come for a while. Not a share: the figure is old; the answer claims.
	 */
	probeAt(now: number): number {
		const last = this.freeSeen[this.freeSeen.length - 1];
		if (!this.shared(now) || !last || last.free <= 0) return Infinity;
		return Math.max(
			this.claimedAt + 2 * this.rttMs,
			last.at + this.settleMs,
			this.probedAt + this.settleMs,
		);
	}

	probe(now: number, ours: number): void {
		this.probedAt = now;
		this.shareLimit = Math.min(this.max, Math.max(this.shareLimit, ours + 1));
	}

	/**
	 * Additive increase: our share of the settled free places (which may include our own not refilled yet);
	 * the fraction is taken with its probability, so that the clients together take about what is free.
	 */
	private claim(now: number, ours: number, free: number): void {
		const share = free / this.clients;
		const claimed = Math.floor(share) + (Math.random() < share % 1 ? 1 : 0);
		this.claimedAt = now;
		this.freeSeen.length = 0;
		this.shareLimit = Math.min(this.max, Math.max(this.shareLimit, ours + claimed));
	}

	/**
	 * A 429: someone else took a place we counted on. We hold one place less (the window's size is known;
	 * what is unknown is who holds which place, so each refusal costs one place, not half of them).
	 */
	throttled(now: number, inFlight: number): void {
		this.prune(now);
		this.lastOthersAt = now;
		this.clients = Math.max(2, this.clients);
		const ours = this.places.length + inFlight;
		this.freeSeen.length = 0;
		this.shareLimit = Math.max(1, Math.min(this.shareLimit, ours) - 1);
	}

	prune(now: number): void {
		let expired = 0;
		while (expired < this.places.length && this.leavesAt(this.places[expired].at) <= now) expired++;
		if (expired) this.places.splice(0, expired);
	}

	private leavesAt(countedAt: number): number {
		return (
			countedAt +
			this.intervalMs +
			Math.max(SLOT_MARGIN_MIN_MS, this.intervalMs * SLOT_MARGIN_RATIO)
		);
	}
}
