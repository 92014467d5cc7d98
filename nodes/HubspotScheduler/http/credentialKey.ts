import type { IExecuteSingleFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { credentialTypeOf } from './endpoints';

/** Where a request comes from: an item's hook, a dropdown or a polling trigger (neither has an item). */
export type HubspotContext = IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The key of the credential's budgets (rate limiter, search spacing): one HubSpot account = one credential. */
export function limiterKeyOf(context: HubspotContext): string {
	const type = credentialTypeOf(context);
	const id =
		context.getNode().credentials?.[type]?.id ??
		`${context.getWorkflow().id}/${context.getNode().name}`;
	return `${type}:${id}`;
}
