import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	PostReceiveAction,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { creationKey, recallCreated, rememberCreated } from './createdOnce';
import { hubspotApiError, readHttpFailure, type HttpFailure, type RequestPurpose } from './errors';
import { ItemWait, rateLimiterFor, readRateLimitHeaders, retryAfterMs, type RateLimiter } from './rateLimit';

export const DEFAULT_BASE_URL = 'https://api.hubapi.com';

/** Names of the credential types: OAuth2 app, and service key / private-app token. */
export const APP_CREDENTIAL_TYPE = 'hubspotSchedulerOAuth2Api';
export const SERVICE_CREDENTIAL_TYPE = 'hubspotSchedulerTokenApi';

/** The credential type behind the node's "Authentication" selector (in a run or in a dropdown). */
export function credentialTypeOf(context: Pick<IExecuteSingleFunctions, 'getNodeParameter'>): string {
	return context.getNodeParameter('authentication', 'oAuth2') === 'accessToken'
		? SERVICE_CREDENTIAL_TYPE
		: APP_CREDENTIAL_TYPE;
}

/** One HubSpot account = one credential: requests made with it share one rate budget. */
function limiterOf(context: IExecuteSingleFunctions): RateLimiter {
	const type = credentialTypeOf(context);
	const id = context.getNode().credentials?.[type]?.id ?? `${context.getWorkflow().id}/${context.getNode().name}`;
	return rateLimiterFor(`${type}:${id}`);
}

/** Creates and bookings: HubSpot may have acted on a request whose answer was lost, and acting twice duplicates. */
function createsSomething(purpose: RequestPurpose): boolean {
	return purpose === 'createMeeting' || purpose === 'bookMeeting';
}

/** Only reads are sent again after a 5xx or a lost connection; a write's outcome is unknown then. */
function isRead(purpose: RequestPurpose): boolean {
	return purpose === 'read' || purpose === 'lookUpOwners';
}

/** 429s retried per item, and the longest an item waits for them in all, before it is reported. */
const MAX_RATE_LIMIT_RETRIES = 8;
const MAX_RATE_LIMIT_WAIT_MS = 3 * 60 * 1000;
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
): RetryDecision {
	const { statusCode, body, headers, networkCode } = failure;
	if (statusCode === 429) {
		if (body?.policyName === 'DAILY') return { retry: false };
		const window = readRateLimitHeaders(headers);
		limiter.observe(window);
		const retryAfter = retryAfterMs(headers);
		const waitMs = retryAfter ?? backoffMs(attempt.rateLimited, limiter.window.intervalMs);
		// HubSpot's Retry-After is the wait; without it, a window reported as used up holds back every
		// request of this credential until it rolls on, not just this one.
		if (retryAfter !== undefined) limiter.pauseFor(retryAfter);
		else if (window.remaining === undefined || window.remaining <= 0) limiter.throttled(waitMs);
		if (attempt.rateLimited >= MAX_RATE_LIMIT_RETRIES || attempt.waitedMs + waitMs > MAX_RATE_LIMIT_WAIT_MS) {
			return {
				retry: false,
				reason: `HubSpot kept answering 429 (rate limit) for this item: ${attempt.rateLimited + 1} tries over ${Math.round(attempt.waitedMs / 1000)} s. Nothing was created for it. Run it again later, or run fewer workflows with this HubSpot account at the same time.`,
			};
		}
		return { retry: true, waitMs };
	}
	// Connection refused: the request never left, so even a create is safe to send again.
	const neverSent = networkCode === 'ECONNREFUSED';
	const transient = (statusCode !== undefined && statusCode >= 500) || (statusCode === undefined && networkCode !== undefined);
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
async function sendPaced<T>(
	context: IExecuteSingleFunctions,
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
			const failure = readHttpFailure(error);
			attempt.waitedMs = wait.waitedMs;
			const decision = decideRetry(failure, purpose, attempt, limiter);
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

/**
 * A request a hook makes itself (owner look-up): same credential, base URL, pacing and error
 * translation as the routed request.
 */
export async function hubspotRequest<T>(
	context: IExecuteSingleFunctions,
	baseURL: string,
	options: Omit<IHttpRequestOptions, 'baseURL'>,
	purpose: RequestPurpose,
): Promise<T> {
	const limiter = limiterOf(context);
	const response = await sendPaced(
		context,
		purpose,
		async () =>
			(await context.helpers.httpRequestWithAuthentication.call(context, credentialTypeOf(context), {
				...options,
				baseURL,
				json: true,
				returnFullResponse: true,
			})) as IN8nHttpFullResponse,
		(error, reason) => hubspotApiError(context.getNode(), error, context.getItemIndex(), purpose, undefined, reason),
	);
	limiter.observe(readRateLimitHeaders(response.headers as Record<string, unknown>));
	return response.body as T;
}

/** Reads the rate-limit headers of every routed answer before the operation's own postReceive steps. */
const observeRateLimit: PostReceiveAction = async function (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	limiterOf(this).observe(readRateLimitHeaders(response.headers as Record<string, unknown>));
	return items;
};

/**
 * Sends a routed request (RoutingNode's `makeRoutingRequest`, which keeps n8n's authentication and
 * OAuth2 refresh on 401) through `sendPaced`. `options` replaces the request options for one call, for
 * operations that page.
 */
export async function sendRoutedRequest(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	purpose: RequestPurpose,
	options: DeclarativeRestApiSettings.HttpRequestOptions = requestData.options,
): Promise<INodeExecutionData[]> {
	// makeRoutingRequest runs the postReceive steps of the `requestData` RoutingNode built, so the
	// header reader is added to that object once.
	if (!requestData.postReceive.some((step) => step.actions.includes(observeRateLimit))) {
		requestData.postReceive.unshift({ data: { parameterValue: undefined }, actions: [observeRateLimit] });
	}
	const itemIndex = context.getItemIndex();
	// Only n8n's Retry On Fail runs a node's items again within one execution: remember creations then.
	const key = createsSomething(purpose) && context.getNode().retryOnFail === true
		? creationKey({
				executionId: context.getExecutionId(),
				nodeName: context.getNode().name,
				itemIndex,
				request: { url: options.url, qs: options.qs, body: options.body },
			})
		: undefined;
	const earlier = recallCreated(key);
	if (earlier) return earlier;

	const organizer = (options.qs as IDataObject | undefined)?.organizerUserId;
	const items = await sendPaced(
		context,
		purpose,
		async () => await context.makeRoutingRequest({ ...requestData, options }),
		(error, reason) =>
			error instanceof NodeApiError && error.context?.hubspot
				? error // already translated (thrown by a postReceive step that made its own request)
				: hubspotApiError(context.getNode(), error, itemIndex, purpose, organizer === undefined ? undefined : String(organizer), reason),
	);
	rememberCreated(key, items);
	return items;
}

/**
 * The `operations.pagination` function of single-request operations. RoutingNode lets a node take over
 * the sending of a request only through `requestOperations.pagination` (it receives the built request
 * and `makeRoutingRequest`), so every operation sets `send.paginate: true` and sends through this.
 */
export function sendAs(purpose: RequestPurpose) {
	return async function sendRequest(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		return await sendRoutedRequest(this, requestData, purpose);
	};
}
