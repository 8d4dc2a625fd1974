#!/usr/bin/env node
// `npm start`: a local n8n (pinned 2.x, SQLite, loopback) with this package installed the way n8n
// installs community nodes, the local WeChat simulator, a credential pointing at it and the example
// workflows. Everything lives in `.n8n-local/` (gitignored). Ctrl-C stops what this started, by PID.
// It comes up with whichever WeChat workflow is active (the demo example on a first run, or none),
// prints that workflow's URLs and points the simulator's ticket pushes at it; a webhook n8n does not
// serve is republished once, and never stops the start.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { N8N_2X } from './n8n/install.mjs';
import {
	CREDENTIAL_TYPE,
	DEFAULT_OWNER,
	N8nApi,
	REPO_ROOT,
	TRIGGER_TYPE,
	buildRepo,
	credentialData,
	ensureAccess,
	importWorkflow,
	installPackage,
	loadState,
	saveState,
	startN8n,
	stopN8n,
	triggerUrls,
	waitFor,
	waitForWebhook,
} from './n8n/launcher.mjs';

const VERSION = process.env.N8N_VERSION || N8N_2X;
const PORT = Number(process.env.N8N_PORT || 5678);
const SIM_PORT = Number(process.env.SIM_PORT || 5690);
// N8N_LOCAL_DIR and START_BUILD=0 let the browser test run this very script in its own folder
// after `npm run test:browser` has built everything.
const folder = process.env.N8N_LOCAL_DIR
	? resolve(process.env.N8N_LOCAL_DIR)
	: join(REPO_ROOT, '.n8n-local');
const simConfig = join(folder, 'wechat-simulator.json');
// Activated on the first run; later runs use whichever WeChat workflow is active.
const MAIN_EXAMPLE = 'examples/demo-reply.json';
const IMPORT_ONLY = [
	'examples/echo-reply.json',
	'examples/keyword-reply.json',
	'examples/welcome-message.json',
	'examples/ai-agent-reply.json',
	'examples/authorization-log.json',
	'examples/fast-registration.json',
	'examples/miniprogram-login.json',
	'examples/miniprogram-release-template.json',
	'examples/miniprogram-release-on-approval.json',
];
const DEMO_ACCOUNT = 'wx00000000c0ffee01';
const DEMO_ACCOUNTS = ['wx00000000c0ffee01', 'wx570bc396a51b8ff8'];
// WeChat pushes a ticket every 10 minutes.
const TICKET_EVERY_MS = 10 * 60_000;

const log = (m) => console.log(`[start] ${m}`);
const children = [];
let n8n;

async function stopAll() {
	if (n8n) await stopN8n(n8n, 'SIGTERM').catch(() => {});
	for (const c of children) {
		try {
			process.kill(c.pid, 'SIGTERM');
		} catch {
			/* gone */
		}
	}
}

