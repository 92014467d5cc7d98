#!/usr/bin/env node
/**
 * Summarises a V8 heap snapshot (from BENCH_HEAP_SNAPSHOT_AT, see bench/README.md) by class: count, self size
 * and retained size (dominator tree), optionally minus a baseline snapshot and divided by the pending items.
 *
 *   node bench/heap-summary.mjs run.heapsnapshot [--base=before.heapsnapshot] [--per=10000] [--top=40]
 *        [--retainers=ClassName,…]   # who holds the instances of these classes (first strong retainer's class)
 *
 * A class is an object's constructor name, `closure <function name>`, `(string)`, `(array) <name>`, etc.
 * Retained size: what would be freed with the object (its dominator subtree), summed over the class's objects
 * that no other object of the class dominates (so nested instances are not counted twice).
 */
import fs from 'node:fs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const hit = args.find((a) => a.startsWith(`--${name}=`));
	return hit ? hit.slice(name.length + 3) : fallback;
};
const files = args.filter((a) => !a.startsWith('--'));
const per = Number(option('per', '1'));
const top = Number(option('top', '40'));
const retainersOf = option('retainers', '').split(',').filter(Boolean);

function load(file) {
	const snapshot = JSON.parse(fs.readFileSync(file, 'utf8'));
	const meta = snapshot.snapshot.meta;
	const nf = meta.node_fields.length;
	const ef = meta.edge_fields.length;
	const edgeTypes = meta.edge_types[meta.edge_fields.indexOf('type')];
	const nodes = snapshot.nodes;
	const edges = snapshot.edges;
	const strings = snapshot.strings;
	const n = nodes.length / nf;
	const iType = meta.node_fields.indexOf('type');
	const types = meta.node_types[iType];
	const iName = meta.node_fields.indexOf('name');
	const iSize = meta.node_fields.indexOf('self_size');
	const iEdges = meta.node_fields.indexOf('edge_count');
	const eType = meta.edge_fields.indexOf('type');
	const eTo = meta.edge_fields.indexOf('to_node');
	const firstEdge = new Uint32Array(n + 1);
	for (let i = 0, e = 0; i < n; i++) {
		firstEdge[i] = e;
		e += nodes[i * nf + iEdges] * ef;
	}
	firstEdge[n] = edges.length;
	const weak = edgeTypes.indexOf('weak');
	const shortcut = edgeTypes.indexOf('shortcut');
	const className = (i) => {
		const type = types[nodes[i * nf + iType]];
		const name = strings[nodes[i * nf + iName]];
		switch (type) {
			case 'object':
			case 'native':
				return name;
			case 'closure':
				return `closure ${name || '(anonymous)'}`;
			case 'string':
			case 'concatenated string':
			case 'sliced string':
				return '(string)';
			case 'array':
				return `(array) ${name}`;
			case 'hidden':
				return `(hidden) ${name}`;
			default:
				return `(${type})`;
		}
	};
	return {
		n,
		size: (i) => nodes[i * nf + iSize],
		className,
		*strongEdges(i) {
			for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += ef) {
				const type = edges[e + eType];
				if (type === weak || type === shortcut) continue;
				yield edges[e + eTo] / nf;
			}
		},
	};
}

/** Immediate dominators (Cooper, Harvey & Kennedy), root = node 0. */
function dominators(heap) {
	const { n } = heap;
	const order = new Int32Array(n).fill(-1); // postorder number
	const post = new Uint32Array(n);
	const preds = Array.from({ length: n }, () => []);
	let count = 0;
	const stack = [0];
	const iter = [heap.strongEdges(0)];
	order[0] = -2;
	while (stack.length) {
		const next = iter[iter.length - 1].next();
		if (next.done) {
			const node = stack.pop();
			iter.pop();
			order[node] = count;
			post[count++] = node;
			continue;
		}
		const to = next.value;
		preds[to].push(stack[stack.length - 1]);
		if (order[to] === -1) {
			order[to] = -2;
			stack.push(to);
			iter.push(heap.strongEdges(to));
		}
	}
	const idom = new Int32Array(n).fill(-1);
	idom[0] = 0;
	const intersect = (a, b) => {
		while (a !== b) {
			while (order[a] < order[b]) a = idom[a];
			while (order[b] < order[a]) b = idom[b];
		}
		return a;
	};
	for (let changed = true; changed; ) {
		changed = false;
		for (let k = count - 2; k >= 0; k--) {
			const node = post[k];
			let dom = -1;
			for (const p of preds[node]) {
				if (order[p] < 0 || idom[p] === -1) continue;
				dom = dom === -1 ? p : intersect(p, dom);
			}
			if (dom !== -1 && idom[node] !== dom) {
				idom[node] = dom;
				changed = true;
			}
		}
	}
	// Retained sizes: children before parents (postorder).
	const retained = new Float64Array(n);
	for (let k = 0; k < count; k++) {
		const node = post[k];
		retained[node] += heap.size(node);
		if (node !== 0 && idom[node] >= 0) retained[idom[node]] += retained[node];
	}
	return { idom, retained, reachable: (i) => order[i] >= 0, preds };
}

