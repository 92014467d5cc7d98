import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { getCredentialAllowedDomains } from 'n8n-workflow';

import {
	baseUrlOf,
	credentialTypeOf,
	DEFAULT_BASE_URL,
	runFactsOf,
	type ApiTarget,
} from './endpoints';

/**
 * The node's requestDefaults name HubSpot's address as a constant: as an expression over the credential,
 * RoutingNode evaluated it twice for every item (once for the request, once to check whose address it is),
 * the largest per-item cost the node itself added to a run. The credential's Base URL (emulator, sandbox)
 * is applied here instead, before any hook of the item reads `requestOptions.baseURL`: read from the
 * credential once per run, then the same for every item — as RoutingNode's `$credentials` was (it reads the
 * credential once per run too).
 */

/**
 * `restricted`: RoutingNode set n8n's allowlist of a credential restricted to specific domains, which adds the
 * node's own host (`getCredentialAllowedDomains`). It computed it for the constant address, so it is computed
 * again for the credential's, with the same arguments as before. n8n versions without the function set none.
 */
async function apiTargetOf(
	context: IExecuteSingleFunctions,
	restricted: boolean,
): Promise<ApiTarget> {
	const credentials = await context.getCredentials(credentialTypeOf(context));
	const baseURL = baseUrlOf(credentials);
	if (
		!restricted ||
		baseURL === DEFAULT_BASE_URL ||
		typeof getCredentialAllowedDomains !== 'function'
	) {
		return { baseURL };
	}
	const allowedDomains = getCredentialAllowedDomains({
		node: context.getNode(),
		credentialData: credentials,
		credentialOwnedSurface: true,
		nodeEndpointUrl: baseURL,
	});
	return { baseURL, allowedDomains };
}

/** Points the item's request at the credential's Base URL. */
export async function withCredentialBaseUrl(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const restricted = requestOptions.allowedDomains !== undefined;
	const facts = runFactsOf(context);
	let target = facts?.apiTarget;
	if (!target) {
		const read = apiTargetOf(context, restricted);
		if (facts) {
			facts.apiTarget = read;
			// A failed read is not kept: a new try of the node reads again.
			read.catch(() => {
				if (facts.apiTarget === read) facts.apiTarget = undefined;
			});
		}
		target = read;
	}
	const { baseURL, allowedDomains } = await target;
	requestOptions.baseURL = baseURL;
	if (restricted && allowedDomains !== undefined) requestOptions.allowedDomains = allowedDomains;
	return requestOptions;
}
