// Shared set-up of the end-to-end suite: a real n8n (pinned version) with this package installed the
// community way, the local WeChat simulator in this process, the credential and the workflows, all
// driven over HTTP. Each environment lives in its own folder under `.e2e/` and is stopped by PID.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before } from 'node:test';

import {
	ACTION_TYPE,
	CREDENTIAL_TYPE,
	N8nApi,
	REPO_ROOT,
	TRIGGER_TYPE,
	credentialData,
	ensureAccess,
	freePort,
	importWorkflow,
	installPackage,
	loadedNodeTypes,
	packPackage,
	readWorkflow,
	startN8n,
	stopN8n,
	triggerUrls,
	waitFor,
	waitForWebhook,
	webhookStatus,
} from '../../scripts/n8n/launcher.mjs';

const require = createRequire(import.meta.url);
const toolsDir = join(REPO_ROOT, 'build/tools');
if (!existsSync(join(toolsDir, 'simulator/index.js'))) {
	throw new Error('build/tools is missing: run `npm run build:tools` (npm run test:e2e does it)');
}
/** The simulator and the core, compiled by `npm run build:tools`. */
export const sim = require(join(toolsDir, 'simulator/index.js'));
export const core = require(join(toolsDir, 'core/index.js'));
/** The throwaway redis-server of the Redis integration tests (test/helpers/redis.ts), for queue mode. */
const { startRedis } = require(join(toolsDir, 'test/helpers/redis.js'));

export {
	TRIGGER_TYPE,
	ACTION_TYPE,
	CREDENTIAL_TYPE,
	waitFor,
	waitForWebhook,
	webhookStatus,
	loadedNodeTypes,
	stopN8n,
};

export const EXAMPLES = {
	echo: 'examples/echo-reply.json',
	demo: 'examples/demo-reply.json',
	keyword: 'examples/keyword-reply.json',
	welcome: 'examples/welcome-message.json',
	ai: 'examples/ai-agent-reply.json',
	authLog: 'examples/authorization-log.json',
	healthAlert: 'examples/platform-health-alert.json',
	fastRegistration: 'examples/fast-registration.json',
	miniProgramLogin: 'examples/miniprogram-login.json',
	miniReleaseTemplate: 'examples/miniprogram-release-template.json',
	miniReleaseOnApproval: 'examples/miniprogram-release-on-approval.json',
};
/** Test-only workflows: a customer-service answer (the AI example's path without the model). */
export const TEST_WORKFLOWS = {
	customerService: 'test/e2e/workflows/customer-service-reply.json',
	/** The trigger passes the authorization code on; the action node exchanges it (in a worker in queue mode). */
	exchangeInWorkflow: 'test/e2e/workflows/authorization-exchange-in-workflow.json',
	/** Reply mode (responseNode) where the run fails before any Reply, or ends without one. */
	replyModeFailure: 'test/e2e/workflows/reply-mode-failure.json',
	replyModeNoReply: 'test/e2e/workflows/reply-mode-no-reply.json',
	/** GET → Platform → Get Status (Include Accounts): the status as a worker reads it, in the answer. */
	platformStatus: 'test/e2e/workflows/platform-status-webhook.json',
};

/** Two accounts that authorize during the run; AppIDs have the real shape (wx + 16 hex). */
export const ACCOUNT = {
	appId: 'wx00000000e2e0a001',
	userName: 'gh_e2eaccount01',
	nickName: 'E2E Tea House',
};
export const ACCOUNT_2 = {
	appId: 'wx00000000e2e0b002',
	userName: 'gh_e2eaccount02',
	nickName: 'E2E Noodle Bar',
};
export const OPENID = 'oE2EUserOpenId0000000000001';

let tarballPromise;
/** One `npm pack` per test process (the runner builds first and may pass E2E_TARBALL). */
export function tarball() {
	tarballPromise ??= process.env.E2E_TARBALL
		? Promise.resolve(process.env.E2E_TARBALL)
		: packPackage();
	return tarballPromise;
}

/**
 * A running environment. `version`: n8n version. `queue`: true for main + webhook process + `workers`
 * workers sharing a password-protected Redis (n8n's queue and the credential's store).
 */
