/**
 * The bookkeeping of the real-n8n runners (run.mjs, queue.mjs): named checks printed as ✔/✘ lines, a
 * time limit, cleanup of everything started, and the closing result line "<label>: N passed, M failed"
 * that .ci/run.e2e counts. The exit code is 1 when a check failed or none passed.
 */
import { onShutdown } from '../../scripts/lib/n8n.mjs';

/**
 * @param {object} options
 * @param {string} options.label         result-line prefix: "e2e", "queue"
 * @param {Array<() => unknown>} options.stoppers  cleanups, run last-first on finish or Ctrl-C
 * @param {number} options.timeLimitMs   after this, test() fails instead of running
 * @param {number} options.guardMs       after this, the suite finishes whatever is still running
 * @param {string} [options.only]        run only tests whose name contains this (setup tests always run)
 * @param {string} options.setupName     the failure recorded when the runner itself throws
 * @param {string} options.timeLimitName the failure recorded when the guard fires
 * @param {() => void} [options.onTimeLimit]  prints when the guard fires
 * @param {(seconds: string) => string} options.footer  the line printed before the result line
 */
export function createSuite({
	label,
	stoppers,
	timeLimitMs,
	guardMs,
	only,
	setupName,
	timeLimitName,
	onTimeLimit,
	footer,
}) {
	const results = [];
	const shutdown = onShutdown(stoppers);
	const started = Date.now();

	/** An async check with its duration; its failure shows the first lines of the stack. */
	async function test(name, fn, { setup = false } = {}) {
		if (only && !setup && !name.toLowerCase().includes(only.toLowerCase())) return;
		const t = Date.now();
		try {
			if (Date.now() - started > timeLimitMs) throw new Error('suite time limit reached');
			await fn();
			results.push({ name, ok: true });
			console.log(`  ✔ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
		} catch (e) {
			results.push({ name, ok: false, error: e });
			console.log(
				`  ✘ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)\n      ${String(e.stack || e)
					.split('\n')
					.slice(0, 12)
					.join('\n      ')}`,
			);
		}
	}

	/** A synchronous check on figures already measured; its failure shows the assertion message. */
	function check(name, fn) {
		try {
			fn();
			results.push({ name, ok: true });
			console.log(`  ✔ ${name}`);
		} catch (e) {
			results.push({ name, ok: false });
			console.log(`  ✘ ${name}: ${e.message}`);
		}
	}

	const guard = setTimeout(() => {
		onTimeLimit?.();
		results.push({ name: timeLimitName, ok: false });
		void finish();
	}, guardMs);

	async function finish(error) {
		clearTimeout(guard);
		if (error) {
			results.push({ name: setupName, ok: false, error });
			console.log(`  ✘ ${setupName}: ${error.stack || error}`);
		}
		const passed = results.filter((r) => r.ok).length;
		const failed = results.length - passed;
		console.log(footer(((Date.now() - started) / 1000).toFixed(0)));
		console.log(`${label}: ${passed} passed, ${failed} failed`);
		await shutdown(failed || !passed ? 1 : 0);
	}

	return { test, check, finish };
}
