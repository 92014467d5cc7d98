#!/usr/bin/env node
/**
 * Summarises a sampling heap profile (BENCH_HEAP_SAMPLING=1 with BENCH_MEMORY_TRACE=dir, see bench/README.md):
 * bytes allocated by the run that a scavenge did not free (live at the end, or left for a mark-compact: what
 * fills the old space and so the peak RSS), by allocating function and by owner.
 *
 *   node bench/heap-profile-summary.mjs run.heapprofile [--per=10000] [--top=30]
 *
 * Owner: the package of the allocating function, and whether the node's own code (dist/nodes) is on the stack.
 */
import fs from 'node:fs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const hit = args.find((a) => a.startsWith(`--${name}=`));
	return hit ? hit.slice(name.length + 3) : fallback;
};
const [file] = args.filter((a) => !a.startsWith('--'));
const per = Number(option('per', '1'));
const top = Number(option('top', '30'));
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
// --under=fn1,fn2: also the bytes allocated with each of these functions on the stack.
const under = option('under', '').split(',').filter(Boolean);
const byUnder = new Map();

/** A frame as `function file:line`, the file shortened to its package path or dist/. */
const where = (frame) =>
	`${frame.functionName || '(anonymous)'} ${frame.url.replace(/.*node_modules[\\/]/, '').replace(/.*[\\/]dist[\\/]/, 'dist/')}:${frame.lineNumber + 1}`;

function packageOf(url) {
	if (!url) return '(native/V8)';
	if (url.startsWith('node:')) return 'node';
	if (/[\\/]dist[\\/](nodes|credentials)[\\/]/.test(url) && !url.includes('node_modules'))
		return 'ours';
	const m = /node_modules[\\/]((@[^\\/]+[\\/])?[^\\/]+)/.exec(
		url.split('node_modules').length > 2 ? url.slice(url.lastIndexOf('node_modules')) : url,
	);
	if (m) return m[1];
	if (url.includes('bench-build')) return 'bench';
	return url;
}

const bySite = new Map();
const byOwner = new Map();
const byOursFrame = new Map();
let total = 0;
function walk(node, stack) {
	const frame = node.callFrame;
	const here = [...stack, frame];
	if (node.selfSize) {
		total += node.selfSize;
		const pkg = packageOf(frame.url);
		const site = where(frame);
		bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
		// Ours on the stack: the innermost frame of the node's own code.
		const ours = [...here].reverse().find((f) => packageOf(f.url) === 'ours');
		const owner = `${pkg}${ours ? ' (under ours)' : ''}`;
		byOwner.set(owner, (byOwner.get(owner) ?? 0) + node.selfSize);
		for (const name of under)
			if (here.some((f) => f.functionName === name))
				byUnder.set(name, (byUnder.get(name) ?? 0) + node.selfSize);
		if (ours) {
			const key = where(ours);
			byOursFrame.set(key, (byOursFrame.get(key) ?? 0) + node.selfSize);
		}
	}
	for (const child of node.children ?? []) walk(child, here);
}
walk(profile.head, []);

const kb = (bytes) => (bytes / per / 1024).toFixed(2);
const print = (title, map) => {
	console.log(`\n${title}\nKB${per !== 1 ? ' per item' : ''}\t%\twhere`);
	for (const [key, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
		console.log(`${kb(bytes)}\t${((100 * bytes) / total).toFixed(1)}\t${key}`);
};
console.log(`${file}: ${kb(total)} KB${per !== 1 ? ` per item (÷ ${per})` : ''} sampled`);
print('by owner (allocating package)', byOwner);
print('by allocating function', bySite);
print("by the node's own innermost frame on the stack", byOursFrame);
if (under.length) print('with these functions on the stack', byUnder);
