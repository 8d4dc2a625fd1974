import {
	WeChatApiError,
	WeChatAuthorizationLostError,
	unexpectedAnswerError,
	unknownAuthorizerError,
} from '../api/errors';
import type { ApiRequest, Logger } from '../api/types';
import { isAppId } from '../appId';
import type { Store } from '../store/types';
import { KEYS, LOCKS, parseRecord, tokenTimes, type AuthorizerRecord } from './records';
import { usableToken, type RefreshGate } from './refreshGate';
import type { AuthorizerRegistry } from './registry';

const LIST_PAGE = 500;

export interface AuthorizerTokensOptions {
	componentAppId: string;
	store: Store;
	gate: RefreshGate;
	registry: () => AuthorizerRegistry;
	componentRequest: <T>(req: ApiRequest) => Promise<T>;
	marginMs: number;
	logger?: Logger;
}

/**
 * Authorizer access and refresh tokens of every account that authorized the platform. Every
 * refresh token WeChat returns is kept (it may rotate); a rejected one (61023) is re-synced from
 * the authorizer list before the account is declared lost.
 */
export class AuthorizerTokens {
	constructor(private readonly o: AuthorizerTokensOptions) {}

	get(appId: string): Promise<string> {
		return this.o.gate.get(
			LOCKS.authorizer(appId),
			() => this.read(appId),
			usableToken,
			(record) => this.refresh(appId, record),
		);
	}

	async read(appId: string): Promise<AuthorizerRecord | undefined> {
		return parseRecord<AuthorizerRecord>(
			KEYS.authorizer(appId),
			await this.o.store.get(KEYS.authorizer(appId)),
		);
	}

	/** Runs with the authorizer's lock held. */
	private async refresh(appId: string, record: AuthorizerRecord | undefined): Promise<string> {
		let refreshToken = record?.refreshToken;
		if (!refreshToken) {
			// Nothing stored (new store, lost Redis): WeChat's authorizer list is the official way back.
			refreshToken = await this.syncRefreshToken(appId);
			if (!refreshToken) throw unknownAuthorizerError(appId);
		}
		try {
			return await this.exchange(appId, refreshToken);
		} catch (error) {
			if (!(error instanceof WeChatApiError) || error.errcode !== 61023) throw error;
			this.o.logger?.warn?.(
				`Refresh token of ${appId} rejected (61023); re-syncing it from the authorizer list`,
			);
			const listed = await this.syncRefreshToken(appId);
			if (listed && listed !== refreshToken) {
				try {
					return await this.exchange(appId, listed);
				} catch (again) {
					if (!(again instanceof WeChatApiError) || again.errcode !== 61023) throw again;
					throw lost(appId, again);
				}
			}
			throw lost(appId, error);
		}
	}

	private async exchange(appId: string, refreshToken: string): Promise<string> {
		const response = await this.o.componentRequest<{
			authorizer_access_token?: string;
			expires_in?: number;
			authorizer_refresh_token?: string;
		}>({
			method: 'POST',
			path: '/cgi-bin/component/api_authorizer_token',
			body: {
				component_appid: this.o.componentAppId,
				authorizer_appid: appId,
				authorizer_refresh_token: refreshToken,
			},
		});
		if (!response.authorizer_access_token)
			throw unexpectedAnswerError(`authorizer_access_token for ${appId}`);
		// WeChat may rotate the refresh token: whatever it returns is what we keep.
		const now = Date.now();
		await this.write(appId, {
			accessToken: response.authorizer_access_token,
			...tokenTimes(response.expires_in, this.o.marginMs),
			refreshToken: response.authorizer_refresh_token || refreshToken,
			issuedAt: now,
			updatedAt: now,
		});
		this.o.logger?.info?.(`WeChat authorizer access token refreshed for ${appId}`);
		return response.authorizer_access_token;
	}

	private async write(appId: string, record: AuthorizerRecord): Promise<void> {
		await this.o.store.set(KEYS.authorizer(appId), JSON.stringify(record));
	}

	/**
	 * Stores what api_query_auth returned (authorization or re-authorization): the new tokens
	 * replace the old ones, which WeChat may already have invalidated.
	 */
	async saveAuthorization(
		appId: string,
		o: { accessToken?: string; expiresIn?: number; refreshToken?: string },
	): Promise<void> {
		await this.o.gate.withLock(LOCKS.authorizer(appId), async () => {
			const current = await this.read(appId);
			const now = Date.now();
			const times = o.accessToken
				? { ...tokenTimes(o.expiresIn, this.o.marginMs), issuedAt: now }
				: {};
			await this.write(appId, {
				accessToken: o.accessToken,
				...times,
				refreshToken: o.refreshToken || current?.refreshToken,
				updatedAt: now,
			});
		});
	}

	/**
	 * Persists a refresh token seen in a list or info answer. It fills a gap (nothing stored) but
	 * never overwrites a stored one: such a snapshot may predate a refresh that rotated it, and a
	 * wrong stored token is repaired by the 61023 re-sync anyway.
	 */
	async rememberRefreshToken(appId: string, refreshToken: string | undefined): Promise<void> {
		if (!refreshToken || !isAppId(appId)) return;
		const key = KEYS.authorizer(appId);
		const raw = await this.o.store.get(key);
		const current = parseRecord<AuthorizerRecord>(key, raw);
		if (current?.refreshToken) return;
		await this.o.store.compareAndSet(
			key,
			raw,
			JSON.stringify({ ...current, refreshToken, updatedAt: Date.now() }),
		);
	}

	/** Pages through api_get_authorizer_list until `appId` shows up; persists the gaps it can fill. */
	private async syncRefreshToken(appId: string): Promise<string | undefined> {
		for (let offset = 0; ; offset += LIST_PAGE) {
			const page = await this.o.registry().fetchPage(offset, LIST_PAGE);
			const hit = page.list.find((entry) => entry.authorizer_appid === appId);
			if (hit?.refresh_token) {
				const current = await this.read(appId);
				// We hold this account's lock: the listed token is the current one.
				await this.write(appId, {
					...current,
					refreshToken: hit.refresh_token,
					updatedAt: Date.now(),
				});
				return hit.refresh_token;
			}
			if (page.list.length < LIST_PAGE || offset + LIST_PAGE >= page.total_count) return undefined;
		}
	}

	/** Drops the access token WeChat rejected if it is still the stored one; keeps the refresh token. */
	async invalidate(appId: string, used: string): Promise<boolean> {
		const key = KEYS.authorizer(appId);
		const raw = await this.o.store.get(key);
		const record = parseRecord<AuthorizerRecord>(key, raw);
		if (!record || record.accessToken !== used) return false;
		const { refreshToken, updatedAt } = record;
		return this.o.store.compareAndSet(key, raw, JSON.stringify({ refreshToken, updatedAt }));
	}

	async forget(appId: string): Promise<void> {
		await this.o.gate.withLock(LOCKS.authorizer(appId), async () => {
			await this.o.store.delete(KEYS.authorizer(appId));
			await this.o.registry().forget(appId);
		});
	}
}

function lost(appId: string, error: WeChatApiError): WeChatAuthorizationLostError {
	return new WeChatAuthorizationLostError({
		authorizerAppId: appId,
		errcode: error.errcode,
		errmsg: error.errmsg,
		endpoint: error.endpoint,
	});
}
