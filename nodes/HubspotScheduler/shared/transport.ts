import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { hubspotApiError, type RequestPurpose } from './errors';

export const DEFAULT_BASE_URL = 'https://api.hubapi.com';

/** Names of the credential types: OAuth2 app, and service key / private-app token. */
export const APP_CREDENTIAL_TYPE = 'hubspotSchedulerOAuth2Api';
export const SERVICE_CREDENTIAL_TYPE = 'hubspotSchedulerTokenApi';

/** The credential type behind the node's "Authentication" selector. */
export function credentialTypeOf(context: IExecuteSingleFunctions): string {
	return context.getNodeParameter('authentication', 'oAuth2') === 'accessToken'
		? SERVICE_CREDENTIAL_TYPE
		: APP_CREDENTIAL_TYPE;
}

/**
 * A request a hook makes itself (owner look-up): same credential and base URL as the routed request,
 * and the same error translation.
 */
export async function hubspotRequest<T>(
	context: IExecuteSingleFunctions,
	baseURL: string,
	options: Omit<IHttpRequestOptions, 'baseURL'>,
	purpose: RequestPurpose,
): Promise<T> {
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(context, credentialTypeOf(context), {
			...options,
			baseURL,
			json: true,
		})) as T;
	} catch (error) {
		throw hubspotApiError(context.getNode(), error, context.getItemIndex(), purpose);
	}
}

/**
 * Sends a routed request and turns HubSpot's failures into actionable errors.
 *
 * RoutingNode lets a node take over the sending of a request only through `requestOperations.pagination`
 * (a function that receives the built request and `makeRoutingRequest`), so single requests are sent
 * through it too: the operation sets `send.paginate: true` and `operations.pagination` to this.
 * n8n's own OAuth2 refresh on 401 stays inside `makeRoutingRequest`.
 */
export function sendAs(purpose: RequestPurpose) {
	return async function sendRequest(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		try {
			return await this.makeRoutingRequest(requestData);
		} catch (error) {
			const organizer = (requestData.options.qs as IDataObject | undefined)?.organizerUserId;
			throw hubspotApiError(
				this.getNode(),
				error,
				this.getItemIndex(),
				purpose,
				organizer === undefined ? undefined : String(organizer),
			);
		}
	};
}
