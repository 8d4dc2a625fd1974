import Redis from 'ioredis';

import { createStore } from '../../core/store/createStore';
import { RedisStore } from '../../core/store/RedisStore';
import { startRedis, type RedisServer } from '../helpers/redis';
import { describeStoreContract } from '../helpers/storeContract';

let redis: RedisServer;
let n = 0;
let appId = '';

beforeAll(async () => {
	redis = await startRedis();
}, 300_000);
afterAll(async () => {
	await redis?.stop();
});

describeStoreContract(
	'redis',
	async () => {
		appId = `wx${(++n).toString(16).padStart(16, '0')}`;
		return new RedisStore({ url: redis.url, componentAppId: appId });
	},
	async () => new RedisStore({ url: redis.url, componentAppId: appId }),
);

describe('RedisStore specifics', () => {
	test('keys are namespaced per component; two components never see each other', async () => {
		const a = createStore({
			kind: 'redis',
			componentAppId: 'wxaaaaaaaaaaaaaaaa',
			redisUrl: redis.url,
		});
		const b = createStore({
			kind: 'redis',
			componentAppId: 'wxbbbbbbbbbbbbbbbb',
			redisUrl: redis.url,
		});
		const raw = new Redis(redis.url);
		try {
			await a.set('ticket', 'A');
			expect(await b.get('ticket')).toBeUndefined();
			expect(await raw.get('wechat-open-platform:wxaaaaaaaaaaaaaaaa:ticket')).toBe('A');
			await a.withLock('authorizer:wx1', async () => {
				expect(
					await raw.exists('wechat-open-platform:wxaaaaaaaaaaaaaaaa:__lock:authorizer:wx1'),
				).toBe(1);
				// a lock is not a key
				expect(await a.keys('')).toEqual(['ticket']);
			});
		} finally {
			raw.disconnect();
			await a.close();
			await b.close();
		}
	});

	test('a lock left by a dead holder expires after its PX ttl; a foreign owner is never released', async () => {
		const store = new RedisStore({ url: redis.url, componentAppId: 'wxdeaddeaddeaddead' });
		const raw = new Redis(redis.url);
		try {
			await raw.set('wechat-open-platform:wxdeaddeaddeaddead:__lock:L', 'dead-owner', 'PX', 150);
			await expect(store.withLock('L', async () => 'x', { waitMs: 30 })).rejects.toThrow(
				/Timed out/,
			);
			expect(await store.withLock('L', async () => 'after expiry', { waitMs: 2000 })).toBe(
				'after expiry',
			);
			await raw.set(
				'wechat-open-platform:wxdeaddeaddeaddead:__lock:M',
				'someone-else',
				'PX',
				60_000,
			);
			await expect(store.withLock('M', async () => 'x', { waitMs: 30 })).rejects.toThrow(
				/Timed out/,
			);
			expect(await raw.get('wechat-open-platform:wxdeaddeaddeaddead:__lock:M')).toBe(
				'someone-else',
			);
		} finally {
			raw.disconnect();
			await store.close();
		}
	});

	test('glob characters in a prefix are matched literally', async () => {
		const store = new RedisStore({ url: redis.url, componentAppId: 'wx0000000000000010' });
		try {
			await store.set('seen:a*b', '1');
			await store.set('seen:axb', '1');
			expect(await store.keys('seen:a*')).toEqual(['seen:a*b']);
		} finally {
			await store.close();
		}
	});
});
