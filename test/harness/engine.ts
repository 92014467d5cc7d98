/**
 * In-process n8n engine harness: runs a node of the BUILT package (dist/) through n8n-core's real
 * PackageDirectoryLoader, WorkflowExecute and RoutingNode. Only the server-side pieces n8n-core
 * expects from its host (credentials store, additionalData) are provided here.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type {
	ExecutionBaseError,
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeTypes,
	IRun,
	IRunData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper';
import type { CredentialUpdate } from './credentials-helper';
import { loadPackage, REPO_ROOT } from './package-types';
import type { LoadedPackage } from './package-types';

export { loadPackage, REPO_ROOT };
export type { LoadedPackage, CredentialUpdate };
export { HarnessCredentialsHelper } from './credentials-helper';

export interface CredentialSpec {
	/** Credential type name, e.g. 'hubspotSchedulerTokenApi'. */
	type: string;
	/** Decrypted credential data as the user saved it; the type's defaults fill the gaps. */
	data: ICredentialDataDecryptedObject;
	id?: string;
	name?: string;
}

export interface RunOptions {
	/** Full node type; default: the package's only node (`<package name>.<node name>`). */
	nodeType?: string;
	/** Node type version; default: the node's latest version. */
	typeVersion?: number;
	/** The node's parameters as the editor saves them (defaults are applied by n8n's Workflow). */
	parameters: INodeParameters;
	/** Input items (json) the node receives on its main input; default [{}]. */
	items?: IDataObject[];
	credentials?: CredentialSpec;
	/** Node setting "On Error: Continue" (`onError: 'continueRegularOutput'`). */
	continueOnFail?: boolean;
	/** Workflow setting `timezone`; default 'UTC'. */
	timezone?: string;
	/** Execution mode; default 'manual'. */
	mode?: WorkflowExecuteMode;
	/** Package to load; default: the repo root (its built dist/). */
	packageDir?: string;
	/** Extra INode fields (retryOnFail, alwaysOutputData, …) merged into the node. */
	nodeOverrides?: Partial<INode>;
	/** Aborting it stops the execution the way n8n's Stop button does (WorkflowExecute's cancel). */
	cancelSignal?: AbortSignal;
}

export interface RunResult {
	/** The node's main output 0; empty if the node failed. */
	items: INodeExecutionData[];
	/** The node's error when the run failed (never set for continue-on-fail item errors). */
	error?: ExecutionBaseError;
	runData: IRunData;
	/** Every credential write-back n8n made (OAuth2 refresh → updateCredentialsOauthTokenData). */
	credentialUpdates: ICredentialDataDecryptedObject[];
	/** Same writes with the helper method and type that received them. */
	credentialUpdateLog: CredentialUpdate[];
	/** The live credential data after the run (including refreshed tokens). */
	credentialsAfter?: ICredentialDataDecryptedObject;
	/** The whole IRun. */
	fullExecutionData: IRun;
	/** Name of the node under test inside the workflow. */
	nodeName: string;
}

const NODE_NAME = 'Node Under Test';
/** The name the node under test gets in the workflow (executeNode expects it). */
export const HARNESS_NODE_NAME = NODE_NAME;

let executionCounter = 0;

/** The package's one node that runs on input (its trigger nodes are run by test/harness/poll.ts). */
function defaultNodeType(pkg: LoadedPackage): string {
	const actionNodes = pkg.nodeTypeNames.filter((name) => !isTriggerType(pkg, name));
	if (actionNodes.length !== 1) {
		throw new Error(
			`The package has ${actionNodes.length} action node types (${actionNodes.join(', ')}): pass options.nodeType`,
		);
	}
	return actionNodes[0];
}

function isTriggerType(pkg: LoadedPackage, name: string): boolean {
	const { description } = pkg.nodeTypes.getByNameAndVersion(name);
	return !!description.polling || description.group.includes('trigger');
}

function latestVersion(pkg: LoadedPackage, nodeType: string): number {
	const type = pkg.nodeTypes.getByName(nodeType);
	if ('nodeVersions' in type) return type.currentVersion;
	const { version } = type.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

const notAvailable = (what: string) => () => {
	throw new Error(`${what} is not available in the engine test harness`);
};

/** What n8n-core wants from its host for one execution (also used by the benchmark). */
export function buildAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
	executionId: string,
	workflowId: string,
): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678';
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		executeWorkflow: notAvailable('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: notAvailable('startRunnerTask'),
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}

