import { createHash } from 'node:crypto';

import Redis from 'ioredis';

import type { RedisTarget } from './redisUrl';

/** How often a connection that keeps failing is reported (the first failure is reported at once). */
export const REDIS_LOG_INTERVAL_MS = 60_000;

interface Pooled {
	redis: Redis;
	/** Set by a connection error, cleared when the connection is ready again. */
	down: { value: boolean };
	refs: number;
	listeners: Set<(message: string) => void>;
}

const pool = new Map<string, Pooled>();

/**
 * One ioredis connection per Redis location (host, port, db, user, password, TLS), shared by every
 * store and platform in the process and closed when the last one lets go: a credential edited ten
 * times, or ten components on one Redis, still hold one connection.
 */
export function acquireRedis(
	target: RedisTarget,
	onError?: (message: string) => void,
): { redis: Redis; isDown: () => boolean; release: () => Promise<void> } {
	const key = createHash('sha256')
		.update(
			JSON.stringify([
				target.host,
				target.port,
				target.db,
				target.username,
				target.password,
				target.tls,
			]),
		)
		.digest('hex');
	let entry = pool.get(key);
	if (!entry) {
		const down = { value: false };
		const created: Pooled = {
			redis: connect(target, down, (m) => created.listeners.forEach((l) => l(m))),
			down,
			refs: 0,
			listeners: new Set(),
		};
		entry = created;
		pool.set(key, entry);
	}
	const pooled = entry;
	pooled.refs++;
	const listener = onError ?? (() => undefined);
	pooled.listeners.add(listener);
	let released = false;
	return {
		redis: pooled.redis,
		isDown: () => pooled.down.value && pooled.redis.status !== 'ready',
		release: async () => {
			if (released) return;
			released = true;
			pooled.listeners.delete(listener);
			if (--pooled.refs > 0) return;
			if (pool.get(key) === pooled) pool.delete(key);
			// QUIT waits for the server's answer, which never comes while it is down.
			if (pooled.redis.status !== 'ready') {
				pooled.redis.disconnect();
				return;
			}
			try {
				await pooled.redis.quit();
			} catch {
				pooled.redis.disconnect();
			}
		},
	};
}

/** Open pooled connections (for tests and diagnostics). */
export function pooledRedisConnections(): number {
	return pool.size;
}

function connect(
	target: RedisTarget,
	state: { value: boolean },
	report: (message: string) => void,
): Redis {
	const redis = new Redis({
		host: target.host,
		port: target.port,
		db: target.db,
		username: target.username,
		password: target.password,
		tls: target.tls ? {} : undefined,
		// A command waits for at most one reconnection, then fails with a clear error instead of
		// hanging for as long as Redis is down.
		maxRetriesPerRequest: 1,
		retryStrategy: (times) => Math.min(times * 200, 2_000),
		connectTimeout: 10_000,
		lazyConnect: false,
	});
	let lastReport = 0;
	let suppressed = 0;
	redis.on('error', (error: Error) => {
		state.value = true;
		const now = Date.now();
		if (now - lastReport < REDIS_LOG_INTERVAL_MS) {
			suppressed++;
			return;
		}
		const more = suppressed ? ` (${suppressed} similar errors since the last report)` : '';
		lastReport = now;
		suppressed = 0;
		report(`Redis store ${target.label}: ${scrubPassword(error.message, target)}${more}`);
	});
	redis.on('ready', () => {
		if (!state.value) return;
		state.value = false;
		lastReport = 0;
		suppressed = 0;
		report(`Redis store ${target.label}: connected again`);
	});
	return redis;
}

export function scrubPassword(message: string, target: RedisTarget): string {
	return target.password ? message.split(target.password).join('***') : message;
}
