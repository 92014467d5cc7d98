import type { IDataObject, IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	mayHaveActed,
	readAnswer,
	readHttpFailure,
	type HttpFailure,
	type HubspotErrorBody,
} from './httpFailure';

export { readHttpFailure, type HttpFailure, type HubspotErrorBody } from './httpFailure';

/**
 * HubSpot's failures as errors a workflow builder can act on: HubSpot's reason, the item n8n shows in
 * the error panel, and (in the description) what to do. Bad input never gets here: see input/errors.ts.
 */

/** What the request that failed was for, so the hint can be specific. */
export type RequestPurpose = 'createMeeting' | 'bookMeeting' | 'lookUpOwners' | 'read' | 'change';

const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was closed before HubSpot answered',
	ECONNABORTED: 'no answer within the timeout',
	ETIMEDOUT: 'no answer within the timeout',
	ESOCKETTIMEDOUT: 'no answer within the timeout',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
};

/** Scopes HubSpot says are missing, wherever in the body it put them. */
export function missingScopes(body: HubspotErrorBody | undefined): string[] {
	if (!body) return [];
	const found = new Set<string>();
	const collect = (context: Record<string, unknown> | undefined) => {
		for (const key of ['missingScopes', 'requiredGranularScopes', 'requiredScopes']) {
			const value = context?.[key];
			if (Array.isArray(value)) value.forEach((scope) => found.add(String(scope)));
		}
	};
	collect(body.context);
	body.errors?.forEach((detail) => collect(detail.context));
	return [...found];
}

/** HubSpot's message and field details as one text, for matching what it complained about. */
export function whatHubspotSaid(body: HubspotErrorBody | undefined): string {
	return `${body?.message ?? ''} ${(body?.errors ?? []).map((e) => `${e.in ?? ''} ${e.message ?? ''}`).join(' ')}`;
}

/** Creates and bookings: HubSpot may have acted on a request whose answer was lost, and acting twice duplicates. */
export function createsSomething(purpose: RequestPurpose): boolean {
	return purpose === 'createMeeting' || purpose === 'bookMeeting';
}

/** What it means for the user when HubSpot may have acted on a write whose answer did not come; none for a read. */
export function unknownOutcomeHint(purpose: RequestPurpose): string | undefined {
	if (createsSomething(purpose)) {
		return "the meeting may or may not have been created. Check the organizer's calendar (or the CRM's meetings) before running this item again; it was not retried, to avoid a duplicate.";
	}
	return purpose === 'change'
		? 'the change may or may not have been applied. Get the meeting to check before running this item again; it was not retried.'
		: undefined;
}

/** What certainly did not happen for an item whose request HubSpot did not act on. */
function nothingDone(purpose: RequestPurpose): string {
	if (purpose === 'change') return 'Nothing was changed for this item.';
	return purpose === 'read'
		? 'Nothing was sent for this item.'
		: 'Nothing was created for this item.';
}

