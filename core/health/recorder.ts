import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

import { WeChatApiError, WeChatAuthorizationLostError } from '../api/errors';
import type { Logger } from '../api/types';
import type { Store } from '../store/types';
import {
	HEALTH_KEYS,
	PLATFORM_ATTENTION,
	emptyCounts,
	reasonOf,
	type HealthRecord,
	type ProcessRecord,
	type PushUrl,
} from './records';

export interface HealthRecorderOptions {
	logger?: Logger;
	/** At most one write of this process's record per interval (default 60 s). */
	flushIntervalMs?: number;
	/** The same errcode of the same account is written at most once per interval (default 60 s). */
	errorIntervalMs?: number;
	now?: () => number;
}

/** A process record nobody refreshed for this long is dropped by the store (a process gone for good). */
export const PROCESS_RECORD_TTL_MS = 7 * 24 * 60 * 60_000;

/**
 * Records what Platform → Get Status reports, as the trigger and the token code work, at a bounded
 * cost: pushes and rejections only touch memory, and this process's record is written at most once
 * per flush interval (the first event after a quiet interval at once, later ones with the next
 * timed write). WeChat errors are rare and written when they happen, the same errcode of the
 * same account at most once per interval. Recording never throws and never delays the caller.
 */
export class HealthRecorder {
	readonly processId: string;
	private readonly store: Store;
	private readonly logger?: Logger;
	private readonly flushIntervalMs: number;
	private readonly errorIntervalMs: number;
	private readonly now: () => number;
	private readonly record: ProcessRecord;
	private dirty = false;
	private lastFlush = 0;
	private timer?: NodeJS.Timeout;
	private flushing?: Promise<void>;
	private readonly errorsWritten = new Map<string, number>();
	private closed = false;
	private readonly writes = new Set<Promise<void>>();

	constructor(store: Store, options: HealthRecorderOptions = {}) {
		this.store = store;
		this.logger = options.logger;
		this.flushIntervalMs = options.flushIntervalMs ?? 60_000;
		this.errorIntervalMs = options.errorIntervalMs ?? 60_000;
		this.now = options.now ?? Date.now;
		this.processId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
		const startedAt = this.now();
		this.record = {
			process: this.processId,
			startedAt,
			updatedAt: startedAt,
			lastPush: {},
			rejected: emptyCounts(),
		};
	}

	/** A push whose signature held arrived on one of the two URLs. */
	pushed(url: PushUrl): void {
		this.record.lastPush[url] = this.now();
		this.changed();
	}

	/** The trigger refused a request; `reason` is its short rejection reason. */
	rejected(reason: string): void {
		const group = reasonOf(reason);
		if (!group) return;
		this.record.rejected[group] += 1;
		this.changed();
	}

	/** What this process has counted so far (also what the next flush writes). */
	snapshot(): ProcessRecord {
		return {
			...this.record,
			lastPush: { ...this.record.lastPush },
			rejected: { ...this.record.rejected },
		};
	}

	/**
	 * A call failed. WeChat errors are kept: on the account (`appId`) or, for errcodes about the
	 * platform as a whole (IP whitelist, AppSecret, ticket), on the platform. Other errors (network,
	 * store) are not WeChat's verdict on the account and are left out.
	 */
	apiError(appId: string | undefined, error: unknown): Promise<void> {
		if (!(error instanceof WeChatApiError)) return Promise.resolve();
		const platformWide = Object.hasOwn(PLATFORM_ATTENTION, error.errcode);
		const key = platformWide || !appId ? HEALTH_KEYS.component : HEALTH_KEYS.account(appId);
		const now = this.now();
		const throttleKey = `${key}#${error.errcode}`;
		const last = this.errorsWritten.get(throttleKey);
		if (last !== undefined && now - last < this.errorIntervalMs) return Promise.resolve();
		this.errorsWritten.set(throttleKey, now);
		const duringRefresh =
			error instanceof WeChatAuthorizationLostError ||
			error.endpoint.includes('/api_authorizer_token');
		return this.track(
			this.update(key, (current) => ({
				...current,
				lastError: {
					errcode: error.errcode,
					errmsg: error.errmsg,
					at: now,
					...(duringRefresh && key !== HEALTH_KEYS.component ? { duringRefresh } : {}),
				},
			})),
		);
	}

	/** The account withdrew its authorization. */
	disconnected(appId: string): Promise<void> {
		const at = this.now();
		return this.update(HEALTH_KEYS.account(appId), (current) => ({
			...current,
			disconnectedAt: at,
		}));
	}

	/** Resolves when every error and disconnection write started so far has finished. */
	async settled(): Promise<void> {
		await Promise.all([...this.writes]);
	}

	private track(write: Promise<void>): Promise<void> {
		this.writes.add(write);
		void write.finally(() => this.writes.delete(write));
		return write;
	}

	/** Writes this process's record now if anything changed since the last write. */
	flush(): Promise<void> {
		if (this.timer) {
			clearTimeout(this.timer);
			this.timer = undefined;
		}
		if (!this.dirty) return this.flushing ?? Promise.resolve();
		this.dirty = false;
		this.lastFlush = this.now();
		this.record.updatedAt = this.lastFlush;
		const value = JSON.stringify(this.record);
		const write = this.store
			.set(HEALTH_KEYS.process(this.processId), value, PROCESS_RECORD_TTL_MS)
			.catch((error: unknown) => {
				// Counted again with the next write; the store's own problem is reported by its users.
				this.dirty = true;
				this.logger?.debug?.(`Platform health not recorded: ${(error as Error).message}`);
			})
			.finally(() => {
				if (this.flushing === write) this.flushing = undefined;
			});
		this.flushing = write;
		return write;
	}

	/** Writes what is pending and stops the timer (before the store is closed). */
	async close(): Promise<void> {
		this.closed = true;
		await this.flush();
		await this.settled();
	}

	private changed(): void {
		this.dirty = true;
		if (this.timer || this.closed) return;
		const wait = this.lastFlush + this.flushIntervalMs - this.now();
		if (wait <= 0) {
			void this.flush();
			return;
		}
		this.timer = setTimeout(() => {
			this.timer = undefined;
			void this.flush();
		}, wait);
		this.timer.unref();
	}

	private async update(
		key: string,
		change: (current: HealthRecord) => HealthRecord,
	): Promise<void> {
		try {
			for (let attempt = 0; attempt < 3; attempt++) {
				const raw = await this.store.get(key);
				const next = JSON.stringify(change(parse(raw)));
				if (await this.store.compareAndSet(key, raw, next)) return;
			}
		} catch (error) {
			this.logger?.debug?.(`Platform health not recorded: ${(error as Error).message}`);
		}
	}
}

function parse(raw: string | undefined): HealthRecord {
	if (raw === undefined) return {};
	try {
		const value: unknown = JSON.parse(raw);
		return value && typeof value === 'object' ? (value as HealthRecord) : {};
	} catch {
		return {};
	}
}
