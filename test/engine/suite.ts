/**
 * The emulator's life cycle in a test file, written once: started before the file's first test (with the
 * service key registered), reset before each test, optionally spec-checked after each, stopped after the last.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { HubspotEmulator } from '../emulator';
import { runNode, type RunResult } from '../harness/engine';
import { emulatorForSuite, expectSpecValid, serviceKeyCredential } from './fixtures';

type RunExtra = Partial<Parameters<typeof runNode>[0]>;

export interface FileEmulatorOptions {
	/** What the file resets besides the emulator's records before each test. */
	reset?: (emulator: HubspotEmulator) => void;
	/** Checks every request of each test against HubSpot's contract. */
	specCheckEachTest?: boolean;
	/** One credential id for the whole file (one owner cache, one account budget), else a new one per run. */
	credentialId?: string;
}

/**
 * Registers the life cycle and hands the started emulator to `started` (the file keeps it in its own
 * `emulator` variable, so test bodies read as before). Returns `run`: the node with a service key of it.
 */
export function useFileEmulator(
	started: (emulator: HubspotEmulator) => void,
	{ reset, specCheckEachTest = false, credentialId }: FileEmulatorOptions = {},
): (parameters: INodeParameters, extra?: RunExtra) => Promise<RunResult> {
	let emulator: HubspotEmulator | undefined;
	beforeAll(async () => {
		emulator = await emulatorForSuite();
		started(emulator);
	});
	afterAll(async () => await emulator?.stop());
	beforeEach(() => {
		emulator!.reset();
		reset?.(emulator!);
	});
	if (specCheckEachTest) afterEach(() => expectSpecValid(emulator!));
	return async (parameters, extra = {}) =>
		await runNode({
			parameters,
			credentials: serviceKeyCredential(emulator!, credentialId ? { id: credentialId } : {}),
			...extra,
		});
}