async function startSimulator() {
	const child = spawn(
		process.execPath,
		[
			join(REPO_ROOT, 'build/tools/simulator/cli.js'),
			'--port',
			String(SIM_PORT),
			'--config',
			simConfig,
			// No --auth-url: this script points ticket pushes at whichever workflow is active.
			'--ticket-every',
			'0',
		],
		{
			cwd: REPO_ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	children.push(child);
	child.stdout.on('data', (d) => process.stdout.write(`[simulator] ${d}`));
	const url = `http://127.0.0.1:${SIM_PORT}`;
	await waitFor(async () => (await fetch(`${url}/__sim/state`)).ok, {
		what: 'simulator',
		timeoutMs: 20_000,
	});
	return url;
}

async function sim(simUrl, path, body) {
	const res = await fetch(`${simUrl}/__sim/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body ?? {}),
	});
	const data = await res.json();
	if (!res.ok) throw new Error(`simulator ${path}: ${res.status} ${JSON.stringify(data)}`);
	return data;
}

async function main() {
	process.on('SIGINT', () => void stopAll().then(() => process.exit(0)));
	process.on('SIGTERM', () => void stopAll().then(() => process.exit(0)));

	let t = Date.now();
	if (process.env.START_BUILD !== '0') {
		log('building the package and tools');
		await buildRepo({ tools: true });
	}
	log(`installing this package into ${folder}/.n8n/nodes the community way`);
	await installPackage(folder, { build: false });
	log(
		`build + install: ${((Date.now() - t) / 1000).toFixed(1)} s; starting n8n ${VERSION} (first run installs it, a few minutes)`,
	);

	t = Date.now();
	n8n = await startN8n({ version: VERSION, userFolder: folder, port: PORT });
	log(`n8n ready in ${((Date.now() - t) / 1000).toFixed(1)} s (log: ${n8n.logFile})`);
	const access = await ensureAccess(n8n, DEFAULT_OWNER);
	const api = new N8nApi(n8n.baseUrl, access.apiKey);
	const state = loadState(folder);

	const simUrl = await startSimulator();
	const component = JSON.parse(readFileSync(simConfig, 'utf8'));

	if (!state.credentialId) {
		const cred = await api.createCredential({
			name: 'WeChat Open Platform API',
			type: CREDENTIAL_TYPE,
			data: { ...credentialData(component, simUrl), store: 'file' },
		});
		state.credentialId = cred.id;
		saveState(folder, state);
	}
	const credential = { id: state.credentialId, name: 'WeChat Open Platform API' };

	if (!state.workflows) {
		state.workflows = {};
		for (const file of IMPORT_ONLY)
			state.workflows[file] = (await importWorkflow(api, file, credential, { activate: false })).id;
		// Activation asks WeChat (the simulator) to push a ticket to the trigger at once.
		state.workflows[MAIN_EXAMPLE] = (
			await importWorkflow(api, MAIN_EXAMPLE, credential, { activate: true })
		).id;
		saveState(folder, state);
	}

	const active = await activeWeChatWorkflows(api);
	for (const wf of active) await ensureServed(api, wf, n8n.baseUrl);
	const [main] = active;
	// Tickets first: a restarted simulator has forgotten the ticket n8n stored, and exchanging an
	// authorization code with it fails (61006, component ticket is invalid).
	await pushTickets(api, simUrl, n8n.baseUrl);
	if (main) {
		const urls = triggerUrls(main, n8n.baseUrl);
		await sim(simUrl, 'ticket-push-url', { url: urls.authorization });
		// The simulator's demo accounts are authorized at WeChat; tell the trigger so it stores their tokens.
		for (const appId of DEMO_ACCOUNTS) {
			await warnOnFailure(`authorization of ${appId}`, async () => {
				const { authorizationCode } = await sim(simUrl, 'authorization-code', {
					authorizerAppId: appId,
				});
				await sim(simUrl, 'push/authorization', {
					url: urls.authorization,
					infoType: 'authorized',
					authorizerAppId: appId,
					authorizationCode,
				});
			});
		}
	}
	const ticketTimer = setInterval(
		() => void pushTickets(api, simUrl, n8n.baseUrl).catch((e) => log(e.message)),
		TICKET_EVERY_MS,
	);

	console.log(`
n8n ${VERSION} is running: ${n8n.baseUrl}
  login (local only): ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}`);
	if (!main) {
		console.log(`  No WeChat workflow is active. Open n8n, publish one (e.g. "WeChat: demo"), then restart
  npm start, or paste its two URLs into the simulator's chat page.
WeChat simulator:     ${simUrl}/__sim/`);
	} else {
		for (const wf of active) {
			const urls = triggerUrls(wf, n8n.baseUrl);
			console.log(`  active workflow:    "${wf.name}"${wf === main ? " (gets the simulator's tickets)" : ''}
    authorization URL:  POST ${urls.authorization}
    message URL:        POST ${urls.callbackTemplate}
    onboarding page:    GET  ${urls.authorize}`);
		}
		const urls = triggerUrls(main, n8n.baseUrl);
		const chat = `${simUrl}/__sim/?authUrl=${encodeURIComponent(urls.authorization)}&msgUrl=${encodeURIComponent(urls.callbackTemplate)}`;
		const send = `curl -s -X POST ${simUrl}/__sim/push/message -H 'content-type: application/json' -d '{"url":"${urls.callbackTemplate}","authorizerAppId":"${DEMO_ACCOUNT}","fields":{"MsgType":"text","Content":"hello"}}'`;
		console.log(`WeChat simulator chat page, set up for "${main.name}":
  ${chat}
Send a test message (the decrypted passive reply is in "reply"):
  ${send}
Test mode: click "Execute workflow" in n8n, then send to the same URL with /webhook-test/ in place of /webhook/.`);
	}
	console.log('Ctrl-C stops n8n and the simulator.');
	await n8n.exited;
	clearInterval(ticketTimer);
	log('n8n exited');
	await stopAll();
}

/** Active workflows with a WeChat trigger, the first run's example first, then the newest. */
async function activeWeChatWorkflows(api) {
	const list = await api.pageAll('/workflows?active=true&limit=100');
	const state = loadState(folder);
	const first = state.workflows?.[MAIN_EXAMPLE];
	return list
		.filter((wf) =>
			wf.nodes?.some((n) => n.type === TRIGGER_TYPE && n.webhookId && n.disabled !== true),
		)
		.sort(
			(a, b) =>
				Number(b.id === first) - Number(a.id === first) ||
				String(b.updatedAt).localeCompare(String(a.updatedAt)),
		);
}

/**
 * Waits until n8n serves the workflow's URLs. If it does not (e.g. webhook entries left by an older
 * version of this package), unpublishes and publishes the workflow once, which makes n8n write them
 * afresh; if that does not help either, says so and carries on.
 */
async function ensureServed(api, wf, base) {
	const urls = triggerUrls(wf, base);
	const served = async () => {
		await waitForWebhook(urls.authorization, { timeoutMs: 15_000 });
		await waitForWebhook(urls.callback(DEMO_ACCOUNT), { timeoutMs: 15_000 });
	};
	try {
		await served();
		return;
	} catch (error) {
		log(`"${wf.name}" is active but not served (${error.message}); publishing it again`);
	}
	await warnOnFailure(`republishing "${wf.name}"`, async () => {
		await api.deactivateWorkflow(wf.id);
		await waitFor(
			async () => {
				try {
					await api.activateWorkflow(wf.id);
					return true;
				} catch (err) {
					// 2.x drops a deactivated workflow's webhooks asynchronously: until then, 409.
					if (err.status === 409) return false;
					throw err;
				}
			},
			{ what: `activation of "${wf.name}"`, timeoutMs: 20_000, intervalMs: 300 },
		);
		await served();
	});
}

async function warnOnFailure(what, fn) {
	try {
		await fn();
	} catch (error) {
		log(`warning: ${what} failed: ${error.message}`);
	}
}

/** Like WeChat every 10 minutes: a ticket to every active WeChat workflow's authorization URL. */
async function pushTickets(api, simUrl, base) {
	for (const wf of await activeWeChatWorkflows(api)) {
		const { authorization } = triggerUrls(wf, base);
		await warnOnFailure(`ticket push to "${wf.name}"`, async () => {
			const ticket = await sim(simUrl, 'push/ticket', { url: authorization });
			log(`ticket pushed to "${wf.name}": HTTP ${ticket.status} ${JSON.stringify(ticket.body)}`);
		});
	}
}

main().catch(async (err) => {
	console.error(`[start] ${err.message}`);
	await stopAll();
	process.exit(1);
});
