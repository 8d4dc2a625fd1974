import { randomBytes } from 'node:crypto';

import { LockTimeoutError } from './errors';
import type { LockOptions } from './types';

export const DEFAULT_LOCK_TTL_MS = 30_000;
export const DEFAULT_LOCK_WAIT_MS = 35_000;

/** What a store must provide for `runWithLock`; every call is atomic on the store's side. */
export interface LockOps {
	tryAcquire(owner: string, ttlMs: number): Promise<boolean>;
	/** Extends the lock if `owner` still holds it. */
	renew(owner: string, ttlMs: number): Promise<boolean>;
	/** Releases the lock if `owner` still holds it. */
	release(owner: string): Promise<void>;
}

export function newOwnerToken(): string {
	return `${process.pid}-${randomBytes(12).toString('hex')}`;
}

/**
 * Acquire (polling with a growing, jittered delay, bounded by `waitMs`), run, release. While `fn`
 * runs the lock is renewed every ttl/3, so `ttlMs` only bounds how long a dead holder blocks others.
 */
export async function runWithLock<T>(
	name: string,
	ops: LockOps,
	fn: () => Promise<T>,
	options: LockOptions = {},
): Promise<T> {
	const ttlMs = options.ttlMs ?? DEFAULT_LOCK_TTL_MS;
	const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
	const owner = newOwnerToken();
	const deadline = Date.now() + waitMs;
	let delay = 2;
	while (!(await ops.tryAcquire(owner, ttlMs))) {
		if (Date.now() >= deadline) throw new LockTimeoutError(name, waitMs);
		const pause = Math.min(delay + Math.random() * delay, Math.max(1, deadline - Date.now()));
		await new Promise((resolve) => setTimeout(resolve, pause));
		delay = Math.min(delay * 2, 100);
	}
	const renewal = setInterval(
		() => {
			ops.renew(owner, ttlMs).catch(() => undefined);
		},
		Math.max(10, Math.floor(ttlMs / 3)),
	);
	renewal.unref();
	try {
		return await fn();
	} finally {
		clearInterval(renewal);
		// A release that fails (store unreachable) must not replace fn's own result or error: the
		// lock then ends with its ttl.
		await ops.release(owner).catch(() => undefined);
	}
}
