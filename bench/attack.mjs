#!/usr/bin/env node
// `npm run bench:attack`: a genuine push's latency in one real n8n 2.41.1 (installed and started like
// the e2e suite), alone and while 20 clients keep forged 200 KB requests in flight against the same
// message URL (issue 11 §2: before the envelope scan, such bodies cost 50-330 ms of blocking CPU each
// before the signature was checked). Two genuine kinds: a message answered with a passive reply by the
// echo example (an execution), and a ticket push the trigger answers itself. A control row keeps
// as many tiny forged requests in flight, to tell the bodies' cost from n8n's cost per request. Sequential genuine
// requests, BENCH_REQUESTS (default 50) per row after 10 warm-up; BENCH_FORGED_CLIENTS (default 20).
// Prints a table; also writes .e2e/bench-attack.json.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';

import { N8N_2X, ensureN8n } from '../scripts/n8n/install.mjs';
import { REPO_ROOT, buildRepo, packPackage } from '../scripts/n8n/launcher.mjs';
import { postXml as send } from '../scripts/n8n/post.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS || 50);
const FORGED_CLIENTS = Number(process.env.BENCH_FORGED_CLIENTS || 20);
const FORGED_BYTES = 200 * 1024;
const VERSION = N8N_2X;
const log = (m) => console.error(`[bench:attack] ${m}`);

log('building the package and tools');
await buildRepo({ tools: true });
process.env.E2E_TARBALL = await packPackage();
await ensureN8n(VERSION);
const { ACCOUNT, EXAMPLES, activateOnly, addWorkflow, createEnvironment, destroyEnvironment, sim } =
	await import('../test/e2e/harness.mjs');

const withQuery = (base, query) => {
	const u = new URL(base);
	for (const [k, v] of Object.entries(query)) u.searchParams.append(k, v);
	return u.toString();
};

function stats(latencies) {
	const sorted = [...latencies].sort((a, b) => a - b);
	const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
	return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) };
}

/** Sends `count` genuine requests one after the other; answers that fail `check` are counted. */
async function genuine(build, check, count) {
	const agent = new Agent({ keepAlive: true, maxSockets: 1 });
	const latencies = [];
	let failures = 0;
	let firstFailure;
	for (let i = 0; i < count; i++) {
		const r = build();
		const res = await send(agent, r.url, r.body);
		if (!check(res)) {
			failures++;
			firstFailure ??= `${res.status} ${String(res.body).slice(0, 100)}`;
		}
		latencies.push(res.ms);
	}
	agent.destroy();
	return { latencies, failures, firstFailure };
}

/** Keeps `clients` forged requests in flight until stop() resolves; returns their latencies. */
function attack(url, body, clients) {
	const agent = new Agent({ keepAlive: true, maxSockets: clients });
	const latencies = [];
	const statuses = new Map();
	let running = true;
	const loops = Array.from({ length: clients }, async () => {
		while (running) {
			const res = await send(agent, url, body);
			latencies.push(res.ms);
			statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
		}
	});
	return {
		async stop() {
			running = false;
			await Promise.all(loops);
			agent.destroy();
			return { latencies, statuses: Object.fromEntries(statuses) };
		},
	};
}

