import { promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Redis from 'ioredis';
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import { WeChatPlatform } from '../../core/platform';
import { closeAllPlatforms, closeIdlePlatforms } from '../../core/platformRegistry';
import { pooledRedisConnections } from '../../core/store/redisPool';
import { platformFor } from '../../nodes/shared/platform';
import { startDelayProxy, type DelayProxy } from '../helpers/delayProxy';
import { MERCHANT_APPID, configFor, startFixture, type Fixture } from '../helpers/platformSetup';
import { freePort, startRedis, type RedisServer } from '../helpers/redis';
import { internals } from '../helpers/platformInternals';

const ISSUE_PATH = '/cgi-bin/component/api_component_token';
const REFRESH_PATH = '/cgi-bin/component/api_authorizer_token';
const LIST = '/cgi-bin/component/api_get_authorizer_list';
const EXCHANGE_PATH = '/cgi-bin/component/api_query_auth';
const USERS = '/cgi-bin/user/get';
const SECRET = 'S3cretPass';

let f: Fixture;
let proxy: DelayProxy;
const servers: RedisServer[] = [];
const dirs: string[] = [];
/** Platforms made directly (not through getPlatform): closed after each test, or their Redis
 * connections keep reconnecting to a stopped server and Jest never exits. */
const made: WeChatPlatform[] = [];

beforeEach(async () => {
	f = await startFixture();
	proxy = await startDelayProxy(f.sim.url);
});
afterEach(async () => {
	for (const p of made.splice(0)) await p.close().catch(() => undefined);
	await closeAllPlatforms();
	await proxy.close();
	await f.sim.close();
	for (const server of servers.splice(0)) await server.stop().catch(() => undefined);
	for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

async function redisServer(o: { persistent?: boolean } = {}): Promise<RedisServer> {
	const dir = await fs.mkdtemp(join(tmpdir(), 'wx-redis-faults-'));
	dirs.push(dir);
	const server = await startRedis({ dir, persistent: o.persistent });
	servers.push(server);
	return server;
}

async function restart(
	server: RedisServer,
	o: { persistent?: boolean } = {},
): Promise<RedisServer> {
	const again = await startRedis({ port: server.port, dir: dirs[dirs.length - 1], ...o });
	servers.push(again);
	return again;
}

/** SIGKILL, and returns once the kernel has ended the process (its /proc state is Z or gone). */
function killNow(pid: number): void {
	process.kill(pid, 'SIGKILL');
	for (;;) {
		let state: string;
		try {
			state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] ?? 'Z';
		} catch {
			return;
		}
		if (state === 'Z' || state === 'X') return;
	}
}

/** Client connections the server holds, not counting the one asking. */
async function connections(url: string): Promise<number> {
	const raw = new Redis(url);
	try {
		const list = (await raw.client('LIST')) as string;
		return list.split('\n').filter((line) => line.trim() !== '').length - 1;
	} finally {
		raw.disconnect();
	}
}

/** Retries `fn` while the store is still unreachable (ioredis reconnects within 2 s). */
async function whenBack<T>(fn: () => Promise<T>): Promise<T> {
	const deadline = Date.now() + 15_000;
	for (;;) {
		try {
			return await fn();
		} catch (error) {
			expect((error as { code?: string }).code).toBe('STORE_UNAVAILABLE');
			expect(Date.now()).toBeLessThan(deadline);
			// A refusal while Redis is known to be down takes no I/O: let the reconnection run.
			await new Promise((resolve) => setImmediate(resolve));
		}
	}
}

async function authorized(url: string, logs: string[] = []): Promise<WeChatPlatform> {
	const p = new WeChatPlatform(
		configFor(
			f,
			{ kind: 'redis', redisUrl: url },
			{ apiBaseUrl: proxy.url, logger: { warn: (m) => logs.push(m), info: () => undefined } },
		),
	);
	made.push(p);
	await p.saveTicket(f.sim.issueTicket());
	await p.queryAuth(f.sim.createAuthorizationCode(MERCHANT_APPID));
	return p;
}

test('ten edits of a credential leave one Redis connection; idle platforms are closed', async () => {
	const server = await redisServer();
	const credentials: ICredentialDataDecryptedObject = {
		componentAppId: f.component.appId,
		componentAppSecret: f.component.appSecret,
		token: f.component.token,
		encodingAESKey: f.component.encodingAESKey,
		apiBaseUrl: f.sim.url,
		store: 'redis',
		redisUrl: server.url,
	};
	const node = { credentials: { wechatOpenPlatformApi: { id: 'cred-edits', name: 'x' } } };
	const context = {
		getCredentials: async () => ({ ...credentials }),
		getNode: () => node as unknown as INode,
	};
	const seen = new Set<WeChatPlatform>();
	for (let edit = 0; edit < 10; edit++) {
		credentials.apiBaseUrl = `${f.sim.url}/?edit=${edit}`;
		const platform = await platformFor(context);
		seen.add(platform);
		await platform.hasTicket();
	}
	expect(seen.size).toBe(10);
	expect(await connections(server.url)).toBe(1);
	expect(pooledRedisConnections()).toBe(1);
	// the same server written another way is the same location
	const other = new WeChatPlatform(
		configFor(
			f,
			{ kind: 'redis', redisUrl: `${server.url}/0` },
			{ componentAppId: 'wx0000000000000ff1' },
		),
	);
	await other.hasTicket();
	expect(await connections(server.url)).toBe(1);
	await other.close();

	expect(await closeIdlePlatforms(0)).toBeGreaterThanOrEqual(1);
	await closeAllPlatforms();
	expect(pooledRedisConnections()).toBe(0);
	expect(await connections(server.url)).toBe(0);
});

test('Redis unreachable: STORE_UNAVAILABLE at once, one log line per minute, never the password', async () => {
	const port = await freePort();
	const logs: string[] = [];
	const p = new WeChatPlatform(
		configFor(
			f,
			{ kind: 'redis', redisUrl: `redis://:${SECRET}@127.0.0.1:${port}` },
			{ logger: { warn: (m) => logs.push(m) } },
		),
	);
	for (let i = 0; i < 4; i++) {
		const error = await p.hasTicket().then(
			() => undefined,
			(e: unknown) => e as { code?: string; message: string; hint?: string },
		);
		expect(error?.code).toBe('STORE_UNAVAILABLE');
		expect(error?.message).toContain(`127.0.0.1:${port}`);
		expect(error?.hint).toMatch(/Redis is running/);
		expect(JSON.stringify(error) + String(error?.message)).not.toContain(SECRET);
	}
	const redisLines = logs.filter((line) => line.startsWith('Redis store'));
	expect(redisLines).toHaveLength(1);
	expect(logs.join('\n')).not.toContain(SECRET);
	await p.close();
});

test('Redis killed mid-refresh (refresh token rotated), then back: nothing lost, one refresh, clear error meanwhile', async () => {
	let server = await redisServer({ persistent: true });
	const logs: string[] = [];
	const p = await authorized(server.url, logs);
	const before = await p.getAuthorizerAccessToken(MERCHANT_APPID);
	await internals(p).tokens.invalidate('authorizer', MERCHANT_APPID, before);
	f.sim.rotateRefreshTokenOnNextRefresh(MERCHANT_APPID);
	f.sim.clearRecords();
	// WeChat has issued the new tokens (the old refresh token is dead) when Redis dies.
	proxy.onResponse(REFRESH_PATH, () => killNow(server.pid));

	await expect(p.getAuthorizerAccessToken(MERCHANT_APPID)).rejects.toMatchObject({
		code: 'STORE_WRITE_FAILED',
	});
	proxy.onResponse(REFRESH_PATH, () => undefined);
	// While Redis is down: the tokens WeChat issued are served from memory...
	const kept = await p.getAuthorizerAccessToken(MERCHANT_APPID);
	await expect(
		p.authorizerRequest(MERCHANT_APPID, { method: 'GET', path: USERS }),
	).resolves.toHaveProperty('total');
	// ...and what needs Redis fails with a clear error.
	await expect(p.hasTicket()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });

	server = await restart(server, { persistent: true });
	// The first call that reaches Redis again writes what was kept.
	expect(await whenBack(() => p.hasTicket())).toBe(true);
	expect(await p.getAuthorizerAccessToken(MERCHANT_APPID)).toBe(kept);
	const raw = new Redis(server.url);
	try {
		const record = JSON.parse(
			(await raw.get(`wechat-open-platform:${f.component.appId}:authorizer:${MERCHANT_APPID}`)) ??
				'null',
		) as { accessToken: string; refreshToken: string };
		expect(record.accessToken).toBe(kept);
		expect(record.refreshToken).toBe(f.sim.state.authorizers.get(MERCHANT_APPID)?.refreshToken);
	} finally {
		raw.disconnect();
	}
	expect(f.sim.count(REFRESH_PATH)).toBe(1);
	expect(f.sim.count(EXCHANGE_PATH)).toBe(0);

	// A later refresh uses the rotated refresh token: WeChat accepts it, no re-authorization.
	await internals(p).tokens.invalidate('authorizer', MERCHANT_APPID, kept);
	const next = await p.getAuthorizerAccessToken(MERCHANT_APPID);
	expect(next).not.toBe(kept);
	expect(f.sim.count(REFRESH_PATH)).toBe(2);
	expect(f.sim.count(LIST)).toBe(0);
});

test('Redis restarted without persistence (all keys gone): tokens come back from WeChat, no re-authorization', async () => {
	let server = await redisServer();
	const p = await authorized(server.url);
	await p.getAuthorizerAccessToken(MERCHANT_APPID);
	f.sim.clearRecords();

	killNow(server.pid);
	server = await restart(server);
	const raw = new Redis(server.url);
	try {
		expect(await raw.dbsize()).toBe(0);
		const token = await whenBack(() => p.getAuthorizerAccessToken(MERCHANT_APPID));
		await expect(
			p.authorizerRequest(MERCHANT_APPID, { method: 'GET', path: USERS }),
		).resolves.toHaveProperty('total');
		expect(token).toBeTruthy();
		// The ticket came from this process's memory, the refresh token from the authorizer list.
		expect(f.sim.count(LIST)).toBe(1);
		expect(f.sim.count(ISSUE_PATH)).toBe(1);
		expect(f.sim.count(REFRESH_PATH)).toBe(1);
		expect(f.sim.count(EXCHANGE_PATH)).toBe(0);
		expect(await raw.exists(`wechat-open-platform:${f.component.appId}:ticket`)).toBe(1);
		expect(await p.listAuthorizers()).toEqual([expect.objectContaining({ appId: MERCHANT_APPID })]);
	} finally {
		raw.disconnect();
	}
});
