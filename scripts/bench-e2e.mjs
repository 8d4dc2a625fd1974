#!/usr/bin/env node
// `npm run bench:e2e`: end-to-end speed in one real n8n 2.41.1 (installed and started like the e2e
// suite), loopback only, in one run:
//   - message → passive reply through our trigger (responseNode) + Reply, against n8n's own
//     Webhook → Respond to Webhook (typeVersion 1) answering a fixed body of the same size;
//   - requests the trigger answers itself without an execution (ticket pushes, filtered events,
//     WeChat's retries of a message already seen) against the execution path.
// Every request is signed and encrypted before its cell starts (the client's crypto is not measured);
// timestamps are fresh per cell (the trigger refuses pushes older than 300 s) and MsgIds unique.
// BENCH_REQUESTS (default 300) measured per cell after BENCH_WARMUP (default 30); BENCH_CONCURRENCY
// (default "1 10"). Prints a table; also writes .e2e/bench-e2e.json.
// `--if-installed` (used by `npm run bench`): do nothing unless n8n 2.41.1 is already in the cache.
import { rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

import { N8N_2X, ensureN8n, isInstalled } from './n8n/install.mjs';
import { REPO_ROOT, buildRepo, packPackage } from './n8n/launcher.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS || 300);
const WARMUP = Number(process.env.BENCH_WARMUP || 30);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY || '1 10')
	.split(/[\s,]+/)
	.filter(Boolean)
	.map(Number);
// BENCH_SCENARIOS (default all): a subset of trigger, n8n, ticket, filtered, duplicate, e.g. to profile one path.
const ONLY = (process.env.BENCH_SCENARIOS || '').split(/[\s,]+/).filter(Boolean);
const VERSION = N8N_2X;
const REPLY_TEXT = 'Thanks! We got your message and will get back to you shortly.';

const log = (m) => console.error(`[bench:e2e] ${m}`);

if (process.argv.includes('--if-installed') && !isInstalled(VERSION)) {
	log(
		`n8n ${VERSION} is not installed: skipping the end-to-end benchmark (npm run bench:e2e installs it, a few minutes)`,
	);
	process.exit(0);
}

log('building the package and tools');
await buildRepo({ tools: true });
process.env.E2E_TARBALL = await packPackage();
await ensureN8n(VERSION);
// The harness loads build/tools at import time, so it comes after the build.
const {
	ACCOUNT,
	EXAMPLES,
	activateOnly,
	addWorkflow,
	createEnvironment,
	destroyEnvironment,
	executions,
	readWorkflow,
	sim,
	waitForWebhook,
} = await import('../test/e2e/harness.mjs');

/** Our workflow: the echo example with a fixed reply text (no expression, like the n8n side). */
function triggerWorkflow() {
	const wf = readWorkflow(EXAMPLES.echo);
	wf.name = 'Bench: WeChat trigger → Reply';
	wf.nodes.find((n) => n.name === 'Reply').parameters.content = REPLY_TEXT;
	return wf;
}

/** n8n's own pair: Webhook (respond with a later node) → Respond to Webhook v1 with a fixed text body. */
function n8nWorkflow(body) {
	return {
		name: 'Bench: n8n Webhook → Respond to Webhook',
		nodes: [
			{
				id: 'b0000000-0000-4000-8000-00000000000a',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b0e2e000-e40c-4e51-9c6e-7e0a2b1fbe0c',
				parameters: {
					httpMethod: 'POST',
					path: 'bench-n8n',
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				id: 'b0000000-0000-4000-8000-00000000000b',
				name: 'Respond to Webhook',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1,
				position: [260, 0],
				parameters: { respondWith: 'text', responseBody: body, options: {} },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] } },
	};
}

