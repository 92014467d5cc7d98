/**
 * TypeScript to CommonJS without type checking (`npm test` type-checks test/ already): for scripts that
 * run test-side TypeScript (the harness, the live check) under plain `node`. Output keeps the files'
 * paths relative to the repository, inside the project (so `require` finds node_modules).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { ROOT } from './n8n-install.mjs';

const require = createRequire(import.meta.url);

/** Transpiles every *.ts (tests and .d.ts left out) in `folders` (relative to ROOT) into a fresh folder under .cache/build. */
export function transpileFolders(folders, { prefix = 'ts-' } = {}) {
	const ts = require('typescript');
	const buildRoot = path.join(ROOT, '.cache', 'build');
	mkdirSync(buildRoot, { recursive: true });
	const outDir = mkdtempSync(path.join(buildRoot, prefix));
	for (const folder of folders) {
		for (const name of readdirSync(path.join(ROOT, folder))) {
			if (!name.endsWith('.ts') || name.endsWith('.test.ts') || name.endsWith('.d.ts')) continue;
			const source = readFileSync(path.join(ROOT, folder, name), 'utf8');
			const { outputText } = ts.transpileModule(source, {
				fileName: name,
				compilerOptions: {
					module: ts.ModuleKind.CommonJS,
					target: ts.ScriptTarget.ES2022,
					esModuleInterop: true,
					isolatedModules: true,
				},
			});
			mkdirSync(path.join(outDir, folder), { recursive: true });
			writeFileSync(path.join(outDir, folder, name.replace(/\.ts$/, '.js')), outputText);
		}
	}
	return outDir;
}