export async function createEnvironment({ name, version, queue = false, workers = 1 }) {
	const folder = join(REPO_ROOT, '.e2e', name);
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	const component = sim.randomComponentConfig();
	const simulator = await sim.startSimulator({ component });
	const env = {
		name,
		version,
		folder,
		component,
		simulator,
		processes: {},
		workflows: {},
		workers: queue ? workers : 0,
		secrets: new Set([component.appSecret, component.token, component.encodingAESKey]),
	};
	try {
		await installPackage(folder, { tarball: await tarball() });
		if (queue) {
			const password = `redis-${randomBytes(12).toString('hex')}`;
			const redisDir = join(folder, 'redis');
			mkdirSync(redisDir, { recursive: true });
			const redis = await startRedis({ dir: redisDir, password });
			// The credential's store in database 1, apart from n8n's queue in database 0 (the launcher
			// sets no QUEUE_BULL_REDIS_DB).
			env.redis = { ...redis, password, url: `${redis.url}/1` };
			env.secrets.add(password);
			env.queueConfig = {
				redisPort: env.redis.port,
				redisPassword: env.redis.password,
				prefix: `bull-${name}`,
			};
			env.webhookPort = await freePort();
		}
		await startAll(env);
		const access = await ensureAccess(env.processes.main);
		env.cookie = access.cookie;
		env.api = new N8nApi(env.processes.main.baseUrl, access.apiKey);
		env.secrets.add(access.apiKey);
		env.credential = await env.api.createCredential({
			name: 'WeChat Open Platform API',
			type: CREDENTIAL_TYPE,
			data: {
				...credentialData(component, simulator.url),
				store: queue ? 'redis' : 'file',
				...(queue ? { redisUrl: env.redis.url } : {}),
			},
		});
		return env;
	} catch (err) {
		await destroyEnvironment(env);
		throw err;
	}
}

/** The n8n version an e2e file runs against (`npm run test:e2e` sets it per run). */
export const E2E_VERSION = process.env.E2E_N8N_VERSION || '2.41.1';

/**
 * Registers the suite's before/after: one environment `<name>-<version>` (single n8n and file store,
 * or with `queue` main + webhook process + `workers` workers and Redis) with `accounts` authorized in
 * its simulator, then `setup(env)`; `teardown(env)` runs before the environment is destroyed. Call it
 * inside `describe`.
 */
export function withEnvironment(name, { accounts = [], setup, teardown, queue, workers } = {}) {
	let env;
	before(async () => {
		env = await createEnvironment({
			name: `${name}-${E2E_VERSION}`,
			version: E2E_VERSION,
			queue,
			workers,
		});
		for (const account of accounts) env.simulator.addAuthorizer(account);
		await setup?.(env);
	});
	after(async () => {
		if (!env) return;
		await teardown?.(env);
		await destroyEnvironment(env);
	});
}

/**
 * Makes the stored component_verify_ticket look `minutes` old, as if WeChat had stopped pushing
 * since (the status ages it by the n8n processes' clocks, which a test cannot move).
 */
export async function ageTicket(env, minutes) {
	const store = new core.RedisStore({ url: env.redis.url, componentAppId: env.component.appId });
	try {
		const raw = await store.get('ticket');
		if (!raw) throw new Error('no stored ticket');
		const record = JSON.parse(raw);
		// The 12 hours a ticket is kept (core/tokens/ticket.ts), from now.
		await store.set(
			'ticket',
			JSON.stringify({ ...record, savedAt: record.savedAt - minutes * 60_000 }),
			12 * 60 * 60_000,
		);
	} finally {
		await store.close();
	}
}

/** The URL WeChat posts to: the webhook process in queue mode, else the single n8n. */
export function publicBase(env) {
	return env.processes.webhook?.baseUrl ?? env.processes.main.baseUrl;
}

