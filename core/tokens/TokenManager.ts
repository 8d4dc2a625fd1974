import { TOKEN_ERROR_CODES } from '../api/hints';
import {
	WeChatApiError,
	WeChatAuthorizationLostError,
	noTicketError,
	unknownAuthorizerError,
} from '../api/errors';
import type { WeChatTransport } from '../api/transport';
import type { ApiRequest, BinaryResponse, Logger } from '../api/types';
import { isAppId } from '../appId';
import { DEFAULT_LOCK_TTL_MS, DEFAULT_LOCK_WAIT_MS } from '../store/lock';
import type { Store } from '../store/types';
import {
	KEYS,
	LOCKS,
	parseRecord,
	tokenTimes,
	type AccessTokenRecord,
	type AuthorizerRecord,
	type KnownAuthorizer,
	type TicketRecord,
} from './records';

export interface TokenManagerOptions {
	componentAppId: string;
	componentAppSecret: string;
	store: Store;
	transport: WeChatTransport;
	/** Refresh a token when less than this is left (default 10 min). */
	refreshMarginMs?: number;
	/** How long a refresh lock outlives a holder that died (default 30 s; renewed while held). */
	lockTtlMs?: number;
	/** How long to wait for another process's refresh (default 35 s). */
	lockWaitMs?: number;
	logger?: Logger;
}

export type TokenKind = 'component' | 'authorizer';

/** A ticket is valid 12 h after WeChat issued it; the last good one is kept that long. */
export const TICKET_TTL_MS = 12 * 60 * 60 * 1000;
const LIST_PAGE = 500;

/**
 * Ticket → component token → authorizer tokens. Every refresh happens once however many callers
 * ask at once: callers in this process share one pending promise, and processes sharing the store
 * take its lock and re-read the store after getting it (someone else may have refreshed already).
 */
export class TokenManager {
	readonly componentAppId: string;
	private readonly secret: string;
	private readonly store: Store;
	private readonly transport: WeChatTransport;
	private readonly marginMs: number;
	private readonly lockTtlMs: number;
	private readonly lockWaitMs: number;
	private readonly logger?: Logger;
	private readonly pending = new Map<string, Promise<string>>();
	/** The newest ticket this process saw, for a store that lost it. */
	private lastTicket?: TicketRecord;

	constructor(o: TokenManagerOptions) {
		this.componentAppId = o.componentAppId;
		this.secret = o.componentAppSecret;
		this.store = o.store;
		this.transport = o.transport;
		this.marginMs = o.refreshMarginMs ?? 10 * 60_000;
		this.lockTtlMs = o.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
		this.lockWaitMs = o.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
		this.logger = o.logger;
	}

	// ---- ticket ----------------------------------------------------------------------------

	/** Stores a pushed ticket. A push older than the stored one (a late retry) is ignored: returns false. */
	async saveTicket(ticket: string, createTime?: number | string): Promise<boolean> {
		if (typeof ticket !== 'string' || ticket.trim() === '')
			throw new Error('The component_verify_ticket is empty');
		const pushed = Number(createTime);
		const record: TicketRecord = {
			ticket,
			createTime:
				createTime !== undefined && createTime !== '' && Number.isFinite(pushed)
					? pushed
					: Math.floor(Date.now() / 1000),
			savedAt: Date.now(),
		};
		if (!this.lastTicket || this.lastTicket.createTime <= record.createTime)
			this.lastTicket = record;
		for (let attempt = 0; attempt < 5; attempt++) {
			const raw = await this.store.get(KEYS.ticket);
			const current = parseRecord<TicketRecord>(KEYS.ticket, raw);
			if (current && current.createTime > record.createTime) return false;
			if (current?.ticket === ticket) return true;
			if (await this.store.compareAndSet(KEYS.ticket, raw, JSON.stringify(record), TICKET_TTL_MS))
				return true;
		}
		await this.store.set(KEYS.ticket, JSON.stringify(record), TICKET_TTL_MS);
		return true;
	}

