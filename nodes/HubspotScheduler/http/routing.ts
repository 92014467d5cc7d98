import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyRouting,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { throughRoutingNode } from '../input/errors';
import type { ItemInput } from '../input/item';
import { checkEveryItemFirst, isHeldBack } from './checkGate';
import { withCredentialBaseUrl } from './credentialBaseUrl';
import { creationKey, recallCreated, rememberCreated, rememberUnknownOutcome } from './createdOnce';
import {
	answerWithoutRecord,
	hubspotApiError,
	isUnknownOutcome,
	type RequestPurpose,
} from './hubspotErrors';
import { collectPages, pageOf, type ListPage } from './pagination';
import { presetAnswerOf } from './presetAnswer';
import { addRefusalHint, type RefusalHint } from './refusalHints';
import { readRateLimitHeaders } from './rateLimit';
import { ItemWait } from './itemWait';
import { createsSomething, limiterOf, sendPaced } from './request';
import { searchTurn } from './searchBudget';

/**
 * The send path of every operation: `pacedRouting` returns the operation's whole `routing`.
 *
 * RoutingNode builds the item's request (requestDefaults, the operation's `request`, the preSend hooks)
 * and then, because `send.paginate` is set, hands it to `operations.pagination` together with
 * `this.makeRoutingRequest` instead of sending it itself (n8n-core 2.41.1,
 * dist/execution-engine/routing-node.js, `makeRequest`, lines 342–356). That function is the only hook
 * that wraps `makeRoutingRequest`, which sends through `httpRequestWithAuthentication` with RoutingNode's
 * credential, timeout and proxy (so n8n's OAuth2 refresh on 401 keeps working) and runs the
 * operation's postReceive steps. So every operation "paginates", and the pagination function is where
 * the node paces, retries, remembers creations and translates errors — or follows HubSpot's cursor.
 */

/** HubSpot's cursor paging (`paging.next.after`) over a list operation. */
export interface CursorPaging {
	/** Where a page's records are; default 'results'. */
	rootProperty?: string;
	/** Records per request; default 100. */
	pageSize?: number;
	/** Obey the operation's "Return All" and "Limit" parameters. */
	limitFromParameters?: boolean;
	/**
	 * CRM search: the cursor and page size go in the body (`after`, `limit`), each try waits for a slot
	 * of the account's search limit (searchBudget.ts), and no read goes past HubSpot's result cap.
	 */
	search?: { resultCap: number };
	/** Turns the records read into the operation's output (e.g. Simplify). */
	output?: (this: IExecuteSingleFunctions, records: IDataObject[]) => IDataObject[];
}

export interface PacedRoute<Checked = unknown> {
	method: IHttpRequestMethods;
	/** A path or an expression. Left out only where a preSend builds it from input it checked first (`prepare`). */
	url?: string;
	/**
	 * The item's checks (`check<Op>`), for operations that write: every item of the run is checked before any
	 * item's request is sent (checkGate.ts), and without continue-on-fail one invalid item holds back all.
	 */
	check?: (input: ItemInput) => Checked;
	/** Writes the checked input into the request, once every item is checked; may make requests of its own. */
	prepare?: (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
		checked: Checked,
	) => Promise<IHttpRequestOptions>;
	/** Hooks after `check` and `prepare` (or, without them, the item's own checks). */
	preSend?: PreSendAction[];
	postReceive?: PostReceiveAction[];
	/** Read every page of a cursor-paged list; without it, one request. */
	pagination?: CursorPaging;
	/** What this operation's 4xx refusals mean for the user's input. */
	refusalHints?: RefusalHint[];
}

/** An operation's `routing`: its request, its hooks, and the paced send described above. */
export function pacedRouting<Checked>(
	purpose: RequestPurpose,
	route: PacedRoute<Checked>,
): INodePropertyRouting {
	const { method, url, check, prepare, postReceive, pagination, refusalHints } = route;
	// The first step points the request at the credential's Base URL (credentialBaseUrl.ts); checkEveryItemFirst
	// does so once the item may be sent.
	const preSend = [
		check ? checkEveryItemFirst(check, prepare) : credentialBaseUrlStep,
		...(route.preSend ?? []),
	].map(failingAsTheyAre);
	const send = pagination
		? sendPages(purpose, pagination)
		: async function sendOnce(
				this: IExecutePaginationFunctions,
				requestData: DeclarativeRestApiSettings.ResultOptions,
			) {
				try {
					return await sendRoutedRequest(this, requestData, purpose);
				} catch (error) {
					throw refusalHints && error instanceof NodeApiError
						? addRefusalHint(error, refusalHints)
						: error;
				}
			};
	return {
		request: url === undefined ? { method } : { method, url },
		send: { preSend, paginate: true },
		operations: { pagination: failingAsTheyAre(send) },
		...(postReceive ? { output: { postReceive } } : {}),
	};
}

const credentialBaseUrlStep: PreSendAction = async function (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	return await withCredentialBaseUrl(this, requestOptions);
};

/**
 * A hook RoutingNode runs for an item (a preSend step, the send function) whose errors reach the user as
 * they are: an operation error stays one instead of becoming RoutingNode's NodeApiError with httpCode
 * 'none' (input/errors.ts, `RoutedOperationError`).
 */
