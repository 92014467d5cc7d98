/**
 * From an e2e workflow (test/e2e/workflows) to what the live check runs: its HubSpot Scheduler nodes in
 * order, and the items its Set node feeds them. Values that exist only in the emulator's seed are swapped
 * for the account's own; dates move into the future; titles carry the run's tag, so a meeting left behind
 * says where it came from.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

export interface E2eWorkflow {
	name: string;
	nodes: { name: string; type: string; parameters: INodeParameters; onError?: string }[];
}

export interface Step {
	name: string;
	operation: string;
	parameters: INodeParameters;
	continueOnFail: boolean;
}

export interface Bindings {
	/** The account's organizer (a HubSpot user id) instead of the emulator's seeded one. */
	organizerUserId?: string;
	/** One of the account's meeting links instead of the emulator's. */
	slug?: string;
	tag: string;
	/** Items instead of the workflow's own rows. */
	items?: IDataObject[];
	/** default: now */
	now?: Date;
}

const DAY_MS = 86_400_000;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}.*)$/;
/** How far ahead the earliest meeting of a scenario lands. */
const LEAD_DAYS = 14;

export function runTag(now = new Date()): string {
	return `${now.toISOString().slice(0, 16).replace(/[-:T]/g, '')}-${Math.random().toString(36).slice(2, 6)}`;
}

function mapStrings(value: unknown, fn: (s: string, key: string) => string, key = ''): unknown {
	if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, key));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as IDataObject).map(([k, v]) => [k, mapStrings(v, fn, k)]),
		);
	}
	return typeof value === 'string' ? fn(value, key) : value;
}

/** Moves every date-time literal (not expressions) by whole days so the earliest is LEAD_DAYS ahead. */
export function shiftIntoFuture<T>(values: T[], now = new Date()): T[] {
	const dates: number[] = [];
	values.forEach((v) =>
		mapStrings(v, (s) => {
			const m = LOCAL_DATE_TIME.exec(s);
			if (m) dates.push(Date.parse(`${m[1]}T00:00:00Z`));
			return s;
		}),
	);
	if (dates.length === 0) return values;
	const target = Date.parse(
		`${new Date(now.getTime() + LEAD_DAYS * DAY_MS).toISOString().slice(0, 10)}T00:00:00Z`,
	);
	const days = Math.max(0, Math.round((target - Math.min(...dates)) / DAY_MS));
	return values.map(
		(v) =>
			mapStrings(v, (s) => {
				const m = LOCAL_DATE_TIME.exec(s);
				return m
					? new Date(Date.parse(`${m[1]}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10) +
							m[2]
					: s;
			}) as T,
	);
}

/** Rows a workflow's raw-JSON Set node holds (`{ rows: [...] }`, split out by the next node), else one empty item. */
function rowsOf(workflow: E2eWorkflow): IDataObject[] {
	const set = workflow.nodes.find(
		(n) => n.type === 'n8n-nodes-base.set' && typeof n.parameters.jsonOutput === 'string',
	);
	if (!set) return [{}];
	const rows = (JSON.parse(set.parameters.jsonOutput as string) as { rows?: IDataObject[] }).rows;
	return Array.isArray(rows) ? rows : [{}];
}

export function planWorkflow(
	workflow: E2eWorkflow,
	bindings: Bindings,
): { steps: Step[]; items: IDataObject[] } {
	const literal = (s: string) => !s.startsWith('=');
	const suffix = ` [live check ${bindings.tag}]`;
	const steps = workflow.nodes
		.filter((n) => /(^|\.)hubspotScheduler$/.test(n.type))
		.map((node): Step => {
			const parameters = mapStrings(node.parameters, (s, key) => {
				if (key === 'organizerUserId' && literal(s) && bindings.organizerUserId)
					return bindings.organizerUserId;
				if (key === 'slug' && literal(s) && bindings.slug) return bindings.slug;
				if (key === 'title' && literal(s)) return s + suffix;
				return s;
			}) as INodeParameters;
			return {
				name: node.name,
				operation: String(node.parameters.operation),
				parameters,
				continueOnFail: node.onError === 'continueRegularOutput',
			};
		});
	if (steps.length === 0)
		throw new Error(`the e2e workflow "${workflow.name}" has no HubSpot Scheduler node`);
	const items = (bindings.items ?? rowsOf(workflow)).map(
		(row) => mapStrings(row, (s, key) => (key === 'title' ? s + suffix : s)) as IDataObject,
	);
	const shifted = shiftIntoFuture<unknown>(
		[...steps.map((s) => s.parameters), ...items],
		bindings.now,
	);
	return {
		steps: steps.map((s, i) => ({ ...s, parameters: shifted[i] as INodeParameters })),
		items: shifted.slice(steps.length) as IDataObject[],
	};
}