function hintFor(failure: HttpFailure, purpose: RequestPurpose, organizerUserId?: string): string {
	const { statusCode, body } = failure;
	const category = body?.category ?? body?.errorType ?? '';
	const text = whatHubspotSaid(body);

	if (category === 'MISSING_SCOPES' || (statusCode === 403 && missingScopes(body).length)) {
		const scopes = missingScopes(body);
		const orOwner =
			purpose === 'lookUpOwners'
				? " Or fill in Owner ID, so the node does not need to look up the organizer's owner record."
				: '';
		return (
			(scopes.length
				? `Add one of these scopes to your HubSpot app (or service key), then reconnect the credential: ${scopes.join(', ')}. On the OAuth2 credential, add it to "Scope" too.`
				: 'The credential lacks a scope this call needs. Check the scopes of your HubSpot app or service key against the README, then reconnect the credential.') +
			orOwner
		);
	}
	if (
		/^BAD_(REFRESH_TOKEN|CLIENT_ID|CLIENT_SECRET|GRANT_TYPE|AUTH_CODE)$/.test(body?.status ?? '')
	) {
		return `HubSpot refused to renew the OAuth2 access token. Open the credential and reconnect it (Connect my account); if that fails, check the client ID and secret against your HubSpot app. ${nothingDone(purpose)}`;
	}
	if (statusCode === 401) {
		return 'HubSpot did not accept the credential. For OAuth2, reconnect the credential; for a service key or private-app token, paste a current token.';
	}
	if (statusCode === 429) {
		return body?.policyName === 'DAILY'
			? "The HubSpot account's daily API limit is used up, so this item was not retried. The limit resets at midnight in the HubSpot account's timezone; run the item again after that."
			: 'HubSpot limits requests per rolling 10 seconds; the node paces itself and retried this item. Run fewer workflows with this HubSpot account at the same time.';
	}
	const unknownOutcome = unknownOutcomeHint(purpose);
	if (statusCode === 503 && unknownOutcome) {
		return `HubSpot was temporarily unavailable and did not take the request. ${nothingDone(purpose)} Run it again in a moment.`;
	}
	if (statusCode !== undefined && statusCode >= 500) {
		return unknownOutcome
			? `HubSpot failed while handling the request, so ${unknownOutcome}`
			: 'HubSpot had a temporary problem and did not recover after a few retries. Run the node again in a moment.';
	}
	if (/organizer/i.test(text)) {
		return `The Organizer must be a HubSpot user ID (the "userId" of an owner), not an owner ID${organizerUserId ? `; ${organizerUserId} is not a user in this account` : ''}. Both come from Settings → Users, or from the owners API: use "userId" for the Organizer and "id" for Owner and Attendees.`;
	}
	if (/hubspot_owner_id|owner/i.test(text)) {
		return 'Owner and Attendees take HubSpot owner IDs (the "id" of an owner), which differ from user IDs. Leave Owner empty to use the organizer\'s own owner record.';
	}
	if (/association/i.test(text)) {
		return 'Check the association rows: each record ID must exist in HubSpot, and a custom label needs the association type ID of a meeting → object label.';
	}
	if (statusCode === 404) {
		return 'HubSpot could not find what was asked for. Check the IDs, and that the API version is still supported.';
	}
	return "Check the field named in HubSpot's message; the README lists what each field accepts.";
}

/** How the failed renewal of an expired OAuth2 access token reads: HubSpot refused the request before acting on it. */
function tokenRenewalError(
	node: INode,
	failure: HttpFailure,
	itemIndex: number | undefined,
	purpose: RequestPurpose,
	ofItem: string,
): NodeApiError | undefined {
	const { statusCode, body, networkCode, reconnect } = failure;
	const notActed = `HubSpot refused the expired access token (401) before doing anything, and n8n could not renew it. ${nothingDone(purpose)}`;
	if (reconnect) {
		// n8n's own wording, whatever n8n version threw it.
		const credential = Object.values(node.credentials ?? {})[0]?.name;
		const message =
			reconnect.message ??
			`The credential ${credential ? `"${credential}"` : 'of this node'} needs to be reconnected.`;
		return new NodeApiError(node, { message } as JsonObject, {
			itemIndex,
			message: `${message}${ofItem}`,
			description: `${notActed} The connected HubSpot account revoked access, the refresh token expired, or the app's scopes changed. Open the credential and reconnect it (Connect my account), then run the node again.`,
		});
	}
	if (/^BAD_/.test(body?.status ?? '')) return undefined; // HubSpot's own refusal: its message and hint below
	const what =
		statusCode !== undefined
			? `HubSpot's token endpoint answered ${statusCode}${body?.message ? ` ${body.message}` : ''}`
			: ((networkCode && NETWORK_FAILURES[networkCode]) ?? 'no answer');
	return new NodeApiError(node, { message: what } as JsonObject, {
		itemIndex,
		message: `Could not renew the OAuth2 access token: ${what}${ofItem}`,
		description: `${notActed} This is usually temporary: run the node again in a moment. If it keeps failing, open the credential and reconnect it.`,
	});
}

/**
 * Turns a failed HubSpot request into an error the user can act on, without any secret in it.
 * `itemIndex` is undefined for a dropdown, which has no item (and shows only the message).
 */
