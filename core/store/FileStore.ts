import { promises as fs } from 'node:fs';
import { join } from 'node:path';

import { fileLockOps, isCode } from './fileLock';
import {
	decodeName,
	encodeName,
	isLive,
	parseRecord,
	readRecordFile,
	removeRecordFile,
	writeRecordFile,
	type StoredRecord,
} from './fileRecords';
import { runWithLock } from './lock';
import type { LockOptions, Store, WriteOptions } from './types';

export interface FileStoreOptions {
	/** The component's own folder, e.g. `~/.n8n/wechat-open-platform/<componentAppId>`. */
	dir: string;
	/** How long a key lock lives if its holder dies (default 10 s; writes hold it for milliseconds). */
	keyLockTtlMs?: number;
}

const SWEEP_EVERY_MS = 10 * 60_000;
const TEMP_FILE_MAX_AGE_MS = 60_000;

/**
 * One JSON file per key under `<dir>/data` (fileRecords.ts: format and durable writes).
 * Every write happens under that key's lock file (`<dir>/locks`), which makes compareAndSet and
 * setIfAbsent atomic across processes. Folders are 0700 and files 0600: they hold tokens.
 */
export class FileStore implements Store {
	readonly dir: string;
	private readonly dataDir: string;
	private readonly lockDir: string;
	private readonly keyLockTtlMs: number;
	private ready?: Promise<void>;
	private lastSweep = Date.now();
	/** By key: the end of the last mutation queued in this process. */
	private readonly queues = new Map<string, Promise<void>>();

	constructor(options: FileStoreOptions) {
		this.dir = options.dir;
		this.dataDir = join(this.dir, 'data');
		this.lockDir = join(this.dir, 'locks');
		this.keyLockTtlMs = options.keyLockTtlMs ?? 10_000;
	}

	private ensureDirs(): Promise<void> {
		this.ready ??= (async () => {
			for (const dir of [this.dir, this.dataDir, this.lockDir]) {
				await fs.mkdir(dir, { recursive: true, mode: 0o700 });
				// mkdir's mode is filtered by the umask, and an existing folder keeps its mode.
				await fs.chmod(dir, 0o700);
			}
		})().catch((error: unknown) => {
			this.ready = undefined;
			throw error;
		});
		return this.ready;
	}

	fileFor(key: string): string {
		return join(this.dataDir, `${encodeName(key)}.json`);
	}

	private readRecord(key: string): Promise<StoredRecord | undefined> {
		return readRecordFile(this.fileFor(key));
	}

	private async readLive(key: string): Promise<StoredRecord | undefined> {
		const record = await this.readRecord(key);
		return isLive(record) ? record : undefined;
	}

	private write(key: string, value: string, ttlMs?: number, durable = true): Promise<void> {
		return writeRecordFile(
			this.fileFor(key),
			{
				v: 1,
				key,
				value,
				expiresAt: ttlMs === undefined ? null : Date.now() + ttlMs,
			},
			durable,
		);
	}

	private remove(key: string): Promise<void> {
		return removeRecordFile(this.fileFor(key));
	}

	/**
	 * Every mutation runs under the key's lock, reading the current record first. Mutations of one
	 * key from this process also queue here, in call order: only the head of the queue competes
	 * for the lock file, so the others wake when it is done instead of polling a held lock.
	 */
	private mutate<T>(
		key: string,
		fn: (current: StoredRecord | undefined) => Promise<T>,
	): Promise<T> {
		const locked = () =>
			this.ensureDirs().then(() =>
				runWithLock(
					`key ${key}`,
					fileLockOps(join(this.lockDir, `k~${encodeName(key)}.lock`)),
					async () => fn(await this.readRecord(key)),
					{ ttlMs: this.keyLockTtlMs, waitMs: this.keyLockTtlMs + 5_000 },
				),
			);
		const run = (this.queues.get(key) ?? Promise.resolve()).then(locked);
		const tail = run.then(
			() => undefined,
			() => undefined,
		);
		this.queues.set(key, tail);
		void tail.then(() => {
			if (this.queues.get(key) === tail) this.queues.delete(key);
		});
		return run;
	}

	private live(record: StoredRecord | undefined): StoredRecord | undefined {
		return isLive(record) ? record : undefined;
	}

	async get(key: string): Promise<string | undefined> {
		return (await this.readLive(key))?.value;
	}

	async set(key: string, value: string, ttlMs?: number): Promise<void> {
		// Reading first means a corrupt file stops the write instead of being replaced unseen.
		await this.mutate(key, async () => this.write(key, value, ttlMs));
		this.maybeSweep(ttlMs);
	}

