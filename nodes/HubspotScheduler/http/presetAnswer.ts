import type { IDataObject, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

/**
 * An item whose answer a hook already has (e.g. Create's "Return Existing" found the meeting): the hook
 * marks the built request with the items to output, and the send path returns them without sending.
 */

const PRESET_ANSWER = Symbol('hubspotScheduler.presetAnswer');

export function answerWithoutSending(
	requestOptions: IHttpRequestOptions,
	items: INodeExecutionData[],
): IHttpRequestOptions {
	(requestOptions as unknown as Record<symbol, INodeExecutionData[]>)[PRESET_ANSWER] = items;
	return requestOptions;
}

export function presetAnswerOf(
	requestOptions: IHttpRequestOptions | IDataObject,
): INodeExecutionData[] | undefined {
	return (requestOptions as unknown as Record<symbol, INodeExecutionData[] | undefined>)[
		PRESET_ANSWER
	];
}
