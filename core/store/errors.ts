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
