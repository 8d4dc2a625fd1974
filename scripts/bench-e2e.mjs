#!/usr/bin/env node
// `npm run bench:e2e`: end-to-end speed in one real n8n 2.41.1 (installed and started like the e2e
// suite), loopback only, in one run:
//   - message → passive reply through our trigger (responseNode) + Reply, against n8n's own
//     Webhook → Respond to Webhook answering a body of the same size, for two workloads: a fixed
//     text (`trigger`, `n8n`) and a text with one expression (`trigger-echo`, `n8n-echo`);
//   - the same through a community trigger that does nothing (bench/minimal-trigger: version 1 with
//     the hidden options.binaryData, like ours) → Respond to Webhook (`minimal`, `minimal-echo`):
//     what n8n costs for any such trigger, so the rest is ours;
//   - requests the trigger answers itself without an execution (ticket pushes, filtered events,
//     WeChat's retries of a message already seen) against the execution path.
// BENCH_QUEUE=1: queue mode instead (main + webhook process + BENCH_WORKERS (default 2) workers,
// Redis for n8n's queue and the credential's store); requests go to the webhook process.
// Every request is signed and encrypted before its cell starts (the client's crypto is not measured);
// timestamps are fresh per cell (the trigger refuses pushes older than 300 s) and MsgIds unique.
// BENCH_REQUESTS (default 300) measured per cell after BENCH_WARMUP (default 30); BENCH_CONCURRENCY
// (default "1 10"). Prints a table ("other answers": e.g. a late Reply's `success`); also writes
// .e2e/bench-e2e.json (bench-e2e-queue.json in queue mode).
// `--if-installed` (used by `npm run bench`): do nothing unless n8n 2.41.1 is already in the cache.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import { N8N_2X, ensureN8n, isInstalled } from './n8n/install.mjs';
import { REPO_ROOT, buildRepo, packPackage, triggerUrls } from './n8n/launcher.mjs';
import { postXml } from './n8n/post.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS || 300);
const WARMUP = Number(process.env.BENCH_WARMUP || 30);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY || '1 10')
	.split(/[\s,]+/)
	.filter(Boolean)
	.map(Number);
// BENCH_SCENARIOS (default all): a subset of trigger, trigger-echo, n8n, n8n-echo, minimal,
// minimal-echo, ticket, filtered, duplicate, e.g. to profile one path; run in the order given.
const ONLY = (process.env.BENCH_SCENARIOS || '').split(/[\s,]+/).filter(Boolean);
const VERSION = N8N_2X;
const QUEUE = process.env.BENCH_QUEUE === '1';
const WORKERS = Number(process.env.BENCH_WORKERS || 2);
const REPLY_TEXT = 'Thanks! We got your message and will get back to you shortly.';
const ECHO_PREFIX = 'You said: ';
const MINIMAL_DIR = join(REPO_ROOT, 'bench', 'minimal-trigger');
const MINIMAL_TYPE = 'n8n-nodes-bench-minimal-trigger.benchMinimalTrigger';

const log = (m) => console.error(`[bench:e2e] ${m}`);

if (process.argv.includes('--if-installed') && !isInstalled(VERSION)) {
	log(
		`n8n ${VERSION} is not installed: skipping the end-to-end benchmark (npm run bench:e2e installs it, a few minutes)`,
	);
	process.exit(0);
}

// E2E_TARBALL (a tarball of this package, e.g. from the previous run's log) skips the build when
// build/tools is there too: several runs in a row with different settings measure the same build.
if (
	process.env.E2E_TARBALL &&
	existsSync(process.env.E2E_TARBALL) &&
	existsSync(join(REPO_ROOT, 'build/tools'))
) {
	log(`using ${process.env.E2E_TARBALL} and build/tools as they are`);
} else {
	log('building the package and tools');
	await buildRepo({ tools: true });
	process.env.E2E_TARBALL = await packPackage();
	log(`package: ${process.env.E2E_TARBALL}`);
}
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
	publicBase,
	readWorkflow,
	restart,
	sim,
	waitForWebhook,
} = await import('../test/e2e/harness.mjs');

/**
 * Our workflow: the echo example, answering `You said: {{ $json.Content }}` (`echo`) or a fixed
 * text (no expression, like the n8n side's fixed workload).
 */