	async setIfAbsent(
		key: string,
		value: string,
		ttlMs?: number,
		options: WriteOptions = {},
	): Promise<boolean> {
		const wrote = await this.mutate(key, async (current) => {
			if (this.live(current)) return false;
			// Not durable: the temporary file and the rename stay (atomic for readers), the two
			// fsyncs (milliseconds each, far more on network disks) go.
			await this.write(key, value, ttlMs, options.durable !== false);
			return true;
		});
		this.maybeSweep(ttlMs);
		return wrote;
	}

	async compareAndSet(
		key: string,
		expected: string | undefined,
		value: string | undefined,
		ttlMs?: number,
	): Promise<boolean> {
		return this.mutate(key, async (current) => {
			if (this.live(current)?.value !== expected) return false;
			if (value === undefined) await this.remove(key);
			else await this.write(key, value, ttlMs);
			return true;
		});
	}

	/** Deleting is explicit, so it also removes a corrupt file (the operator asked for it). */
	async delete(key: string): Promise<void> {
		await this.ensureDirs();
		await runWithLock(
			`key ${key}`,
			fileLockOps(join(this.lockDir, `k~${encodeName(key)}.lock`)),
			() => this.remove(key),
			{ ttlMs: this.keyLockTtlMs, waitMs: this.keyLockTtlMs + 5_000 },
		);
	}

	async keys(prefix: string): Promise<string[]> {
		const found: string[] = [];
		for (const name of await this.dataFiles()) {
			const decoded = decodeName(name);
			if (decoded !== undefined && !decoded.startsWith(prefix)) continue;
			const key = decoded ?? (await this.keyOfHashed(name));
			if (key === undefined || !key.startsWith(prefix)) continue;
			if (await this.readLive(key)) found.push(key);
		}
		return found.sort();
	}

	private async dataFiles(): Promise<string[]> {
		try {
			return (await fs.readdir(this.dataDir)).filter((name) => name.endsWith('.json'));
		} catch (error) {
			if (isCode(error, 'ENOENT')) return [];
			throw error;
		}
	}

	private async keyOfHashed(name: string): Promise<string | undefined> {
		const file = join(this.dataDir, name);
		try {
			return parseRecord(file, await fs.readFile(file, 'utf8')).key;
		} catch (error) {
			if (isCode(error, 'ENOENT')) return undefined;
			throw error;
		}
	}

	async withLock<T>(name: string, fn: () => Promise<T>, options?: LockOptions): Promise<T> {
		await this.ensureDirs();
		return runWithLock(
			name,
			fileLockOps(join(this.lockDir, `n~${encodeName(name)}.lock`)),
			fn,
			options,
		);
	}

	/**
	 * Removes expired entries (dedupe keys pile up otherwise) and temporary files older than a
	 * minute (left by a process killed mid-write). Corrupt files are left alone.
	 */
	async sweep(): Promise<number> {
		let removed = await this.sweepTemporaryFiles();
		for (const name of await this.dataFiles()) {
			const file = join(this.dataDir, name);
			let record: StoredRecord;
			try {
				record = parseRecord(file, await fs.readFile(file, 'utf8'));
			} catch {
				continue;
			}
			if (record.expiresAt === null || record.expiresAt > Date.now()) continue;
			const gone = await this.mutate(record.key, async (current) => {
				if (!current || this.live(current)) return false;
				await this.remove(record.key);
				return true;
			}).catch(() => false);
			if (gone) removed++;
		}
		return removed;
	}

	private async sweepTemporaryFiles(): Promise<number> {
		let names: string[];
		try {
			names = (await fs.readdir(this.dataDir)).filter((name) => name.endsWith('.tmp'));
		} catch (error) {
			if (isCode(error, 'ENOENT')) return 0;
			throw error;
		}
		let removed = 0;
		for (const name of names) {
			const file = join(this.dataDir, name);
			const stat = await fs.stat(file).catch(() => undefined);
			// A live write renames its file within milliseconds; a minute-old one was abandoned.
			if (!stat || Date.now() - stat.mtimeMs < TEMP_FILE_MAX_AGE_MS) continue;
			await fs.rm(file, { force: true });
			removed++;
		}
		return removed;
	}

	private maybeSweep(ttlMs: number | undefined): void {
		if (ttlMs === undefined || Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
		this.lastSweep = Date.now();
		this.sweep().catch(() => undefined);
	}

	async close(): Promise<void> {}
}
