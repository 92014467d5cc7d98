/**
 * Loads a dropdown's options the way n8n's editor backend does (packages/cli, DynamicNodeParametersService):
 *
 * - `typeOptions.loadOptionsMethod` → `getOptionsViaMethodName`: the node's `methods.loadOptions[name]`
 *   called with a real `LoadOptionsContext` for a temporary workflow holding only the node.
 * - `typeOptions.loadOptions.routing` → `getOptionsViaLoadOptions`: a copy of the node type whose only
 *   property carries that routing, run by a real `RoutingNode` with an `ExecuteContext` in mode
 *   'internal'. The editor sends `loadOptions` over HTTP as JSON, so it is round-tripped through JSON
 *   here as well: functions in it would be lost in n8n, and are lost here.
 *
 * - a resource locator's "From list" mode (`modes[].typeOptions.searchListMethod`) → `getResourceLocatorResults`
 *   (`listSearch` below): the node's `methods.listSearch[name]` called with the same `LoadOptionsContext` and
 *   the editor's search term and `paginationToken`.
 *
 * The parameters are the node's current parameters as the editor holds them; n8n's `Workflow` applies
 * the defaults. Errors are thrown exactly as n8n would throw them to the editor.
 */
import { ExecuteContext, LoadOptionsContext, RoutingNode } from 'n8n-core';
import { createEmptyRunExecutionData, UnexpectedError, Workflow } from 'n8n-workflow';
import type {
	ILoadOptions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	IWorkflowExecuteAdditionalData,
	IExecuteData,
	ITaskDataConnections,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper';
import type { CredentialSpec } from './engine';
import { loadPackage, REPO_ROOT } from './package-types';

export interface LoadOptionsRequest {
	/** The node's current parameters (as the editor saves them). */
	parameters: INodeParameters;
	/** Path of the parameter whose options are wanted, e.g. 'organizerUserId' or 'additionalFields.outcome'. */
	parameterPath: string;
	credentials?: CredentialSpec;
	/** Workflow setting `timezone`; default 'UTC'. */
	timezone?: string;
	nodeType?: string;
	packageDir?: string;
}

export interface LoadOptionsResult {
	options: INodePropertyOptions[];
	/** 'method:<name>' or 'routing' */
	via: string;
}

/** Finds a property by path through collections and fixed collections (first match per segment). */
export function findProperty(
	properties: INodeProperties[],
	parameters: INodeParameters,
	path: string,
): INodeProperties {
	const segments = path.split('.');
	let candidates: INodeProperties[] = properties;
	let found: INodeProperties | undefined;
	for (const segment of segments) {
		// Several properties may share a name (one per operation): prefer the first; callers give paths
		// that are unique for the operation under test.
		found = candidates.find(
			(property) => property.name === segment && isShown(property, parameters),
		);
		found ??= candidates.find((property) => property.name === segment);
		if (!found) throw new Error(`No parameter "${segment}" (of "${path}") in the node description`);
		const options = (found.options ?? []) as unknown[];
		candidates = options.flatMap((option) => {
			const o = option as { values?: INodeProperties[]; name?: string; type?: string };
			if (o.values)
				return [
					{ ...(o as object), type: 'collection', options: o.values } as unknown as INodeProperties,
				];
			return o.type !== undefined ? [o as INodeProperties] : [];
		});
	}
	return found!;
}

function isShown(property: INodeProperties, parameters: INodeParameters): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, allowed]) =>
		(allowed as unknown[]).includes(parameters[name] as unknown),
	);
}

function additionalDataFor(
	credentialsHelper: HarnessCredentialsHelper,
	currentNodeParameters: INodeParameters,
): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678';
	const data: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		currentNodeParameters,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		variables: {},
		executeWorkflow: async () => {
			throw new Error('executeWorkflow is not available while loading options');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
	};
	return data as IWorkflowExecuteAdditionalData;
}