function failingAsTheyAre<This extends IExecuteSingleFunctions, Args extends unknown[], Result>(
	hook: (this: This, ...args: Args) => Promise<Result>,
): (this: This, ...args: Args) => Promise<Result> {
	return async function (this: This, ...args: Args): Promise<Result> {
		try {
			return await hook.apply(this, args);
		} catch (error) {
			throw throughRoutingNode(this, error);
		}
	};
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
 * A create or booking answered 2xx without the record (an empty body, a text, a page): not a success, but an
 * unknown outcome. Runs before the operation's own postReceive steps, on HubSpot's answer as it came.
 */
function requireCreatedRecord(purpose: RequestPurpose, recordKey: string): PostReceiveAction {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	) {
		const body = response.body as IDataObject | undefined;
		const record =
			body && typeof body === 'object' && !Array.isArray(body) ? body[recordKey] : undefined;
		if (record === undefined || record === null || record === '') {
			throw answerWithoutRecord(this.getNode(), this.getItemIndex(), purpose, response);
		}
		return items;
	};
}

/** What a create's or a booking's answer names the new record by. */
const answerChecks: Partial<Record<RequestPurpose, PostReceiveAction>> = {
	createMeeting: requireCreatedRecord('createMeeting', 'id'),
	bookMeeting: requireCreatedRecord('bookMeeting', 'calendarEventId'),
};

/**
 * A search waits for the account's search slot once its burst-window slot is taken, right before it
 * leaves (every try, retries too): waiting earlier would let requests queued behind the limiter bunch up.
 * Stop ends the wait.
 */
async function waitForSearchSlot(context: IExecutePaginationFunctions): Promise<void> {
	await searchTurn(context, new ItemWait(context));
}

/**
 * Sends the built request through `makeRoutingRequest`, paced (request.ts). `options` replaces the
 * request options for one call, for operations that page; `beforeSend` runs before every try.
 */
async function sendRoutedRequest(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	purpose: RequestPurpose,
	options: DeclarativeRestApiSettings.HttpRequestOptions = requestData.options,
	beforeSend?: (context: IExecutePaginationFunctions) => Promise<void>,
): Promise<INodeExecutionData[]> {
	// makeRoutingRequest runs the postReceive steps of the `requestData` RoutingNode built, so the
	// header reader is added to that object once.
	if (!requestData.postReceive.some((step) => step.actions.includes(observeRateLimit))) {
		const answerCheck = answerChecks[purpose];
		requestData.postReceive.unshift({
			data: { parameterValue: undefined },
			actions: answerCheck ? [observeRateLimit, answerCheck] : [observeRateLimit],
		});
	}
	// Another item of the run is invalid: nothing is sent for this one (checkGate.ts); the node fails with that item's error.
	if (isHeldBack(options)) return [];
	// A hook already has this item's answer (presetAnswer.ts): nothing is sent.
	const preset = presetAnswerOf(options);
	if (preset) return preset;
	const itemIndex = context.getItemIndex();
	// Only n8n's Retry On Fail runs a node's items again within one execution: remember creations then.
	const key =
		createsSomething(purpose) && context.getNode().retryOnFail === true
			? creationKey({
					executionId: context.getExecutionId(),
					nodeName: context.getNode().name,
					itemIndex,
					request: { url: options.url, qs: options.qs, body: options.body },
				})
			: undefined;
	const earlier = recallCreated(key); // throws again what an earlier try could not know the outcome of
	if (earlier) return earlier;

	const organizer = (options.qs as IDataObject | undefined)?.organizerUserId;
	const items = await sendPaced(
		context,
		purpose,
		async () => {
			if (beforeSend) await beforeSend(context);
			return await context.makeRoutingRequest({ ...requestData, options });
		},
		(error, reason) => {
			const translated =
				error instanceof NodeApiError && error.context?.hubspot
					? error // already translated (thrown by a postReceive step)
					: hubspotApiError(
							context.getNode(),
							error,
							itemIndex,
							purpose,
							organizer === undefined ? undefined : String(organizer),
							reason,
						);
			if (isUnknownOutcome(translated)) rememberUnknownOutcome(key, translated);
			return translated;
		},
	);
	rememberCreated(key, items);
	return items;
}

/**
 * Follows the cursor (pagination.ts) with one paced request per page. The operation has no postReceive
 * of its own: each page comes back as one item holding HubSpot's whole body, so the cursor stays readable.
 */
function sendPages(purpose: RequestPurpose, paging: CursorPaging) {
	const {
		rootProperty = 'results',
		pageSize = 100,
		limitFromParameters = false,
		search,
		output,
	} = paging;
	return async function sendPages(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		let wanted = Number.POSITIVE_INFINITY;
		if (limitFromParameters && !(this.getNodeParameter('returnAll', false) as boolean)) {
			wanted = Math.max(1, Number(this.getNodeParameter('limit', 50)) || 50);
		}
		if (search) wanted = Math.min(wanted, search.resultCap);
		const qs = { ...((requestData.options.qs as IDataObject | undefined) ?? {}) };
		const body = { ...((requestData.options.body as IDataObject | undefined) ?? {}) };
		const records = await collectPages<IDataObject>(
			async (after, limit) => {
				const page = search
					? { body: { ...body, limit, after: after ?? '0' } } // HubSpot's SDK starts at "0"
					: { qs: { ...qs, limit, ...(after ? { after } : {}) } };
				const beforeSend = search ? waitForSearchSlot : undefined;
				const items = await sendRoutedRequest(
					this,
					requestData,
					purpose,
					{ ...requestData.options, ...page },
					beforeSend,
				);
				return pageOf<IDataObject>(items[0]?.json as ListPage | undefined, rootProperty);
			},
			pageSize,
			wanted,
		);
		return (output ? output.call(this, records) : records).map((json) => ({ json }));
	};
}
