/** Assertions on what the emulator saw and on `n8n execute` runs, shared by the real-n8n runners. */
import assert from 'node:assert/strict';

/** Every request the emulator saw was valid against HubSpot's spec, and so was every answer. */
export function expectSpecValid(emulator) {
	const problems = emulator.requests.flatMap((r) =>
		r.validationErrors.map((v) => `${r.method} ${r.path}: ${v}`),
	);
	assert.deepEqual(
		[...problems, ...emulator.responseValidationErrors],
		[],
		'emulator saw spec-invalid traffic',
	);
}

/** The message for an `n8n execute` that failed: how it ended and the tails of its output. */
export function executeFailure(r) {
	return `n8n execute exited ${r.signal ?? r.code} after ${r.seconds.toFixed(1)} s\n--- stderr:\n${r.stderr.slice(-2500)}\n--- stdout (tail):\n${r.stdout.slice(-1500)}`;
}

/** The Create Calendar Event requests the emulator saw. */
export function creates(emulator) {
	return emulator.requests.filter(
		(r) => r.method === 'POST' && /\/meetings\/calendar$/.test(r.path),
	);
}
