/**
 * Runs a polling trigger of the BUILT package the way n8n does when a workflow is active: n8n-core's real
 * PollContext (credentials, static data, request helpers) and `nodeType.poll.call(context)`, as
 * TriggersAndPollers.runPollFunction does; what the poll returns is what n8n would start an execution with.
 * Static data lives in the Workflow; `persisted()` is what n8n would have saved to its database, and a
 * new PollRunner built from it is an n8n restart.
 */
import { ExecutionLifecycleHooks, PollContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWorkflowBase,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import {
	buildAdditionalData,
	HarnessCredentialsHelper,
	loadPackage,
	REPO_ROOT,
	type CredentialSpec,
	type LoadedPackage,
} from './engine';

export interface PollRunnerOptions {
	nodeType: string;
	parameters: INodeParameters;
	credentials: CredentialSpec;
	/** Static data as n8n saved it (a restart); default: none (a new workflow). */
	staticData?: IDataObject;
	timezone?: string;
	packageDir?: string;
}

export interface PollResult {
	/** The items of the execution n8n would start, or [] when the poll returned null (no execution). */
	items: INodeExecutionData[];
	/** Whether n8n would start an execution. */
	fired: boolean;
}

export class PollRunner {
	private constructor(
		private readonly workflow: Workflow,
		private readonly node: INode,
		private readonly credentialsHelper: HarnessCredentialsHelper,
		private readonly pkg: LoadedPackage,
		private readonly workflowData: IWorkflowBase,
	) {}

	static async create(options: PollRunnerOptions): Promise<PollRunner> {
		const pkg = await loadPackage(options.packageDir ?? REPO_ROOT);
		const credentialsHelper = new HarnessCredentialsHelper(pkg.credentialTypes);
		const { type, data, id = '1', name = `${type} (test)` } = options.credentials;
		credentialsHelper.setCredentials(type, data);
		const node: INode = {
			id: 'b0000000-0000-4000-8000-000000000001',
			name: 'Trigger Under Test',
			type: options.nodeType,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters,
			credentials: { [type]: { id, name } },
		};
		const settings = { timezone: options.timezone ?? 'UTC', executionOrder: 'v1' as const };
		const workflowId = 'poll-harness-workflow';
		const workflow = new Workflow({
			id: workflowId,
			name: 'Poll harness',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: pkg.nodeTypes,
			settings,
			staticData: options.staticData ? JSON.parse(JSON.stringify(options.staticData)) : undefined,
		});
		const workflowData: IWorkflowBase = {
			id: workflowId,
			name: 'Poll harness',
			active: true,
			isArchived: false,
			activeVersionId: null,
			nodes: [node],
			connections: {},
			settings,
			createdAt: new Date(),
			updatedAt: new Date(),
		};
		return new PollRunner(
			workflow,
			workflow.getNode(node.name)!,
			credentialsHelper,
			pkg,
			workflowData,
		);
	}

	/**
	 * One poll: mode 'trigger' is a scheduled poll of an active workflow, 'manual' the editor's
	 * "Fetch Test Event". `activation` is why the workflow was activated ('activate', 'init' after a restart).
	 */
	async poll(
		mode: WorkflowExecuteMode = 'trigger',
		activation: WorkflowActivateMode = 'activate',
	): Promise<PollResult> {
		const hooks = new ExecutionLifecycleHooks(mode, 'poll', this.workflowData);
		const additionalData = buildAdditionalData(
			this.credentialsHelper,
			hooks,
			'poll',
			this.workflow.id,
		);
		const emitted: INodeExecutionData[][][] = [];
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalData,
			mode,
			activation,
			(data) => emitted.push(data),
			(error) => {
				throw error;
			},
		);
		const nodeType = this.pkg.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		if (!nodeType.poll) throw new Error(`${this.node.type} has no poll()`);
		const response = await nodeType.poll.call(context);
		// What n8n's PollTriggerExecutor does next: emit the response (an execution starts) when it is not null.
		if (response !== null) context.__emit(response);
		const last = emitted[emitted.length - 1];
		return { items: response === null ? [] : (last?.[0] ?? []), fired: response !== null };
	}

	/** The workflow's static data as n8n would save it after the poll. */
	persisted(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	/** Changes a parameter (as a user editing and saving the workflow does). */
	setParameter(name: string, value: INodeParameters[string]): void {
		this.node.parameters[name] = value;
	}
}
