/**
 * The bench's command line: `npm run bench -- --only=p1 --p1-n=300 …` (USAGE), parsed into the sizes,
 * windows, latencies and fault rates of each scenario, and the P1 floor those defaults derive from.
 */

export interface BenchOptions {
	only: Set<string>;
	/** --ours-only: skip the HTTP Request variants of P1 (pacing runs). */
	oursOnly: boolean;
	p1: { n: number; max: number; intervalMs: number; latencyMs: number; timeoutS: number };
	real: { n: number; max: number; intervalMs: number; latencyMs: number; timeoutS: number };
	multi: {
		n: number;
		processes: number;
		max: number;
		intervalMs: number;
		latencyMs: number;
		timeoutS: number;
	};
	p2: {
		n: number;
		latencyMs: number;
		timeoutS: number;
		max: number;
		intervalMs: number;
		repeat: number;
	};
	faults: {
		n: number;
		rate429: number;
		rate5xx: number;
		/** share of the 5xx answered AFTER the meeting was created (504); the rest are 500 before */
		share5xxAfter: number;
		/** Retry-After seconds on injected 429s; undefined = no header */
		retryAfterS?: number;
		latencyMs: number;
		seed: number;
		timeoutS: number;
	};
	repoRoot: string;
	depsDir: string;
	workerJs: string;
	resultsFile: string;
}

function numberArg(args: Map<string, string>, name: string, fallback: number): number {
	const v = args.get(name);
	if (v === undefined) return fallback;
	const n = Number(v);
	if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${v}`);
	return n;
}

export const USAGE = `npm run bench [-- options]
  --only=p1,p2,faults,real,multi  scenarios to run (default: all)
  --real-n=1000 --real-max=110 --real-interval-ms=10000 --real-latency-ms=50   HubSpot's real window, ours only
  --multi-n=300 --multi-processes=3 --multi-max=100 --multi-interval-ms=10000 --multi-latency-ms=50
  --p1-n=1000 --p1-max=50 --p1-interval-ms=1000 --p1-latency-ms=50 --p1-timeout-s=<auto>
  --p2-n=10000 --p2-latency-ms=0 --p2-timeout-s=180 --p2-max=100000 --p2-interval-ms=10000
  --p2-repeat=2                P2 runs per variant, alternating order; the table shows each variant's fastest
  --faults-n=1000 --faults-429=0.10 --faults-5xx=0.02 --faults-5xx-after=0.5
  --faults-retry-after-s=<none> --faults-latency-ms=20 --faults-seed=42 --faults-timeout-s=180
  --ours-only                  P1 without the HTTP Request variants
  --quick                      smaller sizes (P1 300, P2 2000, faults 300) for a smoke run`;

export function parseOptions(
	argv: string[],
	paths: { repoRoot: string; depsDir: string; workerJs: string; resultsFile: string },
): BenchOptions {
	const args = new Map<string, string>();
	for (const a of argv) {
		const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
		if (!m) throw new Error(`unknown argument ${a}\n${USAGE}`);
		args.set(m[1], m[2] ?? 'true');
	}
	const quick = args.has('quick');
	const p1 = {
		n: numberArg(args, 'p1-n', quick ? 300 : 1000),
		max: numberArg(args, 'p1-max', 50),
		intervalMs: numberArg(args, 'p1-interval-ms', 1000),
		latencyMs: numberArg(args, 'p1-latency-ms', 50),
		timeoutS: 0,
	};
	p1.timeoutS = numberArg(
		args,
		'p1-timeout-s',
		Math.ceil(30 + 2 * (floorMs(p1.n, p1.max, p1.intervalMs, p1.latencyMs) / 1000)),
	);
	const real = {
		n: numberArg(args, 'real-n', quick ? 300 : 1000),
		max: numberArg(args, 'real-max', 110),
		intervalMs: numberArg(args, 'real-interval-ms', 10000),
		latencyMs: numberArg(args, 'real-latency-ms', 50),
		timeoutS: 0,
	};
	real.timeoutS = Math.ceil(
		30 + 2 * (floorMs(real.n, real.max, real.intervalMs, real.latencyMs) / 1000),
	);
	const multi = {
		n: numberArg(args, 'multi-n', 300),
		processes: Math.max(1, Math.floor(numberArg(args, 'multi-processes', 3))),
		max: numberArg(args, 'multi-max', 100),
		intervalMs: numberArg(args, 'multi-interval-ms', 10000),
		latencyMs: numberArg(args, 'multi-latency-ms', 50),
		timeoutS: 0,
	};
	multi.timeoutS = Math.ceil(
		60 + 3 * (floorMs(multi.n, multi.max, multi.intervalMs, multi.latencyMs) / 1000),
	);
	return {
		real,
		multi,
		oursOnly: args.has('ours-only'),
		only: new Set(
			(args.get('only') ?? 'p1,p2,faults,real,multi').split(',').map((s) => s.trim().toLowerCase()),
		),
		p1,
		p2: {
			n: numberArg(args, 'p2-n', quick ? 2000 : 10000),
			latencyMs: numberArg(args, 'p2-latency-ms', 0),
			timeoutS: numberArg(args, 'p2-timeout-s', 180),
			max: numberArg(args, 'p2-max', 100000),
			intervalMs: numberArg(args, 'p2-interval-ms', 10000),
			repeat: Math.max(1, Math.floor(numberArg(args, 'p2-repeat', quick ? 1 : 2))),
		},
		faults: {
			n: numberArg(args, 'faults-n', quick ? 300 : 1000),
			rate429: numberArg(args, 'faults-429', 0.1),
			rate5xx: numberArg(args, 'faults-5xx', 0.02),
			share5xxAfter: numberArg(args, 'faults-5xx-after', 0.5),
			retryAfterS: args.has('faults-retry-after-s')
				? numberArg(args, 'faults-retry-after-s', 0)
				: undefined,
			latencyMs: numberArg(args, 'faults-latency-ms', 20),
			seed: numberArg(args, 'faults-seed', 42),
			timeoutS: numberArg(args, 'faults-timeout-s', 180),
		},
		...paths,
	};
}

/**
 * Rate-limit floor: the least wall time any client can need for n creates when at most `max` may
 * start within any `intervalMs` (HubSpot's rolling window): the first `max` go at t = 0, batch k at
 * t = k × intervalMs, and the last answer arrives one latency later:
 *   floor = (ceil(n / max) − 1) × intervalMs + latencyMs
 */
export function floorMs(n: number, max: number, intervalMs: number, latencyMs: number): number {
	return Math.max(0, Math.ceil(n / max) - 1) * intervalMs + latencyMs;
}
