// Runs a real n8n for `npm start`, the e2e suite and the e2e benchmark: installs this package the
// way n8n's community-node installer does, starts/stops n8n processes by PID, and drives n8n over
// its REST and public APIs (owner, API key, credentials, workflows, executions).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	closeSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureN8n, N8N_2X } from './install.mjs';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PACKAGE_NAME = 'n8n-nodes-wechat-open-platform';
export const TRIGGER_TYPE = `${PACKAGE_NAME}.wechatOpenPlatformTrigger`;
export const ACTION_TYPE = `${PACKAGE_NAME}.wechatOpenPlatform`;
export const CREDENTIAL_TYPE = 'wechatOpenPlatformApi';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs a command to completion; rejects with the output tail when it fails. */
export function run(cmd, args, { cwd = REPO_ROOT, env = {}, quiet = true } = {}) {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(cmd, args, {
			cwd,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		const keep = (chunk) => {
			out += chunk.toString();
			if (!quiet) process.stderr.write(chunk);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolvePromise(out);
			else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${out.slice(-6000)}`));
		});
	});
}

/** A TCP port that is free on loopback right now. */
export function freePort() {
	return new Promise((resolvePromise, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolvePromise(port));
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Installing the package the community way

/** `npm run build` (+ tools when asked). */
export async function buildRepo({ tools = false } = {}) {
	await run('npm', ['run', 'build']);
	if (tools) await run('npm', ['run', 'build:tools']);
}

/** `npm pack` into a temp folder; returns the tarball path. */
export async function packPackage() {
	const out = mkdtempSync(join(tmpdir(), 'wechat-pack-'));
	await run('npm', ['pack', '--pack-destination', out, '--ignore-scripts', '--loglevel=error']);
	const tgz = readdirSync(out).find((f) => f.endsWith('.tgz'));
	if (!tgz) throw new Error('npm pack produced no tarball');
	return join(out, tgz);
}

/**
 * Installs the package into `<userFolder>/.n8n/nodes/node_modules/<pkg>` as Settings → Community
 * Nodes would: unpacked tarball, dev/peer dependencies dropped (n8n-workflow must resolve to n8n's
 * own copy), runtime dependencies installed without scripts.
 */
export async function installPackage(userFolder, { tarball, build = true } = {}) {
	if (!tarball) {
		if (build) await buildRepo();
		tarball = await packPackage();
	}
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	const pkgPath = join(target, 'package.json');
	const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
	delete pkg.devDependencies;
	delete pkg.peerDependencies;
	delete pkg.scripts;
	writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
	// n8n keeps a package.json in the nodes folder listing installed packages; mimic it.
	const hostPkgPath = join(nodesDir, 'package.json');
	const hostPkg = existsSync(hostPkgPath)
		? JSON.parse(readFileSync(hostPkgPath, 'utf8'))
		: { name: 'installed-nodes', private: true };
	hostPkg.dependencies = { ...(hostPkg.dependencies ?? {}), [PACKAGE_NAME]: pkg.version };
	writeFileSync(hostPkgPath, JSON.stringify(hostPkg, null, 2));
	await run(
		'npm',
		[
			'install',
			'--omit=dev',
			'--omit=peer',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--no-package-lock',
			'--loglevel=error',
		],
		{
			cwd: target,
		},
	);
	return { target, tarball, version: pkg.version };
}

// ---------------------------------------------------------------------------------------------
// Per-user-folder state: the encryption key must stay the same for the folder's whole life

export function loadState(userFolder) {
	const file = join(userFolder, 'launcher-state.json');
	mkdirSync(userFolder, { recursive: true });
	let state = {};
	if (existsSync(file)) state = JSON.parse(readFileSync(file, 'utf8'));
	if (!state.encryptionKey) {
		state.encryptionKey = randomBytes(24).toString('base64url');
		saveState(userFolder, state);
	}
	return state;
}

export function saveState(userFolder, state) {
	writeFileSync(join(userFolder, 'launcher-state.json'), JSON.stringify(state, null, 2), {
		mode: 0o600,
	});
}

// ---------------------------------------------------------------------------------------------
// Processes

/** Environment for one n8n process (loopback, SQLite, quiet logs, a fixed encryption key). */
export function n8nEnv({ userFolder, port, brokerPort, webhookUrl, queue, extra = {} }) {
	const state = loadState(userFolder);
	const env = {
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_ENCRYPTION_KEY: state.encryptionKey,
		WEBHOOK_URL: webhookUrl ?? `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: 'info',
		NODE_ENV: 'production',
	};
	if (queue) {
		Object.assign(env, {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: queue.redisHost ?? '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(queue.redisPort),
			...(queue.redisPassword ? { QUEUE_BULL_REDIS_PASSWORD: queue.redisPassword } : {}),
			QUEUE_BULL_PREFIX: queue.prefix ?? 'bull',
			// Manual runs go to workers too, as on a real queue deployment.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		});
	}
	return { ...env, ...extra };
}

/**
 * Starts one n8n process and waits until it is ready. `mode`: 'regular' | 'main' (both `n8n start`),
 * 'webhook' (`n8n webhook`), 'worker' (`n8n worker`). The process gets its own process group so that
 * stopping it also stops the task runners it spawned, without touching anything else.
 */
export async function startN8n({
	version = N8N_2X,
	userFolder,
	port,
	brokerPort,
	env = {},
	mode = 'regular',
	queue,
	webhookUrl,
	logFile,
	timeoutMs = 120_000,
}) {
	const inst = await ensureN8n(version);
	port ??= await freePort();
	brokerPort ??= await freePort();
	logFile ??= join(userFolder, `n8n-${mode}.log`);
	mkdirSync(dirname(logFile), { recursive: true });
	const command = { regular: 'start', main: 'start', webhook: 'webhook', worker: 'worker' }[mode];
	if (!command) throw new Error(`unknown n8n mode ${mode}`);
	const fullEnv = {
		...process.env,
		...inst.env,
		...n8nEnv({ userFolder, port, brokerPort, webhookUrl, queue, extra: env }),
	};
	if (mode === 'worker') {
		// A worker serves no UI; its health server on its own port is how we know it is ready.
		Object.assign(fullEnv, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
	}
	const fd = openSync(logFile, 'a');
	writeFileSync(
		fd,
		`\n=== ${new Date().toISOString()} n8n ${version} ${command} port ${port} ===\n`,
	);
	// N8N_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile n8n (NODE_OPTIONS refuses --cpu-prof).
	const nodeArgs = (process.env.N8N_NODE_ARGS || '').split(/\s+/).filter(Boolean);
	const child = spawn(inst.nodeBin, [...nodeArgs, inst.n8nBin, command], {
		cwd: userFolder,
		env: fullEnv,
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	closeSync(fd);
	const handle = {
		child,
		pid: child.pid,
		version,
		mode,
		port,
		brokerPort,
		userFolder,
		logFile,
		baseUrl: `http://127.0.0.1:${port}`,
		exitCode: undefined,
		exited: new Promise((r) => child.on('exit', (code, signal) => r({ code, signal }))),
	};
	handle.exited.then(({ code, signal }) => {
		handle.exitCode = code ?? signal;
	});
	const started = Date.now();
	for (;;) {
		if (handle.exitCode !== undefined) {
			throw new Error(
				`n8n ${mode} exited (${handle.exitCode}) before it was ready:\n${logTail(logFile)}`,
			);
		}
		try {
			const res = await fetch(`${handle.baseUrl}/healthz/readiness`, {
				signal: AbortSignal.timeout(2000),
			});
			if (res.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() - started > timeoutMs) {
			await stopN8n(handle, 'SIGKILL');
			throw new Error(`n8n ${mode} not ready after ${timeoutMs} ms:\n${logTail(logFile)}`);
		}
		await sleep(200);
	}
	handle.readyMs = Date.now() - started;
	return handle;
}

export function logTail(file, chars = 4000) {
	try {
		return readFileSync(file, 'utf8').slice(-chars);
	} catch {
		return '(no log)';
	}
}

/** Stops an n8n process group by its PID. SIGKILL is immediate; SIGTERM waits for a clean stop. */
export async function stopN8n(handle, signal = 'SIGTERM', timeoutMs = 30_000) {
	if (!handle || handle.exitCode !== undefined) return;
	try {
		process.kill(-handle.pid, signal);
	} catch (err) {
		if (err.code !== 'ESRCH') throw err;
	}
	const timer = sleep(timeoutMs).then(() => 'timeout');
	const result = await Promise.race([handle.exited, timer]);
	if (result === 'timeout') {
		try {
			process.kill(-handle.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
		await handle.exited;
	}
	// A SIGKILLed group may leave a runner behind for a moment; make sure none survives.
	try {
		process.kill(-handle.pid, 'SIGKILL');
	} catch {
		/* the whole group is gone */
	}
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers against a running n8n

async function json(res) {
	const text = await res.text();
	try {
		return text ? JSON.parse(text) : undefined;
	} catch {
		return text;
	}
}

export const DEFAULT_OWNER = {
	email: 'owner@example.com',
	firstName: 'Local',
	lastName: 'Owner',
	password: 'WeChat-n8n-local-1',
};

/** Creates the owner (first start only) and logs in; returns the auth cookie. */
export async function ensureOwner(baseUrl, owner = DEFAULT_OWNER) {
	// 1.x reports ready before its REST routes are mounted: a 404 here means "not yet".
	const setup = await waitFor(
		async () => {
			const res = await fetch(`${baseUrl}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(owner),
			});
			return res.status === 404 ? undefined : res;
		},
		{ timeoutMs: 60_000, what: 'n8n REST API' },
	);
	if (!setup.ok && setup.status !== 400)
		throw new Error(`owner setup failed: ${setup.status} ${JSON.stringify(await json(setup))}`);
	const login = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		// 1.x takes `email`, 2.x `emailOrLdapLoginId`; both ignore the other field.
		body: JSON.stringify({
			email: owner.email,
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		}),
	});
	if (!login.ok)
		throw new Error(`login failed: ${login.status} ${JSON.stringify(await json(login))}`);
	const cookie = (login.headers.getSetCookie?.() ?? [login.headers.get('set-cookie')])
		.filter(Boolean)
		.map((c) => c.split(';')[0])
		.join('; ');
	return cookie;
}

/** Creates a public-API key with every scope the owner may have. */
export async function createApiKey(baseUrl, cookie, label = 'wechat-e2e') {
	const headers = { cookie, 'content-type': 'application/json' };
	let scopes;
	const scopesRes = await fetch(`${baseUrl}/rest/api-keys/scopes`, { headers });
	if (scopesRes.ok) scopes = (await json(scopesRes)).data;
	const res = await fetch(`${baseUrl}/rest/api-keys`, {
		method: 'POST',
		headers,
		body: JSON.stringify({
			label: `${label}-${Date.now()}`,
			expiresAt: null,
			...(scopes ? { scopes } : {}),
		}),
	});
	const body = await json(res);
	if (!res.ok) throw new Error(`api key creation failed: ${res.status} ${JSON.stringify(body)}`);
	const key = body.data.rawApiKey ?? body.data.apiKey;
	if (!key) throw new Error('api key response carried no key');
	return key;
}

/** Owner + API key for a user folder, created once and remembered in the folder's state file. */
export async function ensureAccess(handle, owner = DEFAULT_OWNER) {
	const state = loadState(handle.userFolder);
	const cookie = await ensureOwner(handle.baseUrl, owner);
	if (state.apiKey) {
		const probe = await fetch(`${handle.baseUrl}/api/v1/workflows?limit=1`, {
			headers: { 'X-N8N-API-KEY': state.apiKey },
		});
		if (probe.ok) return { cookie, apiKey: state.apiKey, owner };
	}
	state.apiKey = await createApiKey(handle.baseUrl, cookie);
	state.owner = { email: owner.email, password: owner.password };
	saveState(handle.userFolder, state);
	return { cookie, apiKey: state.apiKey, owner };
}

/** Thin client for n8n's public API (`/api/v1`). */
export class N8nApi {
	constructor(baseUrl, apiKey) {
		this.baseUrl = baseUrl;
		this.apiKey = apiKey;
	}

	async request(method, path, body) {
		const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
			method,
			headers: {
				'X-N8N-API-KEY': this.apiKey,
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
			},
			body: body !== undefined ? JSON.stringify(body) : undefined,
		});
		const data = await json(res);
		if (!res.ok) {
			const err = new Error(
				`${method} /api/v1${path} → ${res.status} ${typeof data === 'string' ? data : JSON.stringify(data)}`,
			);
			err.status = res.status;
			throw err;
		}
		return data;
	}

	createCredential({ name, type, data }) {
		return this.request('POST', '/credentials', { name, type, data });
	}

	/** Creates a workflow from exported JSON (only the fields the public API accepts). */
	createWorkflow(wf) {
		const { name, nodes, connections } = wf;
		const settings = { executionOrder: 'v1', ...(wf.settings ?? {}) };
		return this.request('POST', '/workflows', { name, nodes, connections, settings });
	}

	activateWorkflow(id) {
		return this.request('POST', `/workflows/${id}/activate`);
	}

	deactivateWorkflow(id) {
		return this.request('POST', `/workflows/${id}/deactivate`);
	}

	/** Every execution (optionally of one workflow), newest first. */
	listExecutions({ workflowId, includeData = false } = {}) {
		const q = new URLSearchParams({ limit: '250', includeData: String(includeData) });
		if (workflowId) q.set('workflowId', workflowId);
		return this.pageAll(`/executions?${q}`);
	}

	getExecution(id, includeData = true) {
		return this.request('GET', `/executions/${id}?includeData=${includeData}`);
	}

	async pageAll(path) {
		const out = [];
		let cursor;
		for (;;) {
			const sep = path.includes('?') ? '&' : '?';
			const page = await this.request(
				'GET',
				cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path,
			);
			out.push(...page.data);
			if (!page.nextCursor) return out;
			cursor = page.nextCursor;
		}
	}
}

/** Node types n8n has loaded (`/types/nodes.json`; 2.x wants a login cookie for it). */
export async function loadedNodeTypes(baseUrl, cookie) {
	const res = await fetch(`${baseUrl}/types/nodes.json`, { headers: cookie ? { cookie } : {} });
	if (!res.ok) throw new Error(`/types/nodes.json → ${res.status}`);
	return (await res.json()).map((t) => t.name);
}

/**
 * Waits until a production webhook answers something other than 404: 2.x registers webhooks of
 * activated workflows asynchronously. An OPTIONS preflight with an Origin header gets 204 once the
 * path exists, and starts nothing.
 */
export async function waitForWebhook(url, { timeoutMs = 30_000, method = 'POST' } = {}) {
	return waitFor(
		async () => {
			const status = await webhookStatus(url, method);
			// Unregistered paths answer 404 (or 500 on some 2.x builds); a registered one 204.
			if (status >= 200 && status < 300) return status;
			// Thrown so that waitFor's timeout message names the last answer.
			throw new Error(`answered ${status}`);
		},
		{ timeoutMs, what: `webhook ${url} to be registered` },
	);
}

/** Polls `fn` until it returns a truthy value or the time runs out. */
export async function waitFor(
	fn,
	{ timeoutMs = 15_000, intervalMs = 150, what = 'condition' } = {},
) {
	const started = Date.now();
	let lastErr;
	for (;;) {
		try {
			const v = await fn();
			if (v) return v;
		} catch (err) {
			lastErr = err;
		}
		if (Date.now() - started > timeoutMs) {
			throw new Error(
				`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${lastErr.message}` : ''}`,
			);
		}
		await sleep(intervalMs);
	}
}

/** Reads a workflow JSON from examples/ (or any path) and returns it parsed. */
export function readWorkflow(file) {
	return JSON.parse(readFileSync(resolve(REPO_ROOT, file), 'utf8'));
}

/**
 * The WeChat Open Platform credential's fields for a simulator component (`{ appId, appSecret, token,
 * encodingAESKey }`) served at `apiBaseUrl`; callers add the store settings.
 */
export function credentialData(component, apiBaseUrl) {
	return {
		componentAppId: component.appId,
		componentAppSecret: component.appSecret,
		token: component.token,
		encodingAESKey: component.encodingAESKey,
		apiBaseUrl,
	};
}

/** Points every WeChat node of a workflow at the given credential (examples ship a placeholder). */
export function bindCredential(workflow, credential) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		if (node.credentials?.[CREDENTIAL_TYPE])
			node.credentials[CREDENTIAL_TYPE] = { id: credential.id, name: credential.name };
	}
	return copy;
}

/**
 * The trigger's webhook URLs for a workflow (base = the n8n or webhook-process URL), as the trigger
 * serves them: `/webhook/<webhookId>/authorization` and `/webhook/<webhookId>/<appid>/callback`.
 */
export function triggerUrls(workflow, base) {
	const trigger = workflow.nodes.find((n) => n.type === TRIGGER_TYPE);
	if (!trigger?.webhookId)
		throw new Error(`workflow "${workflow.name}" has no WeChat trigger with a webhookId`);
	const root = `${base.replace(/\/+$/, '')}/webhook/${trigger.webhookId}`;
	return {
		webhookId: trigger.webhookId,
		authorization: `${root}/authorization`,
		callback: (appId) => `${root}/${appId}/callback`,
		callbackTemplate: `${root}/$APPID$/callback`,
		authorize: `${root}/authorize`,
	};
}

/**
 * Status of a CORS preflight: 204 once n8n serves a `method` webhook at `url`, 404 while it does not.
 * Starts nothing.
 */
export async function webhookStatus(url, method = 'POST') {
	const res = await fetch(url, {
		method: 'OPTIONS',
		headers: { origin: 'http://127.0.0.1', 'access-control-request-method': method },
	});
	await res.arrayBuffer();
	return res.status;
}

/** Creates (and optionally activates) a workflow from a file, bound to the credential. */
export async function importWorkflow(api, file, credential, { activate = true } = {}) {
	const source = typeof file === 'string' ? readWorkflow(file) : file;
	const created = await api.createWorkflow(bindCredential(source, credential));
	if (activate) await api.activateWorkflow(created.id);
	return { ...created, source };
}