/**
 * Runs `node` (named NODE_NAME) alone through WorkflowExecute with `items` as its main input — exactly what
 * WorkflowExecute would have queued after a parent node ran. Also used by the benchmark.
 */
export async function executeNode(options: {
	node: INode;
	nodeTypes: INodeTypes;
	credentialsHelper: HarnessCredentialsHelper;
	items: INodeExecutionData[];
	timezone?: string;
	mode?: WorkflowExecuteMode;
	workflowName?: string;
	cancelSignal?: AbortSignal;
}): Promise<IRun> {
	const {
		node,
		nodeTypes,
		credentialsHelper,
		items,
		mode = 'manual',
		workflowName = 'Engine harness',
	} = options;
	const workflowId = 'harness-workflow';
	const settings = { timezone: options.timezone ?? 'UTC', executionOrder: 'v1' as const };
	const workflow = new Workflow({
		id: workflowId,
		name: workflowName,
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings,
	});
	// The Workflow copies the node (with parameter defaults applied); run the copy.
	const workflowNode = workflow.getNode(node.name)!;

	const executionId = `harness-${++executionCounter}`;
	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: workflowName,
		active: false,
		isArchived: false,
		activeVersionId: null,
		nodes: [node],
		connections: {},
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const additionalData = buildAdditionalData(credentialsHelper, hooks, executionId, workflowId);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflowNode, data: { main: [items] }, source: null }],
		},
	});
	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
	try {
		const execution = workflowExecute.processRunExecutionData(workflow);
		// n8n's ActiveExecutions.stopExecution cancels the PCancelable: WorkflowExecute aborts the signal nodes
		// get from getExecutionCancelSignal(), and the promise settles only when the running node returns.
		options.cancelSignal?.addEventListener('abort', () => execution.cancel(), { once: true });
		return await execution;
	} catch (caught) {
		// e.g. WorkflowHasIssuesError (a required parameter is empty): n8n refuses to start the run,
		// synchronously; surface it like a failed run.
		runExecutionData.resultData.error = caught as ExecutionBaseError;
		return {
			data: runExecutionData,
			mode,
			status: 'error',
			finished: false,
			startedAt: new Date(),
			stoppedAt: new Date(),
			storedAt: 'db',
		};
	}
}

/** Runs one node of the package through n8n's engine with the given input items. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const pkg = await loadPackage(options.packageDir ?? REPO_ROOT);
	const nodeType = options.nodeType ?? defaultNodeType(pkg);
	const typeVersion = options.typeVersion ?? latestVersion(pkg, nodeType);

	const credentialsHelper = new HarnessCredentialsHelper(pkg.credentialTypes);
	const node: INode = {
		id: 'a0000000-0000-4000-8000-000000000001',
		name: NODE_NAME,
		type: nodeType,
		typeVersion,
		position: [0, 0],
		parameters: options.parameters,
		...(options.continueOnFail && { onError: 'continueRegularOutput' as const }),
		...options.nodeOverrides,
	};
	if (options.credentials) {
		const { type, data, id = '1', name = `${type} (test)` } = options.credentials;
		credentialsHelper.setCredentials(type, data);
		node.credentials = { [type]: { id, name } };
	}

	const items = (options.items ?? [{}]).map((json): INodeExecutionData => ({ json }));
	const run = await executeNode({
		node,
		nodeTypes: pkg.nodeTypes,
		credentialsHelper,
		items,
		timezone: options.timezone,
		mode: options.mode,
		cancelSignal: options.cancelSignal,
	});

	const runData = run.data.resultData.runData;
	const task = runData[NODE_NAME]?.[0];
	const error = (task?.error ?? run.data.resultData.error) as ExecutionBaseError | undefined;
	return {
		items: error && !task?.data ? [] : (task?.data?.main?.[0] ?? []),
		error,
		runData,
		credentialUpdates: credentialsHelper.updates.map((update) => update.data),
		credentialUpdateLog: credentialsHelper.updates,
		credentialsAfter: options.credentials
			? credentialsHelper.getStored(options.credentials.type)
			: undefined,
		fullExecutionData: run,
		nodeName: NODE_NAME,
	};
}