	async getTicket(): Promise<string> {
		const record = parseRecord<TicketRecord>(KEYS.ticket, await this.store.get(KEYS.ticket));
		if (record?.ticket) {
			this.lastTicket = record;
			return record.ticket;
		}
		// A store that lost its keys (Redis restarted without persistence) still has this process's
		// last ticket, valid 12 h: put it back rather than wait up to 10 min for the next push.
		const remembered = this.lastTicket;
		if (remembered && remembered.savedAt + TICKET_TTL_MS > Date.now()) {
			await this.store.compareAndSet(
				KEYS.ticket,
				undefined,
				JSON.stringify(remembered),
				remembered.savedAt + TICKET_TTL_MS - Date.now(),
			);
			return remembered.ticket;
		}
		throw noTicketError();
	}

	async hasTicket(): Promise<boolean> {
		return (await this.store.get(KEYS.ticket)) !== undefined;
	}

	// ---- component token ---------------------------------------------------------------------

	async getComponentAccessToken(): Promise<string> {
		const fresh = this.usable(await this.readComponentToken());
		if (fresh) return fresh;
		return this.singleFlight('component', () =>
			this.store.withLock(
				LOCKS.componentToken,
				async () => {
					const again = this.usable(await this.readComponentToken());
					if (again) return again;
					return this.fetchComponentToken();
				},
				this.lockOptions(),
			),
		);
	}

	private async readComponentToken(): Promise<AccessTokenRecord | undefined> {
		return parseRecord<AccessTokenRecord>(
			KEYS.componentToken,
			await this.store.get(KEYS.componentToken),
		);
	}

	private async fetchComponentToken(): Promise<string> {
		const ticket = await this.getTicket();
		let response: { component_access_token?: string; expires_in?: number };
		try {
			response = await this.transport.request({
				method: 'POST',
				path: '/cgi-bin/component/api_component_token',
				body: {
					component_appid: this.componentAppId,
					component_appsecret: this.secret,
					component_verify_ticket: ticket,
				},
			});
		} catch (error) {
			// On this endpoint 40001 means a wrong AppSecret, not a stale token: say so, never loop.
			if (error instanceof WeChatApiError && [40001, 40125, 41004].includes(error.errcode)) {
				throw new WeChatApiError({
					errcode: error.errcode,
					errmsg: error.errmsg,
					endpoint: error.endpoint,
					hint: 'the component AppSecret (or AppID) is wrong: copy them again from Open Platform → Third-party Platform → Details',
				});
			}
			throw error;
		}
		if (!response.component_access_token)
			throw new Error('WeChat returned no component_access_token');
		const record: AccessTokenRecord = {
			accessToken: response.component_access_token,
			...tokenTimes(response.expires_in, this.marginMs),
		};
		await this.store.set(
			KEYS.componentToken,
			JSON.stringify(record),
			Math.max(1, record.expiresAt - Date.now()),
		);
		this.logger?.info?.(`WeChat component access token refreshed for ${this.componentAppId}`);
		return record.accessToken;
	}

	// ---- authorizer tokens -------------------------------------------------------------------

	async getAuthorizerAccessToken(appId: string): Promise<string> {
		assertAppId(appId);
		const fresh = this.usable(await this.readAuthorizer(appId));
		if (fresh) return fresh;
		return this.singleFlight(`authorizer:${appId}`, () =>
			this.store.withLock(
				LOCKS.authorizer(appId),
				async () => {
					const record = await this.readAuthorizer(appId);
					return this.usable(record) ?? this.refreshAuthorizer(appId, record);
				},
				this.lockOptions(),
			),
		);
	}

	async readAuthorizer(appId: string): Promise<AuthorizerRecord | undefined> {
		return parseRecord<AuthorizerRecord>(
			KEYS.authorizer(appId),
			await this.store.get(KEYS.authorizer(appId)),
		);
	}

