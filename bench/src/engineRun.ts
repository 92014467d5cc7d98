import { performance } from 'node:perf_hooks';
/**
 * Runs one node over N items through n8n-core's real WorkflowExecute (same set-up as
 * test/harness/engine.ts's runNode), with node types = our built package + n8n's HTTP Request node,
 * and credential types = our package's + n8n's Header Auth.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IVersionedNodeType,
	ExecutionBaseError,
} from 'n8n-workflow';

import {
	executeNode,
	HARNESS_NODE_NAME,
	HarnessCredentialsHelper,
	loadPackage,
} from '../../test/harness/engine';
import { PackageCredentialTypes, PackageNodeTypes } from '../../test/harness/package-types';
import { loadHttpRequestNode } from './httpRequestNode';

export const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';

export interface BenchEngine {
	nodeTypes: PackageNodeTypes;
	credentialTypes: PackageCredentialTypes;
	ourNodeType: string;
	nodesBaseVersion: string;
	latestVersion(type: string): number;
	/** Our package's load time (PackageDirectoryLoader: package.json, node and credential classes). */
	packageLoadMs: number;
}

export async function loadBenchEngine(repoRoot: string, depsDir: string): Promise<BenchEngine> {
	// What adding the package costs n8n's start: its load through n8n-core's PackageDirectoryLoader.
	const loadStarted = performance.now();
	const pkg = await loadPackage(repoRoot);
	const packageLoadMs = performance.now() - loadStarted;
	const http = loadHttpRequestNode(depsDir, repoRoot);
	const types: Record<string, INodeType | IVersionedNodeType> = {};
	for (const name of pkg.nodeTypeNames) types[name] = pkg.nodeTypes.getByName(name);
	types[HTTP_REQUEST_TYPE] = http.node;
	const credentialTypes: Record<string, ICredentialType> = {};
	const supportedNodes: Record<string, string[]> = {};
	for (const [name, { type }] of Object.entries(pkg.loader.credentialTypes)) {
		credentialTypes[name] = type;
		supportedNodes[name] = pkg.credentialTypes.getSupportedNodes(name);
	}
	credentialTypes[http.httpHeaderAuth.name] = http.httpHeaderAuth;
	supportedNodes[http.httpHeaderAuth.name] = [];
	const nodeTypes = new PackageNodeTypes(types);
	// The package's action node (its trigger is not benchmarked).
	const actionNodes = pkg.nodeTypeNames.filter((name) => !name.endsWith('Trigger'));
	if (actionNodes.length !== 1)
		throw new Error(`expected one action node in the package, got ${actionNodes.join(', ')}`);
	return {
		nodeTypes,
		credentialTypes: new PackageCredentialTypes(credentialTypes, supportedNodes),
		ourNodeType: actionNodes[0],
		nodesBaseVersion: http.nodesBaseVersion,
		packageLoadMs,
		latestVersion(type: string) {
			const t = nodeTypes.getByName(type);
			if ('nodeVersions' in t) return t.currentVersion;
			const { version } = t.description;
			return Array.isArray(version) ? Math.max(...version) : version;
		},
	};
}

export interface EngineRunOptions {
	nodeType: string;
	parameters: INodeParameters;
	credentials: { type: string; data: ICredentialDataDecryptedObject };
	items: INodeExecutionData[];
	continueOnFail: boolean;
}

export interface EngineRunResult {
	items: INodeExecutionData[];
	error?: ExecutionBaseError;
}

const NODE_NAME = HARNESS_NODE_NAME;

export async function runEngine(
	engine: BenchEngine,
	options: EngineRunOptions,
): Promise<EngineRunResult> {
	const credentialsHelper = new HarnessCredentialsHelper(engine.credentialTypes);
	credentialsHelper.setCredentials(options.credentials.type, options.credentials.data);
	const node: INode = {
		id: 'b0000000-0000-4000-8000-000000000001',
		name: NODE_NAME,
		type: options.nodeType,
		typeVersion: engine.latestVersion(options.nodeType),
		position: [0, 0],
		parameters: options.parameters,
		credentials: { [options.credentials.type]: { id: 'bench-1', name: 'Bench credential' } },
		...(options.continueOnFail && { onError: 'continueRegularOutput' as const }),
	};
	const run = await executeNode({
		node,
		nodeTypes: engine.nodeTypes,
		credentialsHelper,
		items: options.items,
		workflowName: 'Benchmark',
	});
	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	const error = (task?.error ?? run.data.resultData.error) as ExecutionBaseError | undefined;
	return { items: error && !task?.data ? [] : (task?.data?.main?.[0] ?? []), error };
}
