import { StoreCorruptError, StoreWriteError } from './errors';
import type { LockOptions, Store, WriteOptions } from './types';

interface Pending {
	/** undefined: a delete that has not reached the store. */
	value: string | undefined;
	expiresAt: number | null;
	/**
	 * What the store held when the write failed, if it could be read: the value is written later
	 * only if the store still holds that (another process may have written a newer one since).
	 */
	base: { known: true; value: string | undefined } | { known: false };
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/**
 * A store wrapper that never throws away a value it was asked to write. When a write fails (disk
 * full, Redis down) the value is kept in this process's memory, served to readers of its key, and
 * written as soon as the store accepts it: on every later call and on a backoff timer. The failed
 * call still gets a StoreWriteError, so the problem is seen.
 *
 * This matters after a refresh: WeChat has already issued a new access token and possibly rotated
 * the refresh token (the old one stops working), so losing what it returned means the merchant
 * must authorize again.
 */
export class KeepingStore implements Store {
	private readonly pending = new Map<string, Pending>();
	private flushing?: Promise<void>;
	private timer?: NodeJS.Timeout;
	private retryMs = FIRST_RETRY_MS;
	private closed = false;

	constructor(
		readonly inner: Store,
		private readonly onWarn?: (message: string) => void,
	) {}

	/** Keys whose latest value is only in memory (diagnostics and tests). */
	unsavedKeys(): string[] {
		this.dropExpired();
		return [...this.pending.keys()].sort();
	}

	async get(key: string): Promise<string | undefined> {
		await this.flush();
		const kept = this.kept(key);
		if (kept) return kept.value;
		return this.inner.get(key);
	}

	async set(key: string, value: string, ttlMs?: number): Promise<void> {
		await this.flush();
		try {
			await this.inner.set(key, value, ttlMs);
			this.pending.delete(key);
		} catch (error) {
			throw await this.keep(key, value, ttlMs, error);
		}
	}

	async setIfAbsent(
		key: string,
		value: string,
		ttlMs?: number,
		options?: WriteOptions,
	): Promise<boolean> {
		await this.flush();
		const kept = this.kept(key);
		if (kept && kept.value !== undefined) return false;
		// Not kept on failure: callers use it for dedupe marks and claims, which they can redo.
		return this.inner.setIfAbsent(key, value, ttlMs, options);
	}

	async compareAndSet(
		key: string,
		expected: string | undefined,
		value: string | undefined,
		ttlMs?: number,
	): Promise<boolean> {
		await this.flush();
		const kept = this.kept(key);
		if (kept) {
			// Memory holds the newest value of this key: compare against it.
			if (kept.value !== expected) return false;
			try {
				if (value === undefined) await this.inner.delete(key);
				else await this.inner.set(key, value, ttlMs);
				this.pending.delete(key);
				return true;
			} catch (error) {
				throw await this.keep(key, value, ttlMs, error);
			}
		}
		try {
			return await this.inner.compareAndSet(key, expected, value, ttlMs);
		} catch (error) {
			if (error instanceof StoreCorruptError) throw error;
			// Keep the value only if the comparison would have held.
			let current: string | undefined;
			try {
				current = await this.inner.get(key);
			} catch {
				throw error;
			}
			if (current !== expected) throw error;
			throw await this.keep(key, value, ttlMs, error, { known: true, value: current });
		}
	}

	async delete(key: string): Promise<void> {
		await this.flush();
		try {
			await this.inner.delete(key);
			this.pending.delete(key);
		} catch (error) {
			throw await this.keep(key, undefined, undefined, error);
		}
	}

	async keys(prefix: string): Promise<string[]> {
		await this.flush();
		const found = new Set(await this.inner.keys(prefix));
		this.dropExpired();
		for (const [key, kept] of this.pending) {
			if (!key.startsWith(prefix)) continue;
			if (kept.value === undefined) found.delete(key);
			else found.add(key);
		}
		return [...found].sort();
	}

	withLock<T>(name: string, fn: () => Promise<T>, options?: LockOptions): Promise<T> {
		return this.inner.withLock(name, fn, options);
	}

	async close(): Promise<void> {
		this.closed = true;
		if (this.timer) clearTimeout(this.timer);
		await this.flush();
		if (this.pending.size > 0) {
			this.onWarn?.(
				`WeChat token store: closing with unsaved values for ${this.unsavedKeys().join(', ')}`,
			);
		}
		await this.inner.close();
	}

	/** Writes what is kept in memory, oldest first; stops at the first failure. */
	flush(): Promise<void> {
		if (this.pending.size === 0) return Promise.resolve();
		this.flushing ??= this.writePending().finally(() => {
			this.flushing = undefined;
		});
		return this.flushing;
	}

	private async writePending(): Promise<void> {
		this.dropExpired();
		for (const [key, kept] of [...this.pending]) {
			const ttlMs = kept.expiresAt === null ? undefined : kept.expiresAt - Date.now();
			try {
				if (kept.base.known) {
					// Another process wrote since: its value is newer than ours.
					await this.inner.compareAndSet(key, kept.base.value, kept.value, ttlMs);
				} else if (kept.value === undefined) {
					await this.inner.delete(key);
				} else {
					await this.inner.set(key, kept.value, ttlMs);
				}
			} catch {
				this.schedule();
				return;
			}
			if (this.pending.get(key) === kept) this.pending.delete(key);
		}
		this.retryMs = FIRST_RETRY_MS;
		if (this.pending.size > 0) this.schedule();
		else this.onWarn?.('WeChat token store: the values kept in memory are saved now');
	}

	private kept(key: string): Pending | undefined {
		const kept = this.pending.get(key);
		if (kept && kept.expiresAt !== null && kept.expiresAt <= Date.now()) {
			this.pending.delete(key);
			return undefined;
		}
		return kept;
	}

	private dropExpired(): void {
		for (const key of [...this.pending.keys()]) this.kept(key);
	}

	private async keep(
		key: string,
		value: string | undefined,
		ttlMs: number | undefined,
		error: unknown,
		base?: Pending['base'],
	): Promise<unknown> {
		if (error instanceof StoreCorruptError) return error;
		let known: Pending['base'] = base ?? { known: false };
		if (!base) {
			try {
				known = { known: true, value: await this.inner.get(key) };
			} catch {
				// unreadable too (Redis down): written unconditionally later
			}
		}
		this.pending.set(key, {
			value,
			expiresAt: ttlMs === undefined ? null : Date.now() + ttlMs,
			base: known,
		});
		this.schedule();
		const reason = describe(error);
		this.onWarn?.(`WeChat token store: could not save "${key}" (${reason}); kept in memory`);
		return new StoreWriteError(key, reason);
	}

	private schedule(): void {
		if (this.timer || this.closed) return;
		const delay = this.retryMs;
		this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.flush().catch(() => undefined);
		}, delay);
		this.timer.unref();
	}
}

function describe(error: unknown): string {
	const e = error as { code?: unknown; message?: unknown } | undefined;
	if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
	return typeof e?.message === 'string' ? e.message.slice(0, 200) : String(error);
}
