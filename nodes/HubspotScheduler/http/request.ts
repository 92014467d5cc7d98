import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { baseUrlOf, credentialTypeOf, limiterKeyOf, type HubspotContext } from './endpoints';
import {
	createsSomething,
	hubspotApiError,
	readHttpFailure,
	unknownOutcomeHint,
	type HttpFailure,
	type RequestPurpose,
} from './hubspotErrors';
import { ItemWait, MAX_ITEM_WAIT_MS } from './itemWait';
import { rateLimiterFor, readRateLimitHeaders, retryAfterMs, type RateLimiter } from './rateLimit';
import { isSearchRequest, searchRateLimited, searchTurn } from './searchBudget';

export { createsSomething, limiterKeyOf, type HubspotContext };

/**
 * How every HubSpot call of this node is sent: paced by the credential's rate limiter, retried where
 * that is safe, failures translated. `sendPaced` serves both ways of calling HubSpot: the operation's
 * own request (routing.ts) and the requests hooks and pickers make themselves (`hubspotRequest`).
 */

/** One HubSpot account = one credential: requests made with it share one rate budget. */
export function limiterOf(context: HubspotContext): RateLimiter {
	return rateLimiterFor(limiterKeyOf(context));
}

/** Only reads are sent again after a 5xx or a lost connection; a write's outcome is unknown then. */
function isRead(purpose: RequestPurpose): boolean {
	return purpose === 'read' || purpose === 'lookUpOwners';
}

/** 429s retried per item before it is reported (and at most MAX_ITEM_WAIT_MS of waiting for them in all). */
const MAX_RATE_LIMIT_RETRIES = 8;
/** Reads retried on a 5xx or a network error. */
const MAX_READ_RETRIES = 3;

/** Exponential backoff with jitter, so retries of many items do not arrive together. */
function backoffMs(attempt: number, capMs: number): number {
	return Math.min(capMs, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
}

type RetryDecision = { retry: true; waitMs: number } | { retry: false; reason?: string };

/** Whether an item's failed request is sent again, and after how long. */
function decideRetry(
	failure: HttpFailure,
	purpose: RequestPurpose,
	attempt: { rateLimited: number; failed: number; waitedMs: number },
	limiter: RateLimiter,
	context: HubspotContext,
): RetryDecision {
	const { statusCode, body, headers, networkCode } = failure;
	if (statusCode === 429) {
		if (body?.policyName === 'DAILY') return { retry: false };
		// CRM search's own per-second limit: this credential's searches slow down (searchBudget.ts).
		if (body?.policyName === 'SECONDLY') searchRateLimited(context);
		const window = readRateLimitHeaders(headers);
		limiter.observe(window);
		const retryAfter = retryAfterMs(headers);
		const waitMs = retryAfter ?? backoffMs(attempt.rateLimited, limiter.window.intervalMs);
		// HubSpot's Retry-After is the wait; without it, a window reported as used up holds back every
		// request of this credential until it rolls on, not just this one.
		if (retryAfter !== undefined) limiter.pauseFor(retryAfter);
		else if (window.remaining === undefined || window.remaining <= 0) limiter.throttled(waitMs);
		if (
			attempt.rateLimited >= MAX_RATE_LIMIT_RETRIES ||
			attempt.waitedMs + waitMs > MAX_ITEM_WAIT_MS
		) {
			return {
				retry: false,
				reason: `HubSpot kept answering 429 (rate limit) for this item: ${attempt.rateLimited + 1} tries over ${Math.round(attempt.waitedMs / 1000)} s. Nothing was created for it. Run it again later, or run fewer workflows with this HubSpot account at the same time.`,
			};
		}
		return { retry: true, waitMs };
	}
	// Connection refused: the request never left, so even a create is safe to send again.
	const neverSent = networkCode === 'ECONNREFUSED';
	const transient =
		(statusCode !== undefined && statusCode >= 500) ||
		(statusCode === undefined && networkCode !== undefined);
	if ((neverSent || (transient && isRead(purpose))) && attempt.failed < MAX_READ_RETRIES) {
		return { retry: true, waitMs: backoffMs(attempt.failed, 5_000) };
	}
	return { retry: false };
}

/**
 * Sends one request the way every HubSpot call of this node is sent: paced by the credential's rate
 * limiter, 429s waited out and retried for this item only, reads retried on 5xx and network errors,
 * creates never retried where HubSpot may have acted, and failures turned into actionable errors.
 */
export async function sendPaced<T>(
	context: HubspotContext,
	purpose: RequestPurpose,
	send: () => Promise<T>,
	onFailure: (error: unknown, reason?: string) => Error,
): Promise<T> {
	const limiter = limiterOf(context);
	const attempt = { rateLimited: 0, failed: 0, waitedMs: 0 };
	const wait = new ItemWait(context); // Stop ends every wait; pauses and retries share one budget
	for (;;) {
		const slot = await limiter.acquire(wait);
		try {
			return await send();
		} catch (error) {
			// Stop aborted the request on its way: say so ("canceled" keeps the execution's status), and what it means.
			if (wait.stopPressed) throw wait.stoppedInFlight(unknownOutcomeHint(purpose));
			const failure = readHttpFailure(error);
			attempt.waitedMs = wait.waitedMs;
			const decision = decideRetry(failure, purpose, attempt, limiter, context);
			if (!decision.retry) throw onFailure(error, decision.reason);
			if (failure.statusCode === 429) attempt.rateLimited++;
			else attempt.failed++;
			await wait.sleep(decision.waitMs);
		} finally {
			slot.done();
			limiter.releaseProbe();
		}
	}
}

/** The item a request is made for; a dropdown has none. */
export function itemIndexOf(context: HubspotContext): number | undefined {
	return 'getItemIndex' in context ? context.getItemIndex() : undefined;
}

/**
 * A request a hook or a picker makes itself (owner look-up, dropdown lists): same credential, pacing,
 * retries and error translation as the operation's own request. `baseURL` is the one RoutingNode built
 * for the item when the caller has it; otherwise it is read from the credential.
 */
export async function hubspotRequest<T>(
	context: HubspotContext,
	options: IHttpRequestOptions,
	purpose: RequestPurpose,
): Promise<T> {
	const credentialType = credentialTypeOf(context);
	const baseURL = options.baseURL || baseUrlOf(await context.getCredentials(credentialType));
	const limiter = limiterOf(context);
	const search = isSearchRequest(options);
	const response = await sendPaced(
		context,
		purpose,
		async () => {
			// A CRM search waits for the account's search slot on every try, retries too (searchBudget.ts).
			if (search) await searchTurn(context, new ItemWait(context));
			const answer = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				credentialType,
				{ ...options, baseURL, json: true, returnFullResponse: true },
			)) as IN8nHttpFullResponse;
			// Read while the request still holds its slot: the limiter knows which requests the figure may miss.
			limiter.observe(readRateLimitHeaders(answer.headers as Record<string, unknown>));
			return answer;
		},
		(error, reason) =>
			hubspotApiError(context.getNode(), error, itemIndexOf(context), purpose, undefined, reason),
	);
	return response.body as T;
}