function triggerWorkflow(echo) {
	const wf = readWorkflow(EXAMPLES.echo);
	wf.name = `Bench: WeChat trigger → Reply (${echo ? 'echo' : 'fixed text'})`;
	const reply = wf.nodes.find((n) => n.name === 'Reply');
	if (echo) {
		if (!String(reply.parameters.content).includes('{{'))
			throw new Error('the echo example no longer answers with an expression');
		// A webhookId of its own: both workflows are active at once.
		wf.nodes.find((n) => n.webhookId).webhookId = '0e5c40a1-e40c-4e51-9c6e-7e0a2b1f0e40';
	} else {
		reply.parameters.content = REPLY_TEXT;
	}
	return wf;
}

/**
 * A start node (n8n's Webhook, or the minimal community trigger) → n8n's Respond to Webhook v1
 * answering `body` (a fixed text, or a template with one expression).
 */
function respondWorkflow(key, start, body, index) {
	const startName = start.name;
	const id = (n) => `b0000000-0000-4000-8000-0000000000${index}${n}`;
	return {
		name: `Bench: ${startName} → Respond to Webhook (${key})`,
		nodes: [
			{ id: id('a'), position: [0, 0], ...start },
			{
				id: id('b'),
				name: 'Respond to Webhook',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1,
				position: [260, 0],
				parameters: { respondWith: 'text', responseBody: body, options: {} },
			},
		],
		connections: {
			[startName]: { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] },
		},
	};
}

const n8nWebhook = (path, webhookId) => ({
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId,
	parameters: { httpMethod: 'POST', path, responseMode: 'responseNode', options: {} },
});

// No parameters saved: the hidden options.binaryData default applies, as in our trigger.
const minimalTrigger = (webhookId) => ({
	name: 'Bench Minimal Trigger',
	type: MINIMAL_TYPE,
	typeVersion: 1,
	webhookId,
	parameters: {},
});

/** Puts the minimal trigger into n8n's community-nodes folder (n8n loads it at its next start). */
function installMinimalTrigger(folder) {
	const nodesDir = join(folder, '.n8n', 'nodes');
	const pkg = JSON.parse(readFileSync(join(MINIMAL_DIR, 'package.json'), 'utf8'));
	cpSync(MINIMAL_DIR, join(nodesDir, 'node_modules', pkg.name), { recursive: true });
	const hostPath = join(nodesDir, 'package.json');
	const host = JSON.parse(readFileSync(hostPath, 'utf8'));
	host.dependencies = { ...host.dependencies, [pkg.name]: pkg.version };
	writeFileSync(hostPath, JSON.stringify(host, null, 2));
}

