/**
 * One storage interface for tickets, tokens, the authorizer list and dedupe keys.
 * Implementations: MemoryStore (tests), FileStore (default, one host), RedisStore (queue mode, several hosts).
 *
 * Keys passed in are short names ("ticket", "authorizer:wx123"); the store namespaces them by
 * component AppID itself, so two platforms on one n8n never see each other's data.
 * Values are strings (callers JSON-encode); a TTL is in milliseconds.
 */
export interface Store {
	get(key: string): Promise<string | undefined>;
	set(key: string, value: string, ttlMs?: number): Promise<void>;
	/** Writes only when the key is absent (or expired). True when this call wrote it. */
	setIfAbsent(key: string, value: string, ttlMs?: number, options?: WriteOptions): Promise<boolean>;
	/**
	 * Writes `value` (or deletes, when `value` is undefined) only if the current value equals
	 * `expected` (undefined = absent). True when it wrote.
	 */
	compareAndSet(
		key: string,
		expected: string | undefined,
		value: string | undefined,
		ttlMs?: number,
	): Promise<boolean>;
	delete(key: string): Promise<void>;
	/** Lists the short keys that start with `prefix`. */
	keys(prefix: string): Promise<string[]>;
	/**
	 * Runs `fn` while holding a lock that excludes every other holder of `name` in this and other
	 * processes sharing the store. The lock expires after `ttlMs` if its holder dies.
	 */
	withLock<T>(name: string, fn: () => Promise<T>, options?: LockOptions): Promise<T>;
	close(): Promise<void>;
}

export interface WriteOptions {
	/**
	 * false: the write need not survive a power cut (a store that flushes to disk may skip that).
	 * Still atomic and visible at once to every process sharing the store. Default true.
	 */
	durable?: boolean;
}

export interface LockOptions {
	/** How long the lock lives if its holder dies (default 30 s). */
	ttlMs?: number;
	/** How long to wait for the lock before giving up with an error (default 35 s). */
	waitMs?: number;
}

export type StoreKind = 'file' | 'redis' | 'memory';
