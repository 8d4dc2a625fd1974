import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Redis from 'ioredis';

import { WeChatPlatform } from '../../core/platform';
import type { PlatformConfig } from '../../core/platformConfig';
import { startDelayProxy, type DelayProxy } from '../helpers/delayProxy';
import { MERCHANT_APPID, configFor, startFixture, type Fixture } from '../helpers/platformSetup';
import { forkTs, type TsChild } from '../helpers/processes';
import { startRedis, type RedisServer } from '../helpers/redis';
import { internals } from '../helpers/platformInternals';

const ISSUE_PATH = '/cgi-bin/component/api_component_token';
const REFRESH_PATH = '/cgi-bin/component/api_authorizer_token';
const LIST_PATH = '/cgi-bin/component/api_get_authorizer_list';
const CHILD = join(__dirname, '..', 'helpers', 'tokenChild.ts');

let redis: RedisServer;
let root: string;
let f: Fixture;
let proxy: DelayProxy;
let children: TsChild[] = [];
let parent: WeChatPlatform | undefined;
let run = 0;

beforeAll(async () => {
	root = await fs.mkdtemp(join(tmpdir(), 'wx-multiproc-'));
	redis = await startRedis();
}, 300_000);
afterAll(async () => {
	await redis?.stop();
	await fs.rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
	f = await startFixture();
	proxy = await startDelayProxy(f.sim.url);
});
afterEach(async () => {
	await Promise.all(children.map((c) => c.stop()));
	children = [];
	await parent?.close();
	parent = undefined;
	await proxy.close();
	await f.sim.close();
});

type StoreKind = 'file' | 'redis';

function storeFor(kind: StoreKind): PlatformConfig['store'] {
	return kind === 'file'
		? { kind, baseDir: join(root, `store-${++run}`) }
		: { kind, redisUrl: redis.url };
}

/**
 * The state a running n8n has after an authorization: ticket and refresh token stored. Both
 * access tokens are then dropped, so the next caller must refresh them.
 */
async function seed(store: PlatformConfig['store']): Promise<WeChatPlatform> {
	if (store.kind === 'redis') {
		const raw = new Redis(redis.url);
		await raw.flushall();
		raw.disconnect();
	}
	const p = new WeChatPlatform(configFor(f, store));
	await p.saveTicket(f.sim.issueTicket());
	await p.queryAuth(f.sim.createAuthorizationCode(MERCHANT_APPID));
	await internals(p).tokens.invalidate('component', undefined, await p.getComponentAccessToken());
	await internals(p).tokens.invalidate(
		'authorizer',
		MERCHANT_APPID,
		await p.getAuthorizerAccessToken(MERCHANT_APPID),
	);
	f.sim.clearRecords();
	return p;
}

async function child(
	store: PlatformConfig['store'],
	extra: Partial<PlatformConfig> = {},
): Promise<TsChild> {
	const config = configFor(f, store, { apiBaseUrl: proxy.url, ...extra });
	const c = await forkTs(CHILD, { WX_CHILD_CONFIG: JSON.stringify(config) });
	children.push(c);
	return c;
}

describe.each<StoreKind>(['file', 'redis'])('two OS processes sharing the %s store', (kind) => {
	test('200 concurrent calls (100 per process) → exactly 1 api_component_token and 1 api_authorizer_token', async () => {
		const store = storeFor(kind);
		parent = await seed(store);
		// Hold WeChat's answers back so that both processes are refreshing at the same time.
		proxy.delayResponses(ISSUE_PATH, 300);
		proxy.delayResponses(REFRESH_PATH, 300);
		const [a, b] = await Promise.all([child(store), child(store)]);
		const results = await Promise.all([
			a.request<{ count: number; distinct: string[] }>({
				cmd: 'burst',
				appId: MERCHANT_APPID,
				n: 100,
			}),
			b.request<{ count: number; distinct: string[] }>({
				cmd: 'burst',
				appId: MERCHANT_APPID,
				n: 100,
			}),
		]);
		expect(results.map((r) => r.count)).toEqual([100, 100]);
		expect(new Set([...results[0].distinct, ...results[1].distinct]).size).toBe(1);
		expect(f.sim.count(ISSUE_PATH)).toBe(1);
		expect(f.sim.count(REFRESH_PATH)).toBe(1);
		expect(f.sim.state.checkToken(results[0].distinct[0], 'authorizer').errcode).toBe(0);
		console.log(
			`[measured] 2 processes x 100 concurrent, ${kind} store: api_component_token=${f.sim.count(ISSUE_PATH)} api_authorizer_token=${f.sim.count(REFRESH_PATH)}`,
		);
	}, 180_000);

	test('a process killed (SIGKILL) mid-refresh after WeChat rotated the refresh token: the next process works without re-authorization', async () => {
		const store = storeFor(kind);
		parent = await seed(store);
		const before = (await internals(parent).tokens.readAuthorizer(MERCHANT_APPID))?.refreshToken;
		f.sim.rotateRefreshTokenOnNextRefresh(MERCHANT_APPID);
		const victim = await child(store, { lockTtlMs: 1000 });
		// WeChat has rotated the token and answered; the process dies before it reads the answer.
		proxy.onResponse(REFRESH_PATH, () => process.kill(victim.pid, 'SIGKILL'));
		await expect(victim.request({ cmd: 'token', appId: MERCHANT_APPID })).rejects.toThrow(
			/child exited/,
		);
		expect((await victim.exited).signal).toBe('SIGKILL');
		proxy.onResponse(REFRESH_PATH, () => undefined);

		const rotated = f.sim.state.authorizers.get(MERCHANT_APPID)?.refreshToken;
		expect(rotated).not.toBe(before);
		// The store is intact: the old refresh token, readable, not half-written.
		expect((await internals(parent).tokens.readAuthorizer(MERCHANT_APPID))?.refreshToken).toBe(
			before,
		);

		const survivor = await child(store);
		const token = await survivor.request<string>({ cmd: 'token', appId: MERCHANT_APPID });
		expect(f.sim.state.checkToken(token, 'authorizer').errcode).toBe(0);
		expect((await internals(parent).tokens.readAuthorizer(MERCHANT_APPID))?.refreshToken).toBe(
			rotated,
		);
		// killed attempt, stale token (61023), retry with the re-synced one
		expect(f.sim.count(REFRESH_PATH)).toBe(3);
		expect(f.sim.count(LIST_PATH)).toBe(1);
		expect(f.sim.count(ISSUE_PATH)).toBe(1);
	}, 180_000);
});
