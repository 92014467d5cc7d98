/**
 * The Faults scenario's fault model, on the emulator side: the emulator's own create handler wrapped so
 * that a seeded share of create requests is answered 429, 500 (before) or 504 (after creating), and
 * every meeting it really created is counted per idempotency key.
 */
import { errorBody, type Handler, type HubspotEmulator } from '../../test/emulator';
import { rateLimitedBody } from '../../test/emulator/auth';
import { CREATE_ROUTE, idempotencyKey } from './workload';

/** mulberry32: a small seeded PRNG, so a fault sequence is the same in every run. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface FaultModel {
	rate429: number;
	rate5xx: number;
	share5xxAfter: number;
	retryAfterS?: number;
	seed: number;
}

export interface FaultStats {
	injected429: number;
	injected500Before: number;
	injected504After: number;
}

/**
 * Wraps the emulator's own create handler (the one test/emulator/handlers.ts registers; it is not
 * exported, so it is taken from the emulator's handler table) with rate-based faults. Each create
 * request that passed validation, auth and the rate window draws one number r from the seeded PRNG:
 *   r < rate429                          -> 429, HubSpot's TEN_SECONDLY_ROLLING body (Retry-After only
 *                                           if --faults-retry-after-s is given), nothing created
 *   r < rate429 + rate5xx × (1 − after)  -> 500 before processing, nothing created
 *   r < rate429 + rate5xx                -> the meeting IS created, then 504 (a gateway timeout after
 *                                           the work: the case that turns a blind retry into a duplicate)
 *   otherwise                            -> the default handler
 * Retries draw again, like independent requests would.
 */
export class CreateInterceptor {
	private random: () => number = () => 1;
	private model?: FaultModel;
	stats: FaultStats = { injected429: 0, injected500Before: 0, injected504After: 0 };

	constructor(private readonly original: Handler) {}

	static install(emulator: HubspotEmulator): CreateInterceptor {
		const table = (emulator as unknown as { handlers?: Map<string, Handler> }).handlers;
		const original = table?.get(CREATE_ROUTE);
		if (typeof original !== 'function') {
			throw new Error(
				`cannot find the emulator's default handler for ${CREATE_ROUTE} (emulator internals changed?)`,
			);
		}
		const interceptor = new CreateInterceptor(original);
		emulator.handle(CREATE_ROUTE, (ctx) => interceptor.handle(ctx));
		return interceptor;
	}

	/** Sets (or clears) the fault model and restarts its random sequence. */
	reset(model?: FaultModel): void {
		this.model = model;
		this.random = prng(model?.seed ?? 1);
		this.stats = { injected429: 0, injected500Before: 0, injected504After: 0 };
		this.created.clear();
	}

	/** Meetings the default handler created, counted per idempotency key (organizer + title + start). */
	readonly created = new Map<string, number>();

	/** Calls the emulator's own create handler and counts what it created. */
	private async create(ctx: Parameters<Handler>[0]) {
		const response = await this.original(ctx);
		if (response.status === 200) {
			const body = ctx.body as { properties?: Record<string, unknown> };
			const key = idempotencyKey(
				String(ctx.query.organizerUserId),
				body.properties?.hs_meeting_title,
				body.properties?.hs_meeting_start_time,
			);
			this.created.set(key, (this.created.get(key) ?? 0) + 1);
		}
		return response;
	}

	private async handle(ctx: Parameters<Handler>[0]) {
		const m = this.model;
		if (!m) return await this.create(ctx);
		const r = this.random();
		if (r < m.rate429) {
			this.stats.injected429++;
			return {
				status: 429,
				body: rateLimitedBody(),
				headers: m.retryAfterS !== undefined ? { 'Retry-After': String(m.retryAfterS) } : undefined,
			};
		}
		const before = m.rate5xx * (1 - m.share5xxAfter);
		if (r < m.rate429 + before) {
			this.stats.injected500Before++;
			return {
				status: 500,
				body: errorBody('INTERNAL_ERROR', 'Injected fault: internal error before processing'),
			};
		}
		if (r < m.rate429 + m.rate5xx) {
			const response = await this.create(ctx);
			if (response.status !== 200) return response;
			this.stats.injected504After++;
			return {
				status: 504,
				body: errorBody('GATEWAY_TIMEOUT', 'Injected fault: gateway timeout after processing'),
			};
		}
		return await this.create(ctx);
	}
}
