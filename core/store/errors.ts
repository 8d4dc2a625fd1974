import { WeChatPlatformError } from '../api/errors';

/** A stored file (or value) that cannot be read back. It is reported, never silently replaced. */
export class StoreCorruptError extends Error {
	readonly code = 'STORE_CORRUPT';
	readonly file: string;

	constructor(file: string, reason: string) {
		super(
			`WeChat token store: ${file} is corrupt (${reason}). It was left untouched: inspect it, then delete it (the platform re-fetches tokens; a lost refresh token is recovered from WeChat's authorizer list)`,
		);
		this.name = 'StoreCorruptError';
		this.file = file;
	}
}

export class LockTimeoutError extends Error {
	readonly code = 'LOCK_TIMEOUT';

	constructor(name: string, waitMs: number) {
		super(
			`Timed out after ${waitMs} ms waiting for the store lock "${name}" (another process holds it)`,
		);
		this.name = 'LockTimeoutError';
	}
}

/**
 * Store errors a user can act on: a `code` and a plain-words `hint`, shown by the nodes like any
 * other platform error.
 */
export class StoreError extends WeChatPlatformError {
	constructor(code: string, message: string, hint: string) {
		super(code, message, hint);
		this.name = 'StoreError';
	}
}

/** The store's configuration is unusable (a malformed Redis URL). Never contains the password. */
export class StoreConfigError extends StoreError {
	constructor(message: string, hint: string) {
		super('STORE_CONFIG', message, hint);
		this.name = 'StoreConfigError';
	}
}

/** The store cannot be reached right now (Redis down or restarting). */
export class StoreUnavailableError extends StoreError {
	constructor(where: string, reason: string) {
		super(
			'STORE_UNAVAILABLE',
			`The token store (${where}) is unavailable: ${reason}`,
			'check that Redis is running and reachable from this n8n host; calls work again as soon as it is back, nothing needs to be authorized again',
		);
		this.name = 'StoreUnavailableError';
	}
}

/**
 * Writing to the store failed (disk full, read-only, Redis down) after WeChat had issued new
 * values. They are kept in this process's memory and written as soon as the store accepts them.
 */
export class StoreWriteError extends StoreError {
	constructor(key: string, reason: string) {
		super(
			'STORE_WRITE_FAILED',
			`Could not save "${key}" in the token store (${reason}); the values WeChat issued are kept in memory and saved as soon as the store accepts writes`,
			'free disk space in the n8n user folder (or bring Redis back), then run again: nothing needs to be authorized again as long as this n8n process keeps running',
		);
		this.name = 'StoreWriteError';
	}
}
