import { runNode } from '../harness/engine';
import { calendarCreates, createParameters, emulatorForSuite, expectSpecValid, serviceKeyCredential } from './fixtures';

test('smoke', async () => {
	const emulator = await emulatorForSuite();
	try {
		const result = await runNode({ parameters: createParameters(), credentials: serviceKeyCredential(emulator) });
		console.log(JSON.stringify(result.items, null, 1), result.error);
		console.log(JSON.stringify(emulator.requests.map((r) => [r.method, r.path, r.query, r.status, r.body, r.validationErrors]), null, 1));
		expect(calendarCreates(emulator)).toHaveLength(1);
		expectSpecValid(emulator);
	} finally {
		await emulator.stop();
	}
});
