/**
 * The file store's files: one JSON record per key under a safe, reversible name, read strictly and
 * written durably (temporary file, fsync, rename, fsync of the folder), so a reader sees the old or
 * the new value, never half of one, even after kill -9 or a power cut. Files are 0600: they hold tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';

import { StoreCorruptError } from './errors';
import { isCode } from './fileLock';

export interface StoredRecord {
	v: 1;
	key: string;
	value: string;
	expiresAt: number | null;
}

/** The record in `file`, undefined when there is none; a file that is not one is StoreCorruptError. */
export async function readRecordFile(file: string): Promise<StoredRecord | undefined> {
	let raw: string;
	try {
		raw = await fs.readFile(file, 'utf8');
	} catch (error) {
		if (isCode(error, 'ENOENT')) return undefined;
		throw error;
	}
	return parseRecord(file, raw);
}

/** `durable` false: atomic and visible at once, but not flushed to disk (may be lost on a power cut). */
export async function writeRecordFile(
	file: string,
	record: StoredRecord,
	durable = true,
): Promise<void> {
	const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
	try {
		const handle = await fs.open(tmp, 'wx', 0o600);
		try {
			await handle.writeFile(JSON.stringify(record));
			if (durable) await handle.sync();
		} finally {
			await handle.close();
		}
		await fs.rename(tmp, file);
	} catch (error) {
		// A full disk fails the write after the file was created: never leave it behind.
		await fs.rm(tmp, { force: true }).catch(() => undefined);
		throw error;
	}
	if (durable) await syncDir(dirname(file));
}

export async function removeRecordFile(file: string): Promise<void> {
	await fs.rm(file, { force: true });
	await syncDir(dirname(file));
}

/** Makes a rename or removal itself durable. */
async function syncDir(dir: string): Promise<void> {
	const handle = await fs.open(dir, 'r');
	try {
		await handle.sync();
	} catch {
		// some file systems refuse fsync on a directory; the rename is still atomic
	} finally {
		await handle.close();
	}
}

export function isLive(record: StoredRecord | undefined): record is StoredRecord {
	return record !== undefined && (record.expiresAt === null || record.expiresAt > Date.now());
}

export function parseRecord(file: string, raw: string): StoredRecord {
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		throw new StoreCorruptError(file, raw.length === 0 ? 'empty file' : 'not valid JSON');
	}
	const r = value as Partial<StoredRecord> | null;
	if (
		r === null ||
		typeof r !== 'object' ||
		r.v !== 1 ||
		typeof r.key !== 'string' ||
		typeof r.value !== 'string' ||
		!(r.expiresAt === null || typeof r.expiresAt === 'number')
	) {
		throw new StoreCorruptError(file, 'unexpected content');
	}
	return r as StoredRecord;
}

/** Safe, reversible file names; very long keys are hashed (their key is kept inside the file). */
export function encodeName(key: string): string {
	const encoded = encodeURIComponent(key).replace(
		/[.!'()*~]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
	return encoded.length <= 180 ? encoded : `~${createHash('sha256').update(key).digest('hex')}`;
}

export function decodeName(fileName: string): string | undefined {
	const base = fileName.slice(0, -'.json'.length);
	if (base.startsWith('~')) return undefined;
	try {
		return decodeURIComponent(base);
	} catch {
		return undefined;
	}
}