export function hubspotApiError(
	node: INode,
	error: unknown,
	itemIndex: number | undefined,
	purpose: RequestPurpose,
	organizerUserId?: string,
	/** Replaces the usual hint, e.g. why retrying stopped. */
	reason?: string,
): NodeApiError {
	const failure = readHttpFailure(error);
	const { statusCode, body, page, networkCode } = failure;
	const ofItem = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;

	const renewal = failure.tokenRenewal
		? tokenRenewalError(node, failure, itemIndex, purpose, ofItem)
		: undefined;
	if (renewal) return marked(renewal, { statusCode, mayHaveActed: false });

	const unknownOutcome = mayHaveActed(failure) ? unknownOutcomeHint(purpose) : undefined;
	if (statusCode === undefined) {
		// In words, not as the code: n8n replaces a message that contains ECONNREFUSED & co. with its own text.
		const what = (networkCode && NETWORK_FAILURES[networkCode]) ?? 'no answer';
		const apiError = new NodeApiError(node, { message: what } as JsonObject, {
			itemIndex,
			message: `Could not reach HubSpot: ${what}${ofItem}`,
			description: [
				unknownOutcome
					? `The connection failed after the request may have been sent, so ${unknownOutcome}`
					: 'Check the network connection and the Base URL of the credential, then run the node again.',
				networkCode ? `Error code: ${networkCode.toLowerCase()}` : undefined,
			]
				.filter(Boolean)
				.join('\n'),
		});
		return marked(apiError, { mayHaveActed: unknownOutcome !== undefined });
	}

	const said = body?.message ?? `HTTP ${statusCode}`;
	const details = [
		body?.category ? `Category: ${body.category}` : undefined,
		body?.subCategory ? `Sub-category: ${body.subCategory}` : undefined,
		body?.policyName ? `Policy: ${body.policyName}` : undefined,
		body?.correlationId ? `Correlation ID: ${body.correlationId}` : undefined,
	].filter(Boolean);
	const fieldErrors = (body?.errors ?? [])
		.map((detail) => [detail.in, detail.message].filter(Boolean).join(': '))
		.filter(Boolean);
	const description = [
		reason ?? hintFor(failure, purpose, organizerUserId),
		fieldErrors.length ? `HubSpot's details: ${fieldErrors.join('; ')}` : undefined,
		details.join(' · ') || undefined,
		page && page !== said ? `HubSpot's answer (not JSON): ${page}` : undefined,
	]
		.filter(Boolean)
		.join('\n');

	const apiError = new NodeApiError(node, { ...(page ? {} : body), message: said } as JsonObject, {
		itemIndex,
		message: `HubSpot answered ${statusCode}: ${said}${ofItem}`,
		description,
		httpCode: String(statusCode),
	});
	// Like n8n's own API errors: HubSpot's body in context.data (it holds no credential); a page stays out.
	if (body && !page) apiError.context.data = body as IDataObject;
	return marked(apiError, {
		statusCode,
		category: body?.category,
		correlationId: body?.correlationId,
		missingScopes: missingScopes(body),
		mayHaveActed: unknownOutcome !== undefined,
	});
}

/** What routing.ts and createdOnce.ts read back from a translated error: `mayHaveActed` marks an unknown outcome. */
function marked(apiError: NodeApiError, facts: IDataObject): NodeApiError {
	apiError.context.hubspot = facts;
	return apiError;
}

/** Whether a translated error reports a write whose outcome is unknown (HubSpot may have acted). */
export function isUnknownOutcome(error: unknown): boolean {
	return (
		error instanceof NodeApiError &&
		(error.context?.hubspot as IDataObject | undefined)?.mayHaveActed === true
	);
}

/**
 * A create or booking answered without the record it made (an empty body, a text, a page): HubSpot may have
 * made it, so the item fails with an unknown outcome instead of passing on a "success" without an id.
 */
export function answerWithoutRecord(
	node: INode,
	itemIndex: number,
	purpose: RequestPurpose,
	response: IN8nHttpFullResponse,
): NodeApiError {
	const { body, page } = readAnswer(response.body, response.statusCode);
	const got =
		page !== undefined
			? `a text instead ("${page.slice(0, 120)}")`
			: body
				? 'JSON without it'
				: 'an empty body';
	const record = purpose === 'bookMeeting' ? 'booking (calendarEventId)' : 'meeting ID';
	const apiError = new NodeApiError(node, { message: `no ${record}` } as JsonObject, {
		itemIndex,
		message: `HubSpot's answer has no ${record} [item ${itemIndex}]`,
		description: `HubSpot answered ${response.statusCode} with ${got}, so ${unknownOutcomeHint(purpose) ?? ''}`,
		httpCode: String(response.statusCode),
	});
	return marked(apiError, { statusCode: response.statusCode, mayHaveActed: true });
}
