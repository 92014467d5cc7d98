/**
 * The load of `npm run test:queue` and what it measured: meetings split into webhook calls, sent a few
 * at a time to n8n's main instance, then counted on the emulator (created, duplicated, 429s) and in
 * the workers' logs (executions per worker).
 */
import { creates } from './checks.mjs';

/**
 * `meetings` rows split over `executions` webhook calls, each row with its own title and time; `first` numbers
 * the rows of a later round after those of the earlier ones.
 */
export function meetingBatches(meetings, executions, first = 0) {
	const per = Math.ceil(meetings / executions);
	const batches = [];
	for (let e = 0; e < executions; e++) {
		const rows = [];
		for (let i = e * per; i < Math.min(meetings, (e + 1) * per); i++) {
			const day = String(1 + (i % 28)).padStart(2, '0');
			const hour = String(8 + (i % 9)).padStart(2, '0');
			rows.push({
				title: `Queue meeting ${String(first + i + 1).padStart(4, '0')}`,
				start: `2026-11-${day}T${hour}:00:00`,
				end: `2026-11-${day}T${hour}:30:00`,
			});
		}
		if (rows.length) batches.push(rows);
	}
	return batches;
}

/** Sends the batches, `parallel` calls at a time, until done or the time limit; returns each answer. */
export async function sendLoad({ url, batches, parallel, timeLimitMs }) {
	const answers = [];
	let next = 0;
	const deadline = Date.now() + timeLimitMs;
	await Promise.all(
		Array.from({ length: parallel }, async () => {
			while (next < batches.length && Date.now() < deadline) {
				const rows = batches[next++];
				const res = await fetch(url, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ rows }),
					signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())),
				}).catch((e) => ({ ok: false, status: 0, text: async () => String(e) }));
				const text = await res.text();
				let items;
				try {
					items = JSON.parse(text);
				} catch {
					items = undefined;
				}
				answers.push({
					ok: res.ok,
					status: res.status,
					rows: rows.length,
					items,
					text: res.ok ? '' : text.slice(0, 300),
				});
			}
		}),
	);
	return answers;
}

/** What the run did: the figures it prints, and the counts the checks assert on. */
export function measure({
	emulator,
	answers,
	batches,
	workers,
	n8nVersion,
	meetings,
	wallSeconds,
	window,
}) {
	// The least time any client needs: the first window free, the last answer one latency later. For the creates
	// alone (as the bench's floor), and for every request HubSpot had to count (the creates and the workers' own
	// reads — owner look-up, account details —, not the refused 429s): 300 creates at 100 per window fill exactly
	// three windows, so any read of a cold worker needs a fourth.
	const floorOf = (requests) =>
		((Math.ceil(requests / window.max) - 1) * window.intervalMs + window.latencyMs) / 1000;
	const floorSeconds = floorOf(meetings);
	const createRequests = creates(emulator);
	const status429 = createRequests.filter((r) => r.status === 429).length;
	const all429 = emulator.requests.filter((r) => r.status === 429).length;
	const counted = emulator.requests.filter((r) => r.status !== 429).length;
	const countedFloorSeconds = floorOf(counted);
	const otherRequests = emulator.requests.filter((r) => !createRequests.includes(r)).length;
	const titles = [...emulator.meetings.values()].map((m) => m.properties.hs_meeting_title);
	const distinct = new Set(titles).size;
	const failedCalls = answers.filter((a) => !a.ok);
	const itemErrors = answers
		.flatMap((a) => (Array.isArray(a.items) ? a.items : []))
		.filter((i) => i && i.error).length;
	const perWorker = workers.map((w) => w.finished.size);
	const figures = {
		n8n: n8nVersion,
		meetingsRequested: meetings,
		executions: batches.length,
		meetingsCreated: emulator.meetings.size,
		duplicated: titles.length - distinct,
		missing: meetings - distinct,
		failedExecutions: failedCalls.length,
		failedItems: itemErrors,
		createRequests: createRequests.length,
		otherRequests,
		responses429: all429,
		create429: status429,
		specProblems:
			emulator.requests.reduce((n, r) => n + r.validationErrors.length, 0) +
			emulator.responseValidationErrors.length,
		executionsPerWorker: perWorker,
		wallSeconds: Number(wallSeconds.toFixed(1)),
		floorSeconds: Number(floorSeconds.toFixed(2)),
		wallOverFloor: Number((wallSeconds / floorSeconds).toFixed(2)),
		countedRequests: counted,
		countedFloorSeconds: Number(countedFloorSeconds.toFixed(2)),
		wallOverCountedFloor: Number((wallSeconds / countedFloorSeconds).toFixed(2)),
	};
	return { figures, titles, distinct, failedCalls, itemErrors, perWorker };
}
