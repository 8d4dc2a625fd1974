#!/usr/bin/env node
// `npm run test:e2e`: builds the package and tools, installs the pinned n8n versions (cached outside
// the repo), packs the package once, then runs test/e2e against each n8n version in turn.
// E2E_VERSIONS="2.41.1 1.123.81" (default both) picks versions.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { ensureN8n, N8N_1X, N8N_2X } from './n8n/install.mjs';
import { buildRepo, packPackage, REPO_ROOT } from './n8n/launcher.mjs';

const versions = (process.env.E2E_VERSIONS || `${N8N_2X} ${N8N_1X}`).split(/[\s,]+/).filter(Boolean);
const t0 = Date.now();
const secs = (from) => ((Date.now() - from) / 1000).toFixed(1);

function runTests(env, files) {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
			cwd: REPO_ROOT,
			env: { ...process.env, ...env },
			stdio: 'inherit',
		});
		child.on('exit', (code) => resolve(code ?? 1));
	});
}

let t = Date.now();
await buildRepo({ tools: true });
const tarball = await packPackage();
console.log(`[e2e] build + pack: ${secs(t)} s`);
t = Date.now();
for (const v of versions) await ensureN8n(v);
console.log(`[e2e] n8n ${versions.join(', ')} installed/cached: ${secs(t)} s`);

const results = [];
for (const version of versions) {
	t = Date.now();
	const code = await runTests({ E2E_N8N_VERSION: version, E2E_TARBALL: tarball }, [join('test', 'e2e', 'n8n.test.mjs')]);
	results.push({ what: `n8n ${version}`, code, seconds: secs(t) });
}
for (const r of results) console.log(`[e2e] ${r.what}: ${r.code === 0 ? 'passed' : 'FAILED'} in ${r.seconds} s`);
console.log(`[e2e] total ${secs(t0)} s`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
