import { runWithLock, type LockOps } from './lock';
import type { LockOptions, Store } from './types';

interface Entry {
	value: string;
	expiresAt?: number;
}

/** Process-local store for tests and throwaway setups; locks exclude only this process. */
export class MemoryStore implements Store {
	private readonly data = new Map<string, Entry>();
	private readonly locks = new Map<string, { owner: string; expiresAt: number }>();

	private live(key: string): Entry | undefined {
		const entry = this.data.get(key);
		if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
			this.data.delete(key);
			return undefined;
		}
		return entry;
	}

	private put(key: string, value: string, ttlMs?: number): void {
		this.data.set(key, { value, expiresAt: ttlMs === undefined ? undefined : Date.now() + ttlMs });
	}

	async get(key: string): Promise<string | undefined> {
		return this.live(key)?.value;
	}

	async set(key: string, value: string, ttlMs?: number): Promise<void> {
		this.put(key, value, ttlMs);
	}

	async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
		if (this.live(key)) return false;
		this.put(key, value, ttlMs);
		return true;
	}

	async compareAndSet(
		key: string,
		expected: string | undefined,
		value: string | undefined,
		ttlMs?: number,
	): Promise<boolean> {
		if (this.live(key)?.value !== expected) return false;
		if (value === undefined) this.data.delete(key);
		else this.put(key, value, ttlMs);
		return true;
	}

	async delete(key: string): Promise<void> {
		this.data.delete(key);
	}

	async keys(prefix: string): Promise<string[]> {
		return [...this.data.keys()].filter((key) => key.startsWith(prefix) && this.live(key));
	}

	async withLock<T>(name: string, fn: () => Promise<T>, options?: LockOptions): Promise<T> {
		const ops: LockOps = {
			tryAcquire: async (owner, ttlMs) => {
				const held = this.locks.get(name);
				if (held && held.expiresAt > Date.now()) return false;
				this.locks.set(name, { owner, expiresAt: Date.now() + ttlMs });
				return true;
			},
			renew: async (owner, ttlMs) => {
				const held = this.locks.get(name);
				if (held?.owner !== owner) return false;
				held.expiresAt = Date.now() + ttlMs;
				return true;
			},
			release: async (owner) => {
				if (this.locks.get(name)?.owner === owner) this.locks.delete(name);
			},
		};
		return runWithLock(name, ops, fn, options);
	}

	async close(): Promise<void> {}
}