function summarise(file) {
	const heap = load(file);
	const dom = dominators(heap);
	const classes = new Map();
	const classOf = new Array(heap.n);
	for (let i = 0; i < heap.n; i++) classOf[i] = heap.className(i);
	for (let i = 0; i < heap.n; i++) {
		if (!dom.reachable(i)) continue;
		const name = classOf[i];
		let c = classes.get(name);
		if (!c) classes.set(name, (c = { count: 0, self: 0, retained: 0 }));
		c.count++;
		c.self += heap.size(i);
		// Retained: only the outermost instance of the class on its dominator chain.
		let up = dom.idom[i];
		let nested = false;
		while (up > 0) {
			if (classOf[up] === name) {
				nested = true;
				break;
			}
			up = dom.idom[up];
		}
		if (!nested) c.retained += dom.retained[i];
	}
	const retainers = new Map();
	for (const wanted of retainersOf) {
		const byClass = new Map();
		for (let i = 0; i < heap.n; i++) {
			if (classOf[i] !== wanted || !dom.reachable(i)) continue;
			const holders = [...new Set(dom.preds[i].map((p) => classOf[p]))].sort().join(' + ');
			byClass.set(holders, (byClass.get(holders) ?? 0) + 1);
			const d = dom.idom[i];
			const key = `dominated by ${classOf[d]}`;
			byClass.set(key, (byClass.get(key) ?? 0) + 1);
		}
		retainers.set(wanted, byClass);
	}
	let total = 0;
	for (let i = 0; i < heap.n; i++) if (dom.reachable(i)) total += heap.size(i);
	return { classes, retainers, total };
}

const kb = (bytes) => (bytes / 1024).toFixed(bytes / per < 10 * 1024 ? 2 : 1);
const [file] = files;
const run = summarise(file);
const baseFile = option('base', '');
const base = baseFile ? summarise(baseFile) : { classes: new Map(), total: 0 };
const rows = [...run.classes].map(([name, c]) => {
	const b = base.classes.get(name) ?? { count: 0, self: 0, retained: 0 };
	return {
		name,
		count: (c.count - b.count) / per,
		self: (c.self - b.self) / per,
		retained: (c.retained - b.retained) / per,
	};
});
console.log(
	`${file}${baseFile ? ` minus ${baseFile}` : ''}${per !== 1 ? `, per item (÷ ${per})` : ''}: ` +
		`reachable self size ${((run.total - base.total) / per / 1024).toFixed(2)} KB`,
);
console.log('\nby self size\ncount\tself KB\tretained KB\tclass');
for (const r of [...rows].sort((a, b) => b.self - a.self).slice(0, top))
	console.log(`${r.count.toFixed(2)}\t${kb(r.self)}\t${kb(r.retained)}\t${r.name}`);
console.log('\nby retained size\ncount\tself KB\tretained KB\tclass');
for (const r of [...rows].sort((a, b) => b.retained - a.retained).slice(0, top))
	console.log(`${r.count.toFixed(2)}\t${kb(r.self)}\t${kb(r.retained)}\t${r.name}`);
for (const [name, byClass] of run.retainers) {
	console.log(`\nretainers of ${name}`);
	for (const [holders, count] of [...byClass].sort((a, b) => b[1] - a[1]).slice(0, 15))
		console.log(`${count}\t${holders}`);
}
