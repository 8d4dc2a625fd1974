#!/usr/bin/env node
// `npm run test:e2e`: builds the package and tools, installs the pinned n8n versions (cached outside
// the repo), packs the package once, then runs test/e2e/n8n.test.mjs against each n8n version in turn
// and test/e2e/queue.test.mjs (main + webhook process + workers, Redis) against the queue versions.
// E2E_VERSIONS="2.41.1 1.123.81" (default both), E2E_QUEUE_VERSIONS="2.41.1" (default; "" = none),
// E2E_WORKERS=2 (workers in queue mode), E2E_LAZY_VERSIONS="2.41.1" (default; "" = none): n8n.test.mjs
// once more with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true, the setting the README recommends for busy
// instances, so that what we recommend is what we test. E2E_FILES="n8n.test.mjs webhooks.test.mjs
// security.test.mjs health.test.mjs fastRegistration.test.mjs miniprogramLogin.test.mjs
// miniprogram.test.mjs" (default all): the single-process files run against E2E_VERSIONS. Queue mode
// installs redis-server when it is missing (test/helpers/redis.ts, through the harness).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { ensureN8n, N8N_1X, N8N_2X } from './n8n/install.mjs';
import { buildRepo, packPackage, REPO_ROOT } from './n8n/launcher.mjs';

const list = (value, fallback) => (value ?? fallback).split(/[\s,]+/).filter(Boolean);
const versions = list(process.env.E2E_VERSIONS, `${N8N_2X} ${N8N_1X}`);
const queueVersions = list(process.env.E2E_QUEUE_VERSIONS, N8N_2X);
const lazyVersions = list(process.env.E2E_LAZY_VERSIONS, N8N_2X);
const files = list(
	process.env.E2E_FILES,
	'n8n.test.mjs webhooks.test.mjs security.test.mjs health.test.mjs fastRegistration.test.mjs miniprogramLogin.test.mjs miniprogram.test.mjs',
);
const LAZY = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };
const t0 = Date.now();
const secs = (from) => ((Date.now() - from) / 1000).toFixed(1);

function runTests(env, files) {
	return new Promise((resolve) => {
		const child = spawn(
			process.execPath,
			['--test', '--test-reporter=spec', '--test-concurrency=1', ...files],
			{
				cwd: REPO_ROOT,
				env: { ...process.env, ...env },
				stdio: 'inherit',
			},
		);
		child.on('exit', (code) => resolve(code ?? 1));
	});
}

let t = Date.now();
await buildRepo({ tools: true });
const tarball = await packPackage();
console.log(`[e2e] build + pack: ${secs(t)} s`);
t = Date.now();
const all = [...new Set([...versions, ...queueVersions, ...lazyVersions])];
for (const v of all) await ensureN8n(v);
console.log(`[e2e] n8n ${all.join(', ')} installed/cached: ${secs(t)} s`);

const suites = [
	...versions.flatMap((version) =>
		files.map((file) => ({ what: `n8n ${version} ${file}`, version, file })),
	),
	...queueVersions.map((version) => ({
		what: `n8n ${version} queue mode`,
		version,
		file: 'queue.test.mjs',
	})),
	...lazyVersions.map((version) => ({
		what: `n8n ${version}, lazy expression isolates`,
		version,
		file: 'n8n.test.mjs',
		env: LAZY,
	})),
];
const results = [];
for (const suite of suites) {
	t = Date.now();
	const env = { E2E_N8N_VERSION: suite.version, E2E_TARBALL: tarball, ...suite.env };
	const code = await runTests(env, [join('test', 'e2e', suite.file)]);
	results.push({ what: suite.what, code, seconds: secs(t) });
}
for (const r of results)
	console.log(`[e2e] ${r.what}: ${r.code === 0 ? 'passed' : 'FAILED'} in ${r.seconds} s`);
console.log(`[e2e] total ${secs(t0)} s`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
