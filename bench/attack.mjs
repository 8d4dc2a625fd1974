#!/usr/bin/env node
// `npm run bench:attack`: a genuine push's latency in one real n8n 2.41.1 (installed and started like
// the e2e suite), alone and while 20 clients keep forged 200 KB requests in flight against the same
// message URL (issue 11 §2: before the envelope scan, such bodies cost 50-330 ms of blocking CPU each
// before the signature was checked). Two genuine kinds: a message answered with a passive reply by the
// echo example (an execution), and a ticket push the trigger answers itself. Sequential genuine
// requests, BENCH_REQUESTS (default 100) each after 10 warm-up; BENCH_FORGED_CLIENTS (default 20).
// Prints a table; also writes .e2e/bench-attack.json.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

import { N8N_2X, ensureN8n } from '../scripts/n8n/install.mjs';
import { REPO_ROOT, buildRepo, packPackage } from '../scripts/n8n/launcher.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS || 100);
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

function send(agent, url, body) {
	return new Promise((resolve, reject) => {
		const t0 = process.hrtime.bigint();
		const req = request(
			url,
			{ method: 'POST', agent, headers: { 'content-type': 'text/xml' } },
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
		req.end(body);
	});
}

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

/** Sends `count` genuine requests one after the other; every answer must pass `check`. */
async function genuine(build, check, count) {
	const agent = new Agent({ keepAlive: true, maxSockets: 1 });
	const latencies = [];
	for (let i = 0; i < count; i++) {
		const r = build();
		const res = await send(agent, r.url, r.body);
		if (!check(res))
			throw new Error(`genuine request refused: ${res.status} ${res.body.slice(0, 200)}`);
		latencies.push(res.ms);
	}
	agent.destroy();
	return latencies;
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
let forgedStats;
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
			label: 'message → passive reply (execution)',
			build: () => {
				const p = s.buildMessagePush(ACCOUNT.appId, { MsgType: 'text', Content: `hello ${++n}` });
				return { url: withQuery(messageUrl, p.query), body: p.body };
			},
			check: (r) => r.status === 200 && r.body.includes('<Encrypt>'),
		},
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
	];
	// Many small elements: what cost the full XML validator most. Signed query of a real push, so the
	// request is refused only for its body.
	const template = s.buildMessagePush(ACCOUNT.appId, { MsgType: 'text', Content: 'template' });
	const unit = '<a>1</a>';
	const forgedBody = `<xml><ToUserName><![CDATA[${ACCOUNT.userName}]]></ToUserName>${unit.repeat(
		Math.floor((FORGED_BYTES - 80) / unit.length),
	)}</xml>`;
	const forgedUrl = withQuery(messageUrl, template.query);

	for (const kind of kinds) {
		await genuine(kind.build, kind.check, 10);
		const alone = stats(await genuine(kind.build, kind.check, REQUESTS));
		rows.push({ kind: kind.label, condition: 'alone', ...alone });
		log(`${kind.label}, alone: p50 ${alone.p50.toFixed(1)} ms, p99 ${alone.p99.toFixed(1)} ms`);
		const attacker = attack(forgedUrl, forgedBody, FORGED_CLIENTS);
		const under = stats(await genuine(kind.build, kind.check, REQUESTS));
		const forged = await attacker.stop();
		forgedStats = { ...stats(forged.latencies), statuses: forged.statuses };
		rows.push({
			kind: kind.label,
			condition: `${FORGED_CLIENTS} forged 200 KB in flight`,
			...under,
		});
		log(
			`${kind.label}, under attack: p50 ${under.p50.toFixed(1)} ms, p99 ${under.p99.toFixed(1)} ms; forged answers ${JSON.stringify(forged.statuses)}, p50 ${forgedStats.p50.toFixed(1)} ms`,
		);
	}
} finally {
	await destroyEnvironment(env);
	rmSync(env.folder, { recursive: true, force: true });
}

const lines = [
	`n8n ${VERSION}, SQLite, loopback, ${REQUESTS} sequential genuine requests per row, forged body ${forgedStats ? FORGED_BYTES / 1024 : '?'} KB of <a>1</a>, Node ${process.versions.node}`,
	'',
	`| ${'genuine request'.padEnd(40)} | ${'condition'.padEnd(28)} |  p50 ms |  p99 ms |  max ms |`,
	`|${'-'.repeat(42)}|${'-'.repeat(30)}|--------:|--------:|--------:|`,
	...rows.map(
		(r) =>
			`| ${r.kind.padEnd(40)} | ${r.condition.padEnd(28)} | ${r.p50.toFixed(1).padStart(7)} | ${r.p99.toFixed(1).padStart(7)} | ${r.max.toFixed(1).padStart(7)} |`,
	),
	'',
	`forged requests (last row's attack): ${JSON.stringify(forgedStats?.statuses)}, p50 ${forgedStats?.p50.toFixed(1)} ms, p99 ${forgedStats?.p99.toFixed(1)} ms`,
];
console.log(lines.join('\n'));
mkdirSync(join(REPO_ROOT, '.e2e'), { recursive: true });
writeFileSync(
	join(REPO_ROOT, '.e2e', 'bench-attack.json'),
	JSON.stringify({ rows, forged: forgedStats }, null, 2),
);