/** The node type, its property at `parameterPath`, and a LoadOptionsContext as the editor backend builds it. */
async function editorContext(request: LoadOptionsRequest) {
	const pkg = await loadPackage(request.packageDir ?? REPO_ROOT);
	const typeName = request.nodeType ?? pkg.nodeTypeNames[0];
	const nodeType = pkg.nodeTypes.getByNameAndVersion(typeName) as INodeType;
	const version = Array.isArray(nodeType.description.version)
		? Math.max(...nodeType.description.version)
		: nodeType.description.version;
	const property = findProperty(
		nodeType.description.properties,
		request.parameters,
		request.parameterPath,
	);

	const credentialsHelper = new HarnessCredentialsHelper(pkg.credentialTypes);
	// As in DynamicNodeParametersService.getWorkflow: a temporary node named "Temp-Node".
	const node: INode = {
		parameters: request.parameters,
		id: 'uuid-1234',
		name: 'Temp-Node',
		type: typeName,
		typeVersion: version,
		position: [0, 0],
	};
	if (request.credentials) {
		const { type, data, id = '1', name = `${type} (test)` } = request.credentials;
		credentialsHelper.setCredentials(type, data);
		node.credentials = { [type]: { id, name } };
	}
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: pkg.nodeTypes,
		settings: { timezone: request.timezone ?? 'UTC' },
	});
	const workflowNode = workflow.nodes['Temp-Node'];
	const additionalData = additionalDataFor(credentialsHelper, request.parameters);
	return { nodeType, property, workflow, workflowNode, additionalData };
}

export interface ListSearchRequest extends LoadOptionsRequest {
	/** What the user typed into the list's search box. */
	filter?: string;
	/** The `paginationToken` of the previous answer, when the user scrolls on. */
	paginationToken?: string;
}

/** Runs a resource locator's "From list" search for the given parameters, search term and page token. */
export async function listSearch(
	request: ListSearchRequest,
): Promise<INodeListSearchResult & { via: string }> {
	const { nodeType, property, workflow, workflowNode, additionalData } =
		await editorContext(request);
	const methodName = property.modes?.find((mode) => mode.typeOptions?.searchListMethod)?.typeOptions
		?.searchListMethod;
	if (!methodName) throw new Error(`Parameter "${request.parameterPath}" has no list mode`);
	const method = nodeType.methods?.listSearch?.[methodName];
	if (typeof method !== 'function') {
		throw new UnexpectedError('Node type does not have method defined', { extra: { methodName } });
	}
	const context = new LoadOptionsContext(
		workflow,
		workflowNode,
		additionalData,
		request.parameterPath,
	);
	return {
		...(await method.call(context, request.filter, request.paginationToken)),
		via: `listSearch:${methodName}`,
	};
}

/** Runs the dropdown of `parameterPath` for the given parameters and credential. */
export async function loadOptions(request: LoadOptionsRequest): Promise<LoadOptionsResult> {
	const { nodeType, property, workflow, workflowNode, additionalData } =
		await editorContext(request);
	const methodName = property.typeOptions?.loadOptionsMethod;
	if (methodName) {
		const method = nodeType.methods?.loadOptions?.[methodName];
		if (typeof method !== 'function') {
			throw new UnexpectedError('Node type does not have method defined', {
				extra: { methodName },
			});
		}
		const context = new LoadOptionsContext(
			workflow,
			workflowNode,
			additionalData,
			request.parameterPath,
		);
		return { options: await method.call(context), via: `method:${methodName}` };
	}

	const sent = property.typeOptions?.loadOptions as ILoadOptions | undefined;
	if (!sent?.routing) throw new Error(`Parameter "${request.parameterPath}" has no loadOptions`);
	// The editor posts loadOptions as JSON.
	const loadOptionsSpec = JSON.parse(JSON.stringify(sent)) as ILoadOptions;
	if (!nodeType.description.requestDefaults?.baseURL) {
		throw new UnexpectedError(
			'Node type does not exist or does not have "requestDefaults.baseURL" defined!',
		);
	}
	const tempNodeType: INodeType = {
		...nodeType,
		description: {
			...nodeType.description,
			properties: [
				{
					displayName: '',
					type: 'string',
					name: '',
					default: '',
					routing: loadOptionsSpec.routing,
				} as INodeProperties,
			],
		},
	};
	const inputData: ITaskDataConnections = { main: [[{ json: {} }]] };
	const executeData: IExecuteData = { node: workflowNode, source: null, data: {} };
	const connectionInputData: INodeExecutionData[] = [];
	const executeFunctions = new ExecuteContext(
		workflow,
		workflowNode,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		connectionInputData,
		inputData,
		executeData,
		[],
	);
	const routingNode = new RoutingNode(executeFunctions, tempNodeType);
	const optionsData = await routingNode.runNode();
	if (optionsData?.length === 0) return { options: [], via: 'routing' };
	if (!Array.isArray(optionsData)) throw new UnexpectedError('The returned data is not an array');
	return {
		options: optionsData[0].map((item) => item.json) as unknown as INodePropertyOptions[],
		via: 'routing',
	};
}