/** Sends pre-built requests with `concurrency` keep-alive clients; returns per-request latencies (ms). */
async function drive(requests, concurrency, check) {
	const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
	const latencies = new Array(requests.length);
	let next = 0;
	let failures = 0;
	let firstFailure;
	const one = (r) =>
		new Promise((resolve, reject) => {
			const t0 = process.hrtime.bigint();
			const req = request(
				r.url,
				{
					method: 'POST',
					agent,
					headers: { 'content-type': 'text/xml', 'content-length': r.body.length },
				},
				(res) => {
					const chunks = [];
					res.on('data', (c) => chunks.push(c));
					res.on('end', () =>
						resolve({
							ms: Number(process.hrtime.bigint() - t0) / 1e6,
							status: res.statusCode,
							body: Buffer.concat(chunks).toString(),
						}),
					);
					res.on('error', reject);
				},
			);
			req.on('error', reject);
			req.end(r.body);
		});
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			for (;;) {
				const i = next++;
				if (i >= requests.length) return;
				const res = await one(requests[i]);
				latencies[i] = res.ms;
				if (!check(res)) {
					failures++;
					firstFailure ??= `${res.status} ${res.body.slice(0, 200)}`;
				}
			}
		}),
	);
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	agent.destroy();
	return { latencies, wallMs, failures, firstFailure };
}

function stats(latencies, wallMs) {
	const sorted = [...latencies].sort((a, b) => a - b);
	const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
	return { n: sorted.length, rps: (sorted.length / wallMs) * 1000, p50: at(0.5), p99: at(0.99) };
}

const asUrl = (base, push) => {
	const u = new URL(base);
	for (const [k, v] of Object.entries(push.query)) u.searchParams.append(k, v);
	return { url: u.toString(), body: Buffer.from(push.body) };
};

const t0 = Date.now();
log(`starting n8n ${VERSION}`);
// A folder of its own per run: two runs at once (say, two people's `npm run bench`) must not share one.
const env = await createEnvironment({ name: `bench-${VERSION}-${process.pid}`, version: VERSION });
const results = [];
try {
	const s = env.simulator;
	s.addAuthorizer(ACCOUNT);
	await addWorkflow(env, 'bench', triggerWorkflow());
	const urls = await activateOnly(env, 'bench');
	if ((await s.pushTicket(urls.authorization)).body !== 'success')
		throw new Error('ticket push failed');
	const authorized = await s.pushAuthorizationEvent(urls.authorization, {
		infoType: 'authorized',
		authorizerAppId: ACCOUNT.appId,
	});
	if (authorized.body !== 'success') throw new Error('authorization failed');
	const messageUrl = urls.callback(ACCOUNT.appId);

	// The n8n side answers exactly as many bytes as our encrypted reply.
	const sample = await s.pushMessage(messageUrl, ACCOUNT.appId, {
		MsgType: 'text',
		Content: 'sample',
	});
	if (!sample.reply || sample.reply.fields.Content !== REPLY_TEXT)
		throw new Error(`no passive reply: ${sample.body}`);
	const replyBytes = Buffer.byteLength(sample.body);
	const n8nWf = await env.api.createWorkflow(n8nWorkflow('x'.repeat(replyBytes)));
	await env.api.activateWorkflow(n8nWf.id);
	const n8nUrl = `${env.processes.main.baseUrl}/webhook/bench-n8n`;
	await waitForWebhook(n8nUrl);

	const keys = {
		appId: env.component.appId,
		token: env.component.token,
		encodingAESKey: env.component.encodingAESKey,
	};
	let seq = 0;
	const text = () =>
		s.buildMessagePush(ACCOUNT.appId, {
			MsgType: 'text',
			Content: `bench message ${++seq}`,
			FromUserName: `oBench${String(seq).padStart(22, '0')}`,
		});
	let duplicate;
	const scenarios = [
		{
			key: 'trigger',
			label: 'WeChat trigger → Reply (execution)',
			build: () => asUrl(messageUrl, text()),
			check: (r) => r.status === 200 && r.body.includes('<Encrypt>'),
		},
		{
			key: 'n8n',
			label: 'n8n Webhook → Respond to Webhook v1 (execution)',
			build: () => asUrl(n8nUrl, text()),
			check: (r) => r.status === 200 && Buffer.byteLength(r.body) === replyBytes,
		},
		{
			key: 'ticket',
			noExecution: true,
			label: 'ticket push (stored, no execution)',
			build: () => {
				const now = Math.floor(Date.now() / 1000);
				return asUrl(
					urls.authorization,
					sim.buildPush(keys, sim.ticketXml(keys.appId, `ticket@@@bench-${++seq}`, now), {
						envelope: { appId: keys.appId },
					}),
				);
			},
			check: (r) => r.status === 200 && r.body === 'success',
		},
		{
			key: 'filtered',
			noExecution: true,
			label: 'filtered event (no execution)',
			build: () =>
				asUrl(
					messageUrl,
					s.buildMessagePush(ACCOUNT.appId, {
						MsgType: 'event',
						Event: 'subscribe',
						EventKey: '',
						FromUserName: `oFilter${String(++seq).padStart(21, '0')}`,
					}),
				),
			check: (r) => r.status === 200,
		},
		{
			key: 'duplicate',
			noExecution: true,
			label: 'retry of a message already seen (no execution)',
			// A fresh message per cell (timestamps age): its first delivery runs, every later one is a retry.
			prepare: async () => {
				duplicate = text();
				await drive([asUrl(messageUrl, duplicate)], 1, (r) => r.status === 200);
			},
			build: () => asUrl(messageUrl, duplicate),
			check: (r) => r.status === 200,
		},
	];
	// Executions of our workflow, by id (saving trails the answer a little: wait until the count holds).
	const ourRuns = async () => {
		let last = -1;
		for (;;) {
			const ids = new Set((await executions(env, 'bench')).map((e) => e.id));
			if (ids.size === last) return ids.size;
			last = ids.size;
			await new Promise((r) => setTimeout(r, 500));
		}
	};
	for (const scenario of scenarios) {
		if (ONLY.length && !ONLY.includes(scenario.key)) continue;
		for (const concurrency of CONCURRENCY) {
			const runsBefore = scenario.noExecution ? await ourRuns() : 0;
			await scenario.prepare?.();
			const warm = Array.from({ length: WARMUP }, scenario.build);
			await drive(warm, concurrency, scenario.check);
			const measured = Array.from({ length: REQUESTS }, scenario.build);
			const run = await drive(measured, concurrency, scenario.check);
			if (run.failures)
				throw new Error(
					`${scenario.label} at ${concurrency}: ${run.failures} bad answers, e.g. ${run.firstFailure}`,
				);
			if (scenario.noExecution) {
				const started = (await ourRuns()) - runsBefore - (scenario.prepare ? 1 : 0);
				if (started !== 0)
					throw new Error(`${scenario.label} at ${concurrency}: ${started} executions started`);
			}
			const row = {
				scenario: scenario.key,
				label: scenario.label,
				concurrency,
				...stats(run.latencies, run.wallMs),
			};
			results.push(row);
			log(
				`${scenario.label} @${concurrency}: ${row.rps.toFixed(1)} req/s, p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms`,
			);
		}
	}
} finally {
	await destroyEnvironment(env);
	rmSync(env.folder, { recursive: true, force: true });
}