async function startAll(env) {
	const { version, folder } = env;
	if (!env.queueConfig) {
		env.processes.main = await startN8n({
			version,
			userFolder: folder,
			port: env.mainPort,
			mode: 'regular',
		});
		env.mainPort = env.processes.main.port;
		return;
	}
	const webhookUrl = `http://127.0.0.1:${env.webhookPort}/`;
	const common = { version, userFolder: folder, queue: env.queueConfig, webhookUrl };
	env.processes.main = await startN8n({ ...common, port: env.mainPort, mode: 'main' });
	env.mainPort = env.processes.main.port;
	env.workerPorts ??= [];
	const workers = Array.from({ length: env.workers }, (_, i) =>
		startN8n({
			...common,
			port: env.workerPorts[i],
			mode: 'worker',
			logFile: join(env.folder, `n8n-worker-${i + 1}.log`),
		}),
	);
	const [webhook, ...started] = await Promise.all([
		startN8n({ ...common, port: env.webhookPort, mode: 'webhook' }),
		...workers,
	]);
	env.processes.webhook = webhook;
	started.forEach((handle, i) => {
		env.processes[`worker-${i + 1}`] = handle;
		env.workerPorts[i] = handle.port;
	});
}

/** Which worker ran an execution (from the worker logs: "Worker started execution <id>"), or undefined. */
export function workerOf(env, executionId) {
	for (let i = 1; i <= env.workers; i++) {
		const log = readFileSync(join(env.folder, `n8n-worker-${i}.log`), 'utf8');
		if (new RegExp(`Worker started execution ${executionId}\\b`).test(log)) return `worker-${i}`;
	}
	return undefined;
}

/** Stops every n8n process of the environment with `signal` and starts them again on the same ports. */
export async function restart(env, signal = 'SIGTERM') {
	// Front door first, main (which owns the schedule and activation) last.
	const order = Object.keys(env.processes).sort((a, b) => rank(a) - rank(b));
	for (const role of order) await stopN8n(env.processes[role], signal);
	env.processes = {};
	await startAll(env);
	await waitForAllWebhooks(env);
}

const rank = (role) => (role === 'webhook' ? 0 : role === 'main' ? 2 : 1);

export async function destroyEnvironment(env) {
	// A profiled n8n (N8N_NODE_ARGS=--cpu-prof) writes its profile only on a clean exit.
	const signal = process.env.N8N_NODE_ARGS ? 'SIGTERM' : 'SIGKILL';
	// A queue-mode webhook process took over 30 s to stop after a bench under load (its profile was
	// lost to the SIGKILL that follows): give a profiled run longer.
	const timeoutMs = process.env.N8N_NODE_ARGS ? 180_000 : undefined;
	for (const handle of Object.values(env.processes ?? {}))
		await stopN8n(handle, signal, timeoutMs).catch(() => {});
	await env.redis?.stop().catch(() => {});
	await env.simulator?.close().catch(() => {});
}

/** Imports a workflow (example or test) bound to the environment's credential; not activated. */
export async function addWorkflow(env, key, file) {
	const wf = await importWorkflow(env.api, file, env.credential, { activate: false });
	env.workflows[key] = { key, id: wf.id, source: wf.source, active: false };
	return env.workflows[key];
}

/**
 * Activates one workflow and deactivates every other one with a WeChat trigger, as an operator
 * switching WeChat's console to one workflow would (several can be active at once: see
 * webhooks.test.mjs). Waits until both URLs answer and returns them.
 */
export async function activateOnly(env, key) {
	for (const wf of Object.values(env.workflows)) {
		if (wf.key !== key && wf.active) {
			await env.api.deactivateWorkflow(wf.id);
			wf.active = false;
			// Activating another trigger before n8n has dropped these webhooks makes 2.41.1 cache a
			// conflict that outlives the deactivation (its webhook cache keys differ for dynamic paths).
			await waitForWebhookGone(wf.urls.callback(ACCOUNT.appId));
			await waitForWebhookGone(wf.urls.authorization);
		}
	}
	const wf = env.workflows[key];
	if (!wf.active) {
		// 2.x removes a deactivated workflow's webhooks asynchronously: until then activation is a 409.
		await waitFor(
			async () => {
				try {
					await env.api.activateWorkflow(wf.id);
					return true;
				} catch (err) {
					if (err.status === 409) return false;
					throw err;
				}
			},
			{ what: `activation of ${key}`, timeoutMs: 20_000, intervalMs: 200 },
		);
		wf.active = true;
	}
	await refreshUrls(env, wf);
	return wf.urls;
}

