/**
 * The live check's scenarios: the e2e suite's workflows (test/e2e/workflows), their HubSpot Scheduler
 * nodes run one after another through n8n-core's engine (test/harness), with a service-key credential
 * whose Base URL is the recording proxy in front of HubSpot. Values that only exist in the emulator's seed
 * (the organizer, the meeting link) are replaced by ones the node's own pickers find in the account;
 * dates move into the future; titles get the run's tag. Every meeting created is deleted again.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode, type CredentialSpec, type RunResult } from '../harness/engine';
import { listSearch, loadOptions } from '../harness/load-options';
import { planWorkflow, runTag, type E2eWorkflow, type Step } from './steps';
import type { Recorder } from './recorder';

export interface LiveOptions {
	repoRoot: string;
	/** The recording proxy's URL (the node's Base URL). */
	proxyUrl: string;
	recorder: Recorder;
	token: string;
	/** The e2e workflows by case name (extraWorkflowTests) plus 'continue on fail' (continueOnFail()). */
	workflows: Record<string, E2eWorkflow>;
	/** Book through a meeting link too (leaves a booked meeting and the guest contact behind). */
	book: boolean;
	/** Meetings created (and deleted) in the burst. */
	burst: number;
	/** Instead of the first organizer / meeting link the pickers offer. */
	organizerUserId?: string;
	slug?: string;
	log: (line: string) => void;
}

export interface ScenarioResult {
	name: string;
	status: 'passed' | 'failed' | 'skipped';
	detail: string;
}

export interface LiveReport {
	results: ScenarioResult[];
	/** Meetings created and not deleted (ids), and what a booking left behind. */
	leftovers: string[];
}

const FOLLOW_UP = 'follow-up: create -> get -> update -> delete';
const CONTINUE = 'continue on fail';
const LINK_CASES = [
	'meeting link: get many',
	'meeting link: get booking info',
	'meeting link: get availability',
];
const BOOK = 'meeting link: book';

class ScenarioFailure extends Error {}
const check = (ok: unknown, message: string) => {
	if (!ok) throw new ScenarioFailure(message);
};

