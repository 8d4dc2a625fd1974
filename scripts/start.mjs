#!/usr/bin/env node
// `npm start`: a local n8n (pinned 2.x, SQLite, loopback) with this package installed the way n8n
// installs community nodes, the local WeChat simulator, a credential pointing at it and the example
// workflows. Everything lives in `.n8n-local/` (gitignored). Ctrl-C stops what this started, by PID.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_2X } from './n8n/install.mjs';
import {
	CREDENTIAL_TYPE,
	DEFAULT_OWNER,
	N8nApi,
	REPO_ROOT,
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
const folder = join(REPO_ROOT, '.n8n-local');
const simConfig = join(folder, 'wechat-simulator.json');
// The workflow whose trigger gets the simulator's pushes (WeChat has one URL of each per platform).
const MAIN_EXAMPLE = 'examples/echo-reply.json';
const IMPORT_ONLY = [
	'examples/keyword-reply.json',
	'examples/welcome-message.json',
	'examples/ai-agent-reply.json',
	'examples/authorization-log.json',
];
const DEMO_ACCOUNT = 'wx00000000c0ffee01';

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

async function startSimulator(authUrl) {
	const child = spawn(
		process.execPath,
		[
			join(REPO_ROOT, 'build/tools/simulator/cli.js'),
			'--port',
			String(SIM_PORT),
			'--config',
			simConfig,
			'--auth-url',
			authUrl,
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
	log('building the package and tools');
	await buildRepo({ tools: true });
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

	const main = JSON.parse(readFileSync(join(REPO_ROOT, MAIN_EXAMPLE), 'utf8'));
	const urls = triggerUrls(main, n8n.baseUrl);
	const simUrl = await startSimulator(urls.authorization);
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
	await waitForWebhook(urls.authorization);
	await waitForWebhook(urls.callback(DEMO_ACCOUNT));

	// The simulator's demo accounts are authorized at WeChat; tell the trigger so it stores their tokens.
	for (const appId of ['wx00000000c0ffee01', 'wx570bc396a51b8ff8']) {
		const { authorizationCode } = await sim(simUrl, 'authorization-code', {
			authorizerAppId: appId,
		});
		await sim(simUrl, 'push/authorization', {
			url: urls.authorization,
			infoType: 'authorized',
			authorizerAppId: appId,
			authorizationCode,
		});
	}
	const ticket = await sim(simUrl, 'push/ticket', { url: urls.authorization });
	log(`ticket pushed: HTTP ${ticket.status} ${JSON.stringify(ticket.body)}`);

	const send = `curl -s -X POST ${simUrl}/__sim/push/message -H 'content-type: application/json' -d '{"url":"${urls.callbackTemplate}","authorizerAppId":"${DEMO_ACCOUNT}","fields":{"MsgType":"text","Content":"hello"}}'`;
	console.log(`
n8n ${VERSION} is running: ${n8n.baseUrl}
  login (local only): ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}
  active workflow:    "${main.name}" (the other examples are imported, inactive)
  authorization URL:  POST ${urls.authorization}
  message URL:        POST ${urls.callbackTemplate}
  onboarding page:    GET  ${urls.authorize}
WeChat simulator:     ${simUrl}/__sim/  (chat page: paste the two URLs above, pick "Demo Coffee Shop")
Send a test message (the decrypted passive reply is in "reply"):
  ${send}
Ctrl-C stops n8n and the simulator.`);
	await n8n.exited;
	log('n8n exited');
	await stopAll();
}

main().catch(async (err) => {
	console.error(`[start] ${err.message}`);
	await stopAll();
	process.exit(1);
});