	/** Runs with the authorizer's lock held. */
	private async refreshAuthorizer(
		appId: string,
		record: AuthorizerRecord | undefined,
	): Promise<string> {
		let refreshToken = record?.refreshToken;
		if (!refreshToken) {
			// Nothing stored (new store, lost Redis): WeChat's authorizer list is the official way back.
			refreshToken = await this.syncRefreshToken(appId);
			if (!refreshToken) throw unknownAuthorizerError(appId);
		}
		try {
			return await this.exchangeRefreshToken(appId, refreshToken);
		} catch (error) {
			if (!(error instanceof WeChatApiError) || error.errcode !== 61023) throw error;
			this.logger?.warn?.(
				`Refresh token of ${appId} rejected (61023); re-syncing it from the authorizer list`,
			);
			const listed = await this.syncRefreshToken(appId);
			if (listed && listed !== refreshToken) {
				try {
					return await this.exchangeRefreshToken(appId, listed);
				} catch (again) {
					if (!(again instanceof WeChatApiError) || again.errcode !== 61023) throw again;
					throw lost(appId, again);
				}
			}
			throw lost(appId, error);
		}
	}

	private async exchangeRefreshToken(appId: string, refreshToken: string): Promise<string> {
		const response = await this.componentRequest<{
			authorizer_access_token?: string;
			expires_in?: number;
			authorizer_refresh_token?: string;
		}>({
			method: 'POST',
			path: '/cgi-bin/component/api_authorizer_token',
			body: {
				component_appid: this.componentAppId,
				authorizer_appid: appId,
				authorizer_refresh_token: refreshToken,
			},
		});
		if (!response.authorizer_access_token)
			throw new Error(`WeChat returned no authorizer_access_token for ${appId}`);
		// WeChat may rotate the refresh token: whatever it returns is what we keep.
		await this.writeAuthorizer(appId, {
			accessToken: response.authorizer_access_token,
			...tokenTimes(response.expires_in, this.marginMs),
			refreshToken: response.authorizer_refresh_token || refreshToken,
			updatedAt: Date.now(),
		});
		this.logger?.info?.(`WeChat authorizer access token refreshed for ${appId}`);
		return response.authorizer_access_token;
	}

	private async writeAuthorizer(appId: string, record: AuthorizerRecord): Promise<void> {
		await this.store.set(KEYS.authorizer(appId), JSON.stringify(record));
	}

	/**
	 * Stores what api_query_auth returned (authorization or re-authorization): the new tokens
	 * replace the old ones, which WeChat may already have invalidated.
	 */
	async saveAuthorization(
		appId: string,
		o: { accessToken?: string; expiresIn?: number; refreshToken?: string },
	): Promise<void> {
		assertAppId(appId);
		await this.store.withLock(
			LOCKS.authorizer(appId),
			async () => {
				const current = await this.readAuthorizer(appId);
				const times = o.accessToken ? tokenTimes(o.expiresIn, this.marginMs) : {};
				await this.writeAuthorizer(appId, {
					accessToken: o.accessToken,
					...times,
					refreshToken: o.refreshToken || current?.refreshToken,
					updatedAt: Date.now(),
				});
			},
			this.lockOptions(),
		);
	}

	/**
	 * Persists a refresh token seen in a list or info answer. It fills a gap (nothing stored) but
	 * never overwrites a stored one: such a snapshot may predate a refresh that rotated it, and a
	 * wrong stored token is repaired by the 61023 re-sync anyway.
	 */
	async rememberRefreshToken(appId: string, refreshToken: string | undefined): Promise<void> {
		if (!refreshToken || !isAppId(appId)) return;
		const key = KEYS.authorizer(appId);
		const raw = await this.store.get(key);
		const current = parseRecord<AuthorizerRecord>(key, raw);
		if (current?.refreshToken) return;
		await this.store.compareAndSet(
			key,
			raw,
			JSON.stringify({ ...current, refreshToken, updatedAt: Date.now() }),
		);
	}