/** Sends pre-built requests with `concurrency` keep-alive clients; returns per-request latencies (ms). */
async function drive(requests, concurrency, check) {
	const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
	const latencies = new Array(requests.length);
	let next = 0;
	let failures = 0;
	let firstFailure;
	const one = async (r) => {
		const res = await postXml(agent, r.url, r.body);
		// Every request here is genuine: a dropped connection stops the run, as it always did.
		if (res.status === 'error') throw new Error(`${r.url}: ${res.body}`);
		return res;
	};
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
const loadAtStart = loadavg();
log(
	`starting n8n ${VERSION}${QUEUE ? ` in queue mode (webhook process + ${WORKERS} workers)` : ''}`,
);
// A folder of its own per run: two runs at once (say, two people's `npm run bench`) must not share one.
const env = await createEnvironment({
	name: `bench-${VERSION}-${process.pid}`,
	version: VERSION,
	queue: QUEUE,
	workers: WORKERS,
});
const results = [];
try {
	installMinimalTrigger(env.folder);
	await restart(env);
	const s = env.simulator;
	s.addAuthorizer(ACCOUNT);
	await addWorkflow(env, 'bench', triggerWorkflow(false));
	const urls = await activateOnly(env, 'bench');
	if ((await s.pushTicket(urls.authorization)).body !== 'success')
		throw new Error('ticket push failed');
	const authorized = await s.pushAuthorizationEvent(urls.authorization, {
		infoType: 'authorized',
		authorizerAppId: ACCOUNT.appId,
	});
	if (authorized.body !== 'success') throw new Error('authorization failed');
	const messageUrl = urls.callback(ACCOUNT.appId);
	// The echo workflow next to it (activateOnly would switch the first one off).
	const echoWf = await addWorkflow(env, 'bench-echo', triggerWorkflow(true));
	await env.api.activateWorkflow(echoWf.id);
	const echoUrl = triggerUrls(echoWf.source, publicBase(env)).callback(ACCOUNT.appId);
	await waitForWebhook(echoUrl);

	// The other side answers as many bytes as our encrypted reply.
	const sample = await s.pushMessage(messageUrl, ACCOUNT.appId, {
		MsgType: 'text',
		Content: 'sample',
	});
	if (!sample.reply || sample.reply.fields.Content !== REPLY_TEXT)
		throw new Error(`no passive reply: ${sample.body}`);
	const echoSample = await s.pushMessage(echoUrl, ACCOUNT.appId, { MsgType: 'text', Content: 'x' });
	if (echoSample.reply?.fields.Content !== `${ECHO_PREFIX}x`)
		throw new Error(`no echo reply: ${echoSample.body}`);
	const replyBytes = Buffer.byteLength(sample.body);
	const fixedBody = 'x'.repeat(replyBytes);
	// One expression each, padded to about the size of our reply.
	const pad = 'x'.repeat(Math.max(0, replyBytes - 40));
	const others = [
		['n8n', n8nWebhook('bench-n8n', 'b0e2e000-e40c-4e51-9c6e-7e0a2b1fbe0c'), fixedBody],
		[
			'n8n-echo',
			n8nWebhook('bench-n8n-echo', 'b0e2e000-e40c-4e51-9c6e-7e0a2b1fbe0d'),
			`=${ECHO_PREFIX}{{ $json.body.xml.tousername }}${pad}`,
		],
		['minimal', minimalTrigger('b0e2e000-e40c-4e51-9c6e-7e0a2b1fbe0e'), fixedBody],
		[
			'minimal-echo',
			minimalTrigger('b0e2e000-e40c-4e51-9c6e-7e0a2b1fbe0f'),
			`=${ECHO_PREFIX}{{ $json.Content }}${pad}`,
		],
	];
	const otherUrls = {};
	for (const [i, [key, start, body]] of others.entries()) {
		const wf = await env.api.createWorkflow(respondWorkflow(key, start, body, i));
		await env.api.activateWorkflow(wf.id);
		const path = start.type === MINIMAL_TYPE ? `${start.webhookId}/minimal` : start.parameters.path;
		otherUrls[key] = `${publicBase(env)}/webhook/${path}`;
		await waitForWebhook(otherUrls[key]);
	}

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
	const encrypted = (r) => r.status === 200 && r.body.includes('<Encrypt>');
	const fixed = (r) => r.status === 200 && Buffer.byteLength(r.body) === replyBytes;
	const echoed = (r) => r.status === 200 && r.body.startsWith(ECHO_PREFIX);
	let duplicate;
	const scenarios = [
		{
			key: 'trigger',
			label: 'WeChat trigger → Reply, fixed text',
			build: () => asUrl(messageUrl, text()),
			check: encrypted,
		},
		{
			key: 'n8n',
			label: "n8n's Webhook → Respond, fixed text",
			build: () => asUrl(otherUrls.n8n, text()),
			check: fixed,
		},
		{
			key: 'minimal',
			label: 'minimal community trigger → Respond, fixed text',
			build: () => asUrl(otherUrls.minimal, text()),
			check: fixed,
		},
		{
			key: 'trigger-echo',
			label: 'WeChat trigger → Reply, one expression',
			build: () => asUrl(echoUrl, text()),
			check: encrypted,
		},
		{
			key: 'n8n-echo',
			label: "n8n's Webhook → Respond, one expression",
			build: () => asUrl(otherUrls['n8n-echo'], text()),
			check: echoed,
		},
		{
			key: 'minimal-echo',
			label: 'minimal community trigger → Respond, one expression',
			build: () => asUrl(otherUrls['minimal-echo'], text()),
			check: echoed,
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
	// BENCH_SCENARIOS also sets the order (cells that run first pay the workers' first loads and
	// compilations): "minimal trigger" against "trigger minimal" shows how much that is.
	const ordered = ONLY.length
		? ONLY.map((key) => scenarios.find((c) => c.key === key)).filter(Boolean)
		: scenarios;
	for (const scenario of ordered) {
		for (const concurrency of CONCURRENCY) {
			const runsBefore = scenario.noExecution ? await ourRuns() : 0;
			await scenario.prepare?.();
			const warm = Array.from({ length: WARMUP }, scenario.build);
			await drive(warm, concurrency, scenario.check);
			const measured = Array.from({ length: REQUESTS }, scenario.build);
			const run = await drive(measured, concurrency, scenario.check);
			// An overloaded n8n answers late: the Reply then sends `success` and falls back to a
			// customer-service message, as it should. Counted and shown; only a cell with no good
			// answer at all stops the run.
			if (run.failures === measured.length)
				throw new Error(
					`${scenario.label} at ${concurrency}: no good answer, e.g. ${run.firstFailure}`,
				);
			if (run.failures)
				log(
					`${scenario.label} at ${concurrency}: ${run.failures} other answers, e.g. ${run.firstFailure}`,
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
				otherAnswers: run.failures,
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
const load = (l) => l.map((v) => v.toFixed(2)).join(' ');
const lines = [
	`n8n ${VERSION}${QUEUE ? `, queue mode (main + webhook process + ${WORKERS} workers, Redis)` : ''}, SQLite, loopback, ${REQUESTS} requests per cell after ${WARMUP} warm-up, Node ${process.versions.node} client`,
	`expression engine: ${
		Object.entries(process.env)
			.filter(([k]) => k.startsWith('N8N_EXPRESSION_ENGINE'))
			.map(([k, v]) => `${k}=${v}`)
			.join(' ') || "n8n's defaults"
	}`,
	`load average (1, 5, 15 min): ${load(loadAtStart)} at the start, ${load(loadavg())} at the end`,
	'',
	`| ${'scenario'.padEnd(52)} | clients |   req/s |  p50 ms |  p99 ms | other answers |`,
	`|${'-'.repeat(54)}|--------:|--------:|--------:|--------:|--------------:|`,
	...results.map(
		(r) =>
			`| ${r.label.padEnd(52)} | ${pad(r.concurrency, 7)} | ${pad(r.rps.toFixed(1), 7)} | ${pad(r.p50.toFixed(1), 7)} | ${pad(r.p99.toFixed(1), 7)} | ${pad(r.otherAnswers, 13)} |`,
	),
	'',
];
const ratio = (a, b) => (a && b ? `${(a.rps / b.rps).toFixed(2)}×` : undefined);
for (const c of CONCURRENCY) {
	lines.push(`${c} client(s), req/s ratios:`);
	for (const [a, b, what] of [
		['trigger', 'n8n', "trigger → Reply / n8n's Webhook → Respond, fixed text"],
		['trigger-echo', 'n8n-echo', "trigger → Reply / n8n's Webhook → Respond, one expression"],
		['minimal', 'n8n', "minimal community trigger / n8n's Webhook, fixed text (n8n's share)"],
		['minimal-echo', 'n8n-echo', "minimal community trigger / n8n's Webhook, one expression"],
		['trigger', 'minimal', 'trigger → Reply / minimal community trigger, fixed text (ours)'],
		['trigger-echo', 'minimal-echo', 'trigger → Reply / minimal community trigger, one expression'],
		['ticket', 'trigger', 'ticket push / message that starts an execution'],
		['filtered', 'trigger', 'filtered event / message that starts an execution'],
		['duplicate', 'trigger', "WeChat's retry / message that starts an execution"],
	]) {
		const r = ratio(find(a, c), find(b, c));
		if (r) lines.push(`  ${what}: ${r}`);
	}
}
lines.push('', `total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(lines.join('\n'));
writeFileSync(
	join(REPO_ROOT, '.e2e', `bench-e2e${QUEUE ? '-queue' : ''}.json`),
	JSON.stringify(
		{
			version: VERSION,
			queue: QUEUE,
			requests: REQUESTS,
			warmup: WARMUP,
			loadAtStart,
			loadAtEnd: loadavg(),
			env: Object.fromEntries(
				Object.entries(process.env).filter(([k]) => k.startsWith('N8N_EXPRESSION_ENGINE')),
			),
			results,
		},
		null,
		2,
	),
);
