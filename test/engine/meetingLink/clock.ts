/**
 * Sets the clock of a test file: only `Date` is faked (the node's "now" through Luxon and `Date.now()`, and
 * the emulator's current month, which runs in this process), and it keeps ticking from there, so timers,
 * pacing and the engine run as usual.
 */
export function useClockAt(iso: string): void {
	beforeAll(() => {
		jest.useFakeTimers({
			now: Date.parse(iso),
			advanceTimers: true,
			doNotFake: [
				'hrtime',
				'nextTick',
				'performance',
				'queueMicrotask',
				'requestAnimationFrame',
				'cancelAnimationFrame',
				'requestIdleCallback',
				'cancelIdleCallback',
				'setImmediate',
				'clearImmediate',
				'setInterval',
				'clearInterval',
				'setTimeout',
				'clearTimeout',
			],
		});
	});
	afterAll(() => jest.useRealTimers());
}