export async function runLiveCheck(options: LiveOptions): Promise<LiveReport> {
	const { recorder, log } = options;
	const tag = runTag();
	const credentials: CredentialSpec = {
		type: 'hubspotSchedulerTokenApi',
		id: `live-${tag}`,
		data: { accessToken: options.token, baseUrl: options.proxyUrl },
	};
	const results: ScenarioResult[] = [];
	const created = new Set<string>();
	const deleted = new Set<string>();
	const leftovers: string[] = [];
	const context: { organizerUserId?: string; slug?: string; slots: IDataObject[] } = { slots: [] };

	const workflow = (name: string) => {
		const wf = options.workflows[name];
		if (!wf) throw new Error(`the e2e suite has no workflow "${name}" (test/e2e/workflows)`);
		return wf;
	};
	const run = async (step: Step, items: IDataObject[]): Promise<RunResult> => {
		const result = await runNode({
			packageDir: options.repoRoot,
			parameters: step.parameters,
			items,
			credentials,
			continueOnFail: step.continueOnFail,
		});
		for (const item of result.items) {
			const id = item.json.id;
			if (step.operation === 'createCalendarEvent' && id !== undefined && !item.json.error)
				created.add(String(id));
			if (step.operation === 'delete' && item.json.deleted === true)
				deleted.add(String(item.json.id));
		}
		return result;
	};
	const plan = (name: string, extra: { items?: IDataObject[] } = {}) =>
		planWorkflow(workflow(name), {
			organizerUserId: context.organizerUserId,
			slug: context.slug,
			tag,
			items: extra.items,
		});
	const json = (r: RunResult) => r.items.map((i) => i.json);
	const failureOf = (r: RunResult) => r.error?.message ?? json(r).find((j) => j.error)?.error;

	const scenario = async (name: string, body: () => Promise<string>) => {
		recorder.scenario = name;
		try {
			const detail = await body();
			results.push({ name, status: detail.startsWith('skipped') ? 'skipped' : 'passed', detail });
		} catch (error) {
			results.push({ name, status: 'failed', detail: (error as Error).message });
		}
		const last = results[results.length - 1];
		log(
			`${last.status === 'passed' ? 'ok  ' : last.status === 'skipped' ? 'skip' : 'FAIL'} ${name}: ${last.detail}`,
		);
	};

	const deleteStep = () => plan(FOLLOW_UP).steps.find((s) => s.operation === 'delete')!;

	await scenario('pickers: organizer, meeting link, outcome from the account', async () => {
		const createStep = plan(CONTINUE).steps[0];
		// Organizer and Meeting Link are resource locators: their first "From list" page, as the editor loads it.
		const organizers = await listSearch({
			parameters: createStep.parameters,
			parameterPath: 'organizerUserId',
			credentials,
			packageDir: options.repoRoot,
		});
		check(
			organizers.results.length > 0,
			'the account has no owner with a HubSpot user: nobody can organize a meeting',
		);
		context.organizerUserId = options.organizerUserId ?? String(organizers.results[0].value);
		const linkStep = plan(LINK_CASES[1]).steps[0];
		const links = await listSearch({
			parameters: linkStep.parameters,
			parameterPath: 'slug',
			credentials,
			packageDir: options.repoRoot,
		});
		context.slug =
			options.slug ?? (links.results.length ? String(links.results[0].value) : undefined);
		const outcomes = await loadOptions({
			parameters: createStep.parameters,
			parameterPath: 'additionalFields.outcome',
			credentials,
			packageDir: options.repoRoot,
		});
		return `${organizers.results.length} organizer(s), ${links.results.length} meeting link(s), ${outcomes.options.length} outcome(s)`;
	});
	if (!context.organizerUserId) return { results, leftovers };

	await scenario(FOLLOW_UP, async () => {
		const { steps, items } = plan(FOLLOW_UP);
		let input = items;
		const outputs: Record<string, IDataObject[]> = {};
		for (const step of steps) {
			const result = await run(step, input);
			check(!failureOf(result), `${step.name}: ${failureOf(result)}`);
			outputs[step.name] = json(result);
			input = outputs[step.name];
		}
		const id = String(outputs.Create[0].id);
		check(/^\d+$/.test(id), `Create returned id ${id}`);
		check(String(outputs.Get[0].id) === id, 'Get returned another meeting');
		check(
			JSON.stringify(outputs.Update[0]).includes('COMPLETED'),
			'Update did not set the outcome',
		);
		check(
			outputs.Delete[0].deleted === true && String(outputs.Delete[0].id) === id,
			'Delete did not confirm',
		);
		return `meeting ${id} created, read, updated, deleted`;
	});

	await scenario(CONTINUE, async () => {
		const { steps, items } = plan(CONTINUE);
		const out = json(await run(steps[0], items));
		check(out.length === items.length, `${out.length} output items for ${items.length} rows`);
		const good = out.filter((j) => !j.error);
		const bad = out.filter((j) => j.error);
		check(
			good.length === items.length - 1 && bad.length === 1,
			`${good.length} created, ${bad.length} refused; expected ${items.length - 1} and 1`,
		);
		return `${good.length} created, the bad row refused before sending: ${String(bad[0].error).slice(0, 80)}`;
	});

	for (const name of LINK_CASES) {
		await scenario(name, async () => {
			if (name !== LINK_CASES[0] && !context.slug)
				return 'skipped: the account has no meeting link (scheduling page)';
			const { steps, items } = plan(name);
			const result = await run(steps[0], items);
			check(!failureOf(result), String(failureOf(result)));
			const out = json(result);
			if (name === LINK_CASES[0] && context.slug)
				check(
					out.some((j) => j.slug === context.slug),
					`Get Many lacks ${context.slug}`,
				);
			if (name === LINK_CASES[2]) context.slots = out;
			return `${out.length} item(s)`;
		});
	}

	await scenario(BOOK, async () => {
		if (!options.book)
			return 'skipped: set HUBSPOT_LIVE_BOOK=1 to book (it leaves the booked meeting and the guest contact behind)';
		const slot = context.slots[0];
		if (!slot) return 'skipped: the meeting link offers no free slot';
		const { steps, items } = plan(BOOK);
		// The e2e workflow gets its slot from a Get Availability node; here the slot comes from the scenario above.
		const bookStep = steps.find((s) => s.operation === 'book')!;
		const step = {
			...bookStep,
			parameters: {
				...bookStep.parameters,
				startTime: slot.start,
				durationMinutes: slot.durationMinutes,
			} as INodeParameters,
		};
		const result = await run(step, items);
		check(!failureOf(result), String(failureOf(result)));
		const booked = json(result)[0];
		leftovers.push(
			`booking on ${context.slug} at ${slot.startUtc}: calendar event ${booked.calendarEventId}, guest contact ${booked.contactId}`,
		);
		return `booked ${slot.startUtc} for ${slot.durationMinutes} min`;
	});

	await scenario(`burst: ${options.burst} creates, then ${options.burst} deletes`, async () => {
		const from = recorder.exchanges.length;
		const rows = Array.from({ length: options.burst }, (_, i) => ({
			title: `Burst ${i + 1}`,
			start: `2026-07-01T${String(8 + (i % 10)).padStart(2, '0')}:${i >= 10 ? '30' : '00'}:00`,
			end: `2026-07-01T${String(8 + (i % 10)).padStart(2, '0')}:${i >= 10 ? '50' : '20'}:00`,
		}));
		const create = plan(CONTINUE, { items: rows });
		const made = json(await run(create.steps[0], create.items));
		check(
			made.every((j) => !j.error),
			`create failed: ${made.find((j) => j.error)?.error}`,
		);
		const gone = json(
			await run(
				deleteStep(),
				made.map((j) => ({ id: j.id })),
			),
		);
		check(
			gone.every((j) => j.deleted === true),
			`delete failed: ${gone.find((j) => j.deleted !== true)?.error}`,
		);
		const limited = recorder.withStatus(429, from);
		check(limited.length === 0, `${limited.length} answer(s) were 429`);
		return `${made.length} created and deleted, no 429`;
	});

	recorder.scenario = 'clean-up';
	const remaining = [...created].filter((id) => !deleted.has(id));
	if (remaining.length) {
		const gone = json(
			await run(
				deleteStep(),
				remaining.map((id) => ({ id })),
			),
		);
		for (const id of remaining)
			if (!gone.some((j) => j.deleted === true && String(j.id) === id))
				leftovers.push(`meeting ${id} (not deleted)`);
		log(
			`clean-up: deleted ${remaining.length - leftovers.filter((l) => l.startsWith('meeting')).length} of ${remaining.length} remaining meeting(s)`,
		);
	}
	return { results, leftovers };
}