const env = await createEnvironment({ name: `bench-attack-${process.pid}`, version: VERSION });
const rows = [];
try {
	const s = env.simulator;
	s.addAuthorizer(ACCOUNT);
	await addWorkflow(env, 'echo', EXAMPLES.echo);
	const urls = await activateOnly(env, 'echo');
	if ((await s.pushTicket(urls.authorization)).body !== 'success')
		throw new Error('ticket push failed');
	const messageUrl = urls.callback(ACCOUNT.appId);
	let n = 0;
	const kinds = [
		{
			label: 'ticket push (answered by the trigger)',
			build: () => {
				const ticket = s.issueTicket();
				const p = sim.buildPush(
					{
						appId: env.component.appId,
						token: env.component.token,
						encodingAESKey: env.component.encodingAESKey,
					},
					sim.ticketXml(env.component.appId, ticket, Math.floor(Date.now() / 1000)),
					{ envelope: { appId: env.component.appId } },
				);
				return { url: withQuery(urls.authorization, p.query), body: p.body };
			},
			check: (r) => r.status === 200 && r.body === 'success',
		},
		{
			label: 'message → passive reply (execution)',
			build: () => {
				const p = s.buildMessagePush(ACCOUNT.appId, { MsgType: 'text', Content: `hello ${++n}` });
				return { url: withQuery(messageUrl, p.query), body: p.body };
			},
			check: (r) => r.status === 200 && r.body.includes('<Encrypt>'),
		},
	];
	// Many small elements: what cost the full XML validator most. Signed query of a real push, so the
	// request is refused only for its body.
	const template = s.buildMessagePush(ACCOUNT.appId, { MsgType: 'text', Content: 'template' });
	const unit = '<a>1</a>';
	const forgedBody = `<xml><ToUserName><![CDATA[${ACCOUNT.userName}]]></ToUserName>${unit.repeat(
		Math.floor((FORGED_BYTES - 80) / unit.length),
	)}</xml>`;
	const forgedUrl = withQuery(messageUrl, template.query);

	// The control: as many forged requests in flight, but tiny. The difference between the two
	// attack rows is what the 200 KB bodies cost; the rest is n8n's own cost per request.
	const smallBody = `<xml><ToUserName><![CDATA[${ACCOUNT.userName}]]></ToUserName><a>1</a></xml>`;
	for (const kind of kinds) {
		await genuine(kind.build, kind.check, 10);
		for (const [condition, body] of [
			['alone', undefined],
			[`${FORGED_CLIENTS} forged 200 KB in flight`, forgedBody],
			[`${FORGED_CLIENTS} forged 100 B in flight`, smallBody],
		]) {
			const attacker = body === undefined ? undefined : attack(forgedUrl, body, FORGED_CLIENTS);
			const run = await genuine(kind.build, kind.check, REQUESTS);
			const forged = await attacker?.stop();
			const row = {
				kind: kind.label,
				condition,
				...stats(run.latencies),
				failures: run.failures,
				firstFailure: run.firstFailure,
				forged: forged && { ...stats(forged.latencies), statuses: forged.statuses },
			};
			rows.push(row);
			log(
				`${kind.label}, ${condition}: p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, ${row.failures} wrong answers${
					row.forged
						? `; forged: ${JSON.stringify(row.forged.statuses)} p50 ${row.forged.p50.toFixed(1)} ms`
						: ''
				}`,
			);
		}
	}
} finally {
	await destroyEnvironment(env);
	rmSync(env.folder, { recursive: true, force: true });
}

const lines = [
	`n8n ${VERSION}, SQLite, loopback, ${REQUESTS} sequential genuine requests per row, Node ${process.versions.node}`,
	'',
	`| ${'genuine request'.padEnd(40)} | ${'condition'.padEnd(28)} |  p50 ms |  p99 ms | wrong | forged p50 ms | forged answers |`,
	`|${'-'.repeat(42)}|${'-'.repeat(30)}|--------:|--------:|------:|--------------:|----------------|`,
	...rows.map(
		(r) =>
			`| ${r.kind.padEnd(40)} | ${r.condition.padEnd(28)} | ${r.p50.toFixed(1).padStart(7)} | ${r.p99.toFixed(1).padStart(7)} | ${String(r.failures).padStart(5)} | ${(r.forged ? r.forged.p50.toFixed(1) : '').padStart(13)} | ${r.forged ? JSON.stringify(r.forged.statuses) : ''} |`,
	),
	'',
	'wrong = a genuine answer that was not the expected one (for a passive reply: the "success" fallback after 4.5 s)',
];
console.log(lines.join('\n'));
mkdirSync(join(REPO_ROOT, '.e2e'), { recursive: true });
writeFileSync(join(REPO_ROOT, '.e2e', 'bench-attack.json'), JSON.stringify({ rows }, null, 2));
