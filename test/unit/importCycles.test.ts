/**
 * No import cycles in product code or the simulator, type-only imports included: a cycle means two
 * files that can only be read (and loaded) together.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

function tsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = join(dir, e.name);
		if (e.isDirectory()) return tsFiles(p);
		return p.endsWith('.ts') ? [p] : [];
	});
}

/** Relative `import … from` / `export … from` targets of a file, resolved to .ts files. */
function localImports(file: string): string[] {
	const src = readFileSync(file, 'utf8');
	const out: string[] = [];
	for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
		const target = resolve(dirname(file), m[1]);
		const found = [`${target}.ts`, join(target, 'index.ts')].find((p) => existsSync(p));
		if (found) out.push(found);
	}
	return out;
}

function importCycles(files: string[]): string[] {
	const graph = new Map<string, string[]>();
	const deps = (f: string) => graph.get(f) ?? graph.set(f, localImports(f)).get(f)!;
	const mark = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const cycles: string[] = [];
	const visit = (f: string) => {
		mark.set(f, 'open');
		stack.push(f);
		for (const dep of deps(f)) {
			if (mark.get(dep) === 'open') {
				const loop = [...stack.slice(stack.indexOf(dep)), dep];
				cycles.push(loop.map((p) => relative(ROOT, p)).join(' -> '));
			} else if (!mark.has(dep)) visit(dep);
		}
		stack.pop();
		mark.set(f, 'done');
	};
	for (const f of files) if (!mark.has(f)) visit(f);
	return cycles;
}

test.each(['simulator', 'core', 'nodes'])('%s/ has no import cycle', (dir) => {
	const files = tsFiles(join(ROOT, dir));
	expect(files.length).toBeGreaterThan(5);
	expect(importCycles(files)).toEqual([]);
});

test('the check finds a cycle made of type-only imports', () => {
	const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
	try {
		writeFileSync(join(dir, 'a.ts'), "import type { B } from './b';\nexport type A = B;\n");
		writeFileSync(join(dir, 'b.ts'), "import type { A } from './a';\nexport type B = A[];\n");
		writeFileSync(join(dir, 'c.ts'), "import type { A } from './a';\nexport type C = A;\n");
		expect(importCycles(tsFiles(dir))).toHaveLength(1);
		expect(importCycles([join(dir, 'c.ts')])).toHaveLength(1);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
