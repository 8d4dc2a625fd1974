import type { LockOptions, Store } from '../store/types';

/**
 * Refreshes a token once however many callers ask at the same moment (the shape of WxJava's
 * WxOpenComponentServiceImpl.getComponentAccessToken): check, take the lock, check again (another
 * process may have refreshed meanwhile), and only then refresh. Callers in this process share one
 * pending promise, so they do not even queue for the lock.
 */
export class RefreshGate {
	private readonly pending = new Map<string, Promise<string>>();

	constructor(
		private readonly store: Store,
		private readonly lockOptions: LockOptions,
	) {}

	async get<R>(
		lock: string,
		read: () => Promise<R | undefined>,
		usable: (record: R | undefined) => string | undefined,
		refresh: (record: R | undefined) => Promise<string>,
	): Promise<string> {
		const fresh = usable(await read());
		if (fresh) return fresh;
		const running = this.pending.get(lock);
		if (running) return running;
		const promise = this.store
			.withLock(
				lock,
				async () => {
					const record = await read();
					return usable(record) ?? refresh(record);
				},
				this.lockOptions,
			)
			.finally(() => this.pending.delete(lock));
		this.pending.set(lock, promise);
		return promise;
	}

	/** Runs `fn` under the same lock as a refresh (writes that must not interleave with one). */
	withLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
		return this.store.withLock(lock, fn, this.lockOptions);
	}
}

/** The stored access token while it is not due for a refresh. */
export function usableToken(
	record: { accessToken?: string; refreshAt?: number } | undefined,
): string | undefined {
	return record?.accessToken && (record.refreshAt ?? 0) > Date.now()
		? record.accessToken
		: undefined;
}