async function refreshUrls(env, wf) {
	const base = publicBase(env);
	wf.urls = triggerUrls(wf.source, base);
	await waitForWebhook(wf.urls.authorization);
	await waitForWebhook(wf.urls.callback(ACCOUNT.appId));
	// The GET webhooks (onboarding pages, URL checks) are registered after the POST ones: a clean-clone
	// CI run met a 404 from /authorize right after the POST URLs answered.
	await waitForWebhook(wf.urls.authorize, { method: 'GET' });
	await waitForWebhook(wf.urls.callback(ACCOUNT.appId), { method: 'GET' });
	return wf.urls;
}

async function waitForWebhookGone(url) {
	await waitFor(
		async () => {
			const status = await webhookStatus(url);
			return status < 200 || status >= 300;
		},
		{ what: `removal of ${url}`, timeoutMs: 20_000 },
	);
}

export async function waitForAllWebhooks(env) {
	for (const wf of Object.values(env.workflows)) if (wf.active) await refreshUrls(env, wf);
}

/** n8n's editor REST API (`/rest…`, the login cookie), as the browser calls it; `data` of the answer. */
export async function rest(env, method, path, body) {
	const res = await fetch(`${env.processes.main.baseUrl}/rest${path}`, {
		method,
		headers: { cookie: env.cookie, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const data = await res.json().catch(() => ({}));
	if (!res.ok) throw new Error(`${method} /rest${path} → ${res.status} ${JSON.stringify(data)}`);
	return data.data ?? data;
}

/**
 * Starts a workflow from its manual trigger `trigger`, as "Execute workflow" in the editor does;
 * the run is then among `executions(env)`.
 */
export async function runManually(env, workflowId, trigger) {
	const workflowData = await rest(env, 'GET', `/workflows/${workflowId}`);
	await rest(env, 'POST', `/workflows/${workflowId}/run`, {
		workflowData,
		triggerToStartFrom: { name: trigger },
	});
}

/** Executions of one workflow (or all), newest first. */
export function executions(env, key, includeData = false) {
	return env.api.listExecutions({
		workflowId: key ? env.workflows[key].id : undefined,
		includeData,
	});
}

/** Waits until the workflow has `count` finished executions and returns them. */
export async function waitForExecutions(env, key, count, timeoutMs = 20_000) {
	return waitFor(
		async () => {
			const list = await executions(env, key);
			const done = list.filter((e) => e.finished || e.stoppedAt);
			return done.length >= count ? list : undefined;
		},
		{ timeoutMs, what: `${count} execution(s) of ${key}` },
	);
}

/** Every access/refresh token and ticket the simulator has handed out so far: secrets to look for. */
export function collectIssuedSecrets(env) {
	const state = env.simulator.state;
	for (const token of state.tokens.keys()) env.secrets.add(token);
	for (const a of state.authorizers.values()) if (a.refreshToken) env.secrets.add(a.refreshToken);
	return env.secrets;
}

/** Text of every n8n log file of the environment. */
export function n8nLogs(env) {
	return readdirSync(env.folder)
		.filter((f) => f.startsWith('n8n-') && f.endsWith('.log'))
		.map((f) => readFileSync(join(env.folder, f), 'utf8'))
		.join('\n');
}

/** Readiness of every process. */
export async function healthy(env) {
	for (const handle of Object.values(env.processes)) {
		const res = await fetch(`${handle.baseUrl}/healthz/readiness`);
		if (!res.ok) return false;
	}
	return true;
}

export { readWorkflow };

/**
 * What two hours do to the tokens, without waiting two hours: WeChat stops accepting every access
 * token it issued, and the stored ones reach their refresh time (the component token's Redis TTL
 * runs out; an authorizer record keeps its refresh token and gets a past refreshAt). Uses the core's
 * own RedisStore, so keys and formats are the ones the nodes read.
 */
export async function ageTokens(env, authorizerAppIds) {
	for (const token of [...env.simulator.state.tokens.keys()]) env.simulator.invalidateToken(token);
	const store = new core.RedisStore({ url: env.redis.url, componentAppId: env.component.appId });
	try {
		await store.delete('component_token');
		const past = Date.now() - 1000;
		for (const appId of authorizerAppIds) {
			const raw = await store.get(`authorizer:${appId}`);
			if (!raw) throw new Error(`no stored tokens for ${appId}`);
			await store.set(
				`authorizer:${appId}`,
				JSON.stringify({ ...JSON.parse(raw), refreshAt: past, expiresAt: past }),
			);
		}
	} finally {
		await store.close();
	}
}
