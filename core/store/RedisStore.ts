import type Redis from 'ioredis';

import { StoreUnavailableError } from './errors';
import { runWithLock, type LockOps } from './lock';
import { acquireRedis, scrubPassword } from './redisPool';
import { parseRedisUrl, type RedisTarget } from './redisUrl';
import type { LockOptions, Store } from './types';

// KEYS[1] key; ARGV: hasExpected, expected, hasValue, value, ttlMs (0 = none)
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
	if current ~= ARGV[2] then return 0 end
else
	if current then return 0 end
end
if ARGV[3] == '1' then
	local ttl = tonumber(ARGV[5])
	if ttl > 0 then redis.call('SET', KEYS[1], ARGV[4], 'PX', ttl) else redis.call('SET', KEYS[1], ARGV[4]) end
else
	redis.call('DEL', KEYS[1])
end
return 1`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

type Scripted = Redis & {
	wxCompareAndSet(
		key: string,
		hasExpected: string,
		expected: string,
		hasValue: string,
		value: string,
		ttl: string,
	): Promise<number>;
	wxRelease(key: string, owner: string): Promise<number>;
	wxRenew(key: string, owner: string, ttl: string): Promise<number>;
};

export interface RedisStoreOptions {
	url: string;
	componentAppId: string;
	/** Called with connection problems (rate-limited; never the password). */
	onError?: (message: string) => void;
}

/**
 * Queue-mode store: every n8n process on every host shares the same keys
 * (`wechat-open-platform:<componentAppId>:<key>`). Compare-and-set and lock release are Lua
 * scripts, so they are atomic on the server; the lock is SET NX PX with an owner token.
 */
export class RedisStore implements Store {
	readonly prefix: string;
	private readonly redis: Scripted;
	private readonly lockPrefix: string;
	private readonly target: RedisTarget;
	private readonly release: () => Promise<void>;
	private readonly isDown: () => boolean;
	/** Locks held when Redis went away, by key: their owner token. */
	private readonly unreleased = new Map<string, string>();

	/** Throws StoreConfigError for a malformed URL, before any connection is attempted. */
	constructor(options: RedisStoreOptions) {
		this.target = parseRedisUrl(options.url);
		this.prefix = `wechat-open-platform:${options.componentAppId}:`;
		this.lockPrefix = `${this.prefix}__lock:`;
		const { redis, release, isDown } = acquireRedis(this.target, options.onError);
		this.release = release;
		this.isDown = isDown;
		redis.defineCommand('wxCompareAndSet', { numberOfKeys: 1, lua: COMPARE_AND_SET });
		redis.defineCommand('wxRelease', { numberOfKeys: 1, lua: RELEASE });
		redis.defineCommand('wxRenew', { numberOfKeys: 1, lua: RENEW });
		this.redis = redis as Scripted;
	}

	private k(key: string): string {
		return this.prefix + key;
	}

	/**
	 * Runs one Redis call; a connection failure becomes StoreUnavailableError (a reply error from
	 * the server is a bug or a misconfiguration and is passed on as it is).
	 */
	private async run<T>(call: (redis: Scripted) => Promise<T>): Promise<T> {
		// Known to be down: say so at once instead of queueing behind the reconnection attempts.
		if (this.isDown()) {
			throw new StoreUnavailableError(`Redis ${this.target.label}`, 'not connected');
		}
		if (this.unreleased.size > 0) await this.releaseLeftLocks();
		try {
			return await call(this.redis);
		} catch (error) {
			if ((error as Error | undefined)?.name === 'ReplyError') throw error;
			throw new StoreUnavailableError(
				`Redis ${this.target.label}`,
				scrubPassword(String((error as Error | undefined)?.message ?? error), this.target),
			);
		}
	}

	private async releaseLeftLocks(): Promise<void> {
		for (const [key, owner] of [...this.unreleased]) {
			try {
				await this.redis.wxRelease(key, owner);
				this.unreleased.delete(key);
			} catch {
				return;
			}
		}
	}

	async get(key: string): Promise<string | undefined> {
		return (await this.run((r) => r.get(this.k(key)))) ?? undefined;
	}

	async set(key: string, value: string, ttlMs?: number): Promise<void> {
		if (ttlMs === undefined) await this.run((r) => r.set(this.k(key), value));
		else await this.run((r) => r.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs))));
	}

	async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
		const result =
			ttlMs === undefined
				? await this.run((r) => r.set(this.k(key), value, 'NX'))
				: await this.run((r) =>
						r.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'),
					);
		return result === 'OK';
	}

	async compareAndSet(
		key: string,
		expected: string | undefined,
		value: string | undefined,
		ttlMs?: number,
	): Promise<boolean> {
		const result = await this.run((r) =>
			r.wxCompareAndSet(
				this.k(key),
				expected === undefined ? '0' : '1',
				expected ?? '',
				value === undefined ? '0' : '1',
				value ?? '',
				String(ttlMs === undefined ? 0 : Math.max(1, Math.ceil(ttlMs))),
			),
		);
		return result === 1;
	}

	async delete(key: string): Promise<void> {
		await this.run((r) => r.del(this.k(key)));
	}

	async keys(prefix: string): Promise<string[]> {
		const pattern = `${escapeGlob(this.prefix + prefix)}*`;
		const found = new Set<string>();
		let cursor = '0';
		do {
			const [next, batch] = await this.run((r) => r.scan(cursor, 'MATCH', pattern, 'COUNT', 500));
			cursor = next;
			for (const full of batch) {
				if (!full.startsWith(this.lockPrefix)) found.add(full.slice(this.prefix.length));
			}
		} while (cursor !== '0');
		return [...found].sort();
	}

	async withLock<T>(name: string, fn: () => Promise<T>, options?: LockOptions): Promise<T> {
		const key = this.lockPrefix + name;
		const ops: LockOps = {
			tryAcquire: async (owner, ttlMs) =>
				(await this.run((r) => r.set(key, owner, 'PX', ttlMs, 'NX'))) === 'OK',
			renew: async (owner, ttlMs) =>
				(await this.run((r) => r.wxRenew(key, owner, String(ttlMs)))) === 1,
			release: async (owner) => {
				try {
					await this.run((r) => r.wxRelease(key, owner));
				} catch (error) {
					// Redis went away while we held the lock: release it once Redis is back rather
					// than make every other caller wait out its ttl.
					this.unreleased.set(key, owner);
					throw error;
				}
			},
		};
		return runWithLock(name, ops, fn, options);
	}

	async close(): Promise<void> {
		await this.release();
	}
}

function escapeGlob(text: string): string {
	return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