	/** Pages through api_get_authorizer_list until `appId` shows up; persists the gaps it can fill. */
	private async syncRefreshToken(appId: string): Promise<string | undefined> {
		for (let offset = 0; ; offset += LIST_PAGE) {
			const page = await this.fetchAuthorizerList(offset, LIST_PAGE);
			const hit = page.list.find((entry) => entry.authorizer_appid === appId);
			if (hit?.refresh_token) {
				const key = KEYS.authorizer(appId);
				const current = await this.readAuthorizer(appId);
				// We hold this account's lock: the listed token is the current one.
				await this.store.set(
					key,
					JSON.stringify({ ...current, refreshToken: hit.refresh_token, updatedAt: Date.now() }),
				);
				return hit.refresh_token;
			}
			if (page.list.length < LIST_PAGE || offset + LIST_PAGE >= page.total_count) return undefined;
		}
	}

	/** One page of the authorizer list, with every refresh token and account remembered. */
	async fetchAuthorizerList(
		offset: number,
		count: number,
	): Promise<{
		total_count: number;
		list: Array<{ authorizer_appid: string; refresh_token?: string; auth_time?: number }>;
	}> {
		const response = await this.componentRequest<{
			total_count?: number;
			list?: Array<{ authorizer_appid: string; refresh_token?: string; auth_time?: number }>;
		}>({
			method: 'POST',
			path: '/cgi-bin/component/api_get_authorizer_list',
			body: { component_appid: this.componentAppId, offset, count },
		});
		const list = Array.isArray(response.list) ? response.list : [];
		for (const entry of list) {
			await this.rememberRefreshToken(entry.authorizer_appid, entry.refresh_token);
			if (isAppId(entry.authorizer_appid)) {
				await this.rememberAuthorizer(
					entry.authorizer_appid,
					typeof entry.auth_time === 'number'
						? { authorizedAt: new Date(entry.auth_time * 1000).toISOString() }
						: {},
					{ onlyIfMissing: true },
				);
			}
		}
		return {
			total_count: typeof response.total_count === 'number' ? response.total_count : list.length,
			list,
		};
	}

	// ---- invalidation ------------------------------------------------------------------------

	/**
	 * Drops a token WeChat rejected, but only if it is still the stored one: if another caller or
	 * process has already replaced it, the newer token stays (no refresh storm).
	 */
	async invalidate(
		kind: TokenKind,
		appId: string | undefined,
		tokenUsed: string,
	): Promise<boolean> {
		if (kind === 'component') {
			const raw = await this.store.get(KEYS.componentToken);
			const record = parseRecord<AccessTokenRecord>(KEYS.componentToken, raw);
			if (record?.accessToken !== tokenUsed) return false;
			return this.store.compareAndSet(KEYS.componentToken, raw, undefined);
		}
		if (!appId) throw new Error('invalidate("authorizer") needs the authorizer AppID');
		const key = KEYS.authorizer(appId);
		const raw = await this.store.get(key);
		const record = parseRecord<AuthorizerRecord>(key, raw);
		if (!record || record.accessToken !== tokenUsed) return false;
		// Keep the refresh token: only the access token is dropped.
		const { refreshToken, updatedAt } = record;
		return this.store.compareAndSet(key, raw, JSON.stringify({ refreshToken, updatedAt }));
	}

	async forgetAuthorizer(appId: string): Promise<void> {
		assertAppId(appId);
		await this.store.withLock(
			LOCKS.authorizer(appId),
			async () => {
				await this.store.delete(KEYS.authorizer(appId));
				await this.store.delete(KEYS.known(appId));
			},
			this.lockOptions(),
		);
	}

	// ---- known authorizers -------------------------------------------------------------------

