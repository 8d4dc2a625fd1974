import { promises as fs } from 'node:fs';

import type { LockOps } from './lock';

interface LockContent {
	owner: string;
	pid: number;
	expiresAt: number;
}

/** A lock file whose content never got written (holder died between create and write) is stale after this. */
const UNREADABLE_GRACE_MS = 10_000;

/**
 * Cross-process lock on a local file system: the lock is a file created with O_EXCL holding the
 * owner token and an expiry. A stale lock (holder died) is taken over only while holding a
 * short-lived `.takeover` guard, and only if it is still the same stale lock, so two waiters
 * cannot both break it and one of them steal a fresh lock.
 */
export function fileLockOps(path: string): LockOps {
	const guard = `${path}.takeover`;

	const read = async (): Promise<
		{ content?: LockContent; raw: string; mtimeMs: number } | undefined
	> => {
		try {
			const [raw, stat] = await Promise.all([fs.readFile(path, 'utf8'), fs.stat(path)]);
			return { content: parse(raw), raw, mtimeMs: stat.mtimeMs };
		} catch (error) {
			if (isCode(error, 'ENOENT')) return undefined;
			throw error;
		}
	};

	const isStale = (state: { content?: LockContent; mtimeMs: number }): boolean =>
		state.content
			? state.content.expiresAt <= Date.now()
			: state.mtimeMs + UNREADABLE_GRACE_MS <= Date.now();

	const create = async (owner: string, ttlMs: number): Promise<boolean> => {
		let handle: fs.FileHandle;
		try {
			handle = await fs.open(path, 'wx', 0o600);
		} catch (error) {
			if (isCode(error, 'EEXIST')) return false;
			throw error;
		}
		try {
			await handle.writeFile(
				JSON.stringify({ owner, pid: process.pid, expiresAt: Date.now() + ttlMs }),
			);
		} catch (error) {
			// A full disk creates the file but not its content: an empty lock would block every
			// other writer for UNREADABLE_GRACE_MS after the space is back.
			await handle.close().catch(() => undefined);
			await fs.rm(path, { force: true }).catch(() => undefined);
			throw error;
		}
		await handle.close();
		return true;
	};

	const breakIfStale = async (): Promise<void> => {
		let handle: fs.FileHandle;
		try {
			handle = await fs.open(guard, 'wx', 0o600);
		} catch (error) {
			if (!isCode(error, 'EEXIST')) throw error;
			// A guard is held for a few milliseconds; an old one belongs to a process that died in between.
			const stat = await fs.stat(guard).catch(() => undefined);
			if (stat && stat.mtimeMs + UNREADABLE_GRACE_MS <= Date.now())
				await fs.rm(guard, { force: true });
			return;
		}
		try {
			await handle.close();
			const state = await read();
			if (state && isStale(state)) {
				const again = await read();
				if (again && again.raw === state.raw && isStale(again)) await fs.rm(path, { force: true });
			}
		} finally {
			await fs.rm(guard, { force: true });
		}
	};

	return {
		async tryAcquire(owner, ttlMs) {
			if (await create(owner, ttlMs)) return true;
			const state = await read();
			if (state && !isStale(state)) return false;
			await breakIfStale();
			return create(owner, ttlMs);
		},
		async renew(owner, ttlMs) {
			const state = await read();
			if (state?.content?.owner !== owner) return false;
			const tmp = `${path}.${owner}.renew`;
			try {
				await fs.writeFile(
					tmp,
					JSON.stringify({ owner, pid: process.pid, expiresAt: Date.now() + ttlMs }),
					{ mode: 0o600 },
				);
				await fs.rename(tmp, path);
			} catch (error) {
				await fs.rm(tmp, { force: true }).catch(() => undefined);
				throw error;
			}
			return true;
		},
		async release(owner) {
			const state = await read();
			if (state?.content?.owner === owner) await fs.rm(path, { force: true });
		},
	};
}

function parse(raw: string): LockContent | undefined {
	try {
		const value = JSON.parse(raw) as Partial<LockContent>;
		if (typeof value.owner === 'string' && typeof value.expiresAt === 'number')
			return value as LockContent;
	} catch {
		// unreadable: judged by its age
	}
	return undefined;
}

export function isCode(error: unknown, code: string): boolean {
	return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