const find = (key, c) => results.find((r) => r.scenario === key && r.concurrency === c);
const pad = (v, n) => String(v).padStart(n);
const lines = [
	`n8n ${VERSION}, SQLite, loopback, ${REQUESTS} requests per cell after ${WARMUP} warm-up, Node ${process.versions.node} client`,
	`expression engine: ${
		Object.entries(process.env)
			.filter(([k]) => k.startsWith('N8N_EXPRESSION_ENGINE'))
			.map(([k, v]) => `${k}=${v}`)
			.join(' ') || "n8n's defaults"
	}`,
	'',
	`| ${'scenario'.padEnd(50)} | clients |   req/s |  p50 ms |  p99 ms |`,
	`|${'-'.repeat(52)}|--------:|--------:|--------:|--------:|`,
	...results.map(
		(r) =>
			`| ${r.label.padEnd(50)} | ${pad(r.concurrency, 7)} | ${pad(r.rps.toFixed(1), 7)} | ${pad(r.p50.toFixed(1), 7)} | ${pad(r.p99.toFixed(1), 7)} |`,
	),
	'',
];
for (const c of CONCURRENCY) {
	const ours = find('trigger', c);
	const theirs = find('n8n', c);
	if (ours && theirs)
		lines.push(
			`${c} client(s): trigger + Reply / n8n Webhook + Respond = ${(ours.rps / theirs.rps).toFixed(2)}× req/s`,
		);
	for (const key of ['ticket', 'filtered', 'duplicate']) {
		const r = find(key, c);
		if (r && ours)
			lines.push(
				`  ${r.label}: ${(r.rps / ours.rps).toFixed(1)}× the req/s of a message that starts an execution`,
			);
	}
}
lines.push('', `total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(lines.join('\n'));
writeFileSync(
	join(REPO_ROOT, '.e2e', 'bench-e2e.json'),
	JSON.stringify({ version: VERSION, requests: REQUESTS, warmup: WARMUP, results }, null, 2),
);