	async rememberAuthorizer(
		appId: string,
		patch: Omit<KnownAuthorizer, 'appId'>,
		options: { onlyIfMissing?: boolean } = {},
	): Promise<void> {
		assertAppId(appId);
		const key = KEYS.known(appId);
		for (let attempt = 0; attempt < 5; attempt++) {
			const raw = await this.store.get(key);
			const current = parseRecord<KnownAuthorizer>(key, raw);
			if (current && options.onlyIfMissing) return;
			const next: KnownAuthorizer = { ...current, ...stripUndefined(patch), appId };
			if (await this.store.compareAndSet(key, raw, JSON.stringify(next))) return;
		}
	}

	async listAuthorizers(): Promise<KnownAuthorizer[]> {
		const out: KnownAuthorizer[] = [];
		for (const key of await this.store.keys(KEYS.knownPrefix)) {
			const entry = parseRecord<KnownAuthorizer>(key, await this.store.get(key));
			if (entry) out.push({ ...entry, appId: key.slice(KEYS.knownPrefix.length) });
		}
		return out;
	}

	// ---- authenticated requests --------------------------------------------------------------

	/**
	 * Calls a component endpoint with the component token (query `component_access_token`, or
	 * `access_token` for the endpoints documented that way). A rejected token is invalidated if it
	 * is still current, refreshed once and the call retried once.
	 */
	componentRequest<T = Record<string, unknown>>(
		req: ApiRequest & { tokenParam?: 'component_access_token' | 'access_token' },
	): Promise<T> {
		return this.withToken<T>(
			req,
			req.tokenParam ?? 'component_access_token',
			() => this.getComponentAccessToken(),
			(used) => this.invalidate('component', undefined, used),
		);
	}

	authorizerRequest<T = Record<string, unknown>>(appId: string, req: ApiRequest): Promise<T> {
		assertAppId(appId);
		return this.withToken<T>(
			req,
			'access_token',
			() => this.getAuthorizerAccessToken(appId),
			(used) => this.invalidate('authorizer', appId, used),
		);
	}

	private async withToken<T>(
		req: ApiRequest & { tokenParam?: string },
		param: string,
		token: () => Promise<string>,
		invalidate: (used: string) => Promise<boolean>,
	): Promise<T> {
		const { tokenParam: _ignored, ...plain } = req;
		void _ignored;
		const call = async (value: string): Promise<T> =>
			(await this.transport.request<T>({
				...plain,
				query: { ...plain.query, [param]: value },
			})) as T;
		const first = await token();
		try {
			return await call(first);
		} catch (error) {
			if (!(error instanceof WeChatApiError) || !TOKEN_ERROR_CODES.has(error.errcode)) throw error;
			await invalidate(first);
			const second = await token();
			this.logger?.info?.(
				`WeChat rejected a token (${error.errcode}); retrying once with ${second === first ? 'the same' : 'a fresh'} token`,
			);
			return call(second);
		}
	}

	// ---- helpers -----------------------------------------------------------------------------

	private usable(
		record: { accessToken?: string; refreshAt?: number } | undefined,
	): string | undefined {
		return record?.accessToken && (record.refreshAt ?? 0) > Date.now()
			? record.accessToken
			: undefined;
	}

	private singleFlight(key: string, work: () => Promise<string>): Promise<string> {
		const running = this.pending.get(key);
		if (running) return running;
		const promise = work().finally(() => this.pending.delete(key));
		this.pending.set(key, promise);
		return promise;
	}

	private lockOptions() {
		return { ttlMs: this.lockTtlMs, waitMs: this.lockWaitMs };
	}
}

export type { BinaryResponse };

function lost(appId: string, error: WeChatApiError): WeChatAuthorizationLostError {
	return new WeChatAuthorizationLostError({
		authorizerAppId: appId,
		errcode: error.errcode,
		errmsg: error.errmsg,
		endpoint: error.endpoint,
	});
}

function assertAppId(appId: string): void {
	if (!isAppId(appId))
		throw new Error(
			`Invalid authorizer AppID "${String(appId).slice(0, 64)}" (expected e.g. wx1234567890abcdef)`,
		);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
