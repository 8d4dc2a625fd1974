import type { AccountType } from '../accountType';
import { StoreCorruptError } from '../store/errors';

/** What the token manager keeps in the store, one JSON value per key. */

export const KEYS = {
	ticket: 'ticket',
	componentToken: 'component_token',
	authorizer: (appId: string) => `authorizer:${appId}`,
	known: (appId: string) => `known:${appId}`,
	knownPrefix: 'known:',
	seen: (key: string) => `seen:${key}`,
	jsapiTicket: (appId: string) => `jsapi_ticket:${appId}`,
};

export const LOCKS = {
	componentToken: 'component_token',
	authorizer: (appId: string) => `authorizer:${appId}`,
	jsapiTicket: (appId: string) => `jsapi_ticket:${appId}`,
};

export interface TicketRecord {
	ticket: string;
	/** WeChat's CreateTime of the push (seconds), used to ignore an older push arriving late. */
	createTime: number;
	savedAt: number;
}

export interface AccessTokenRecord {
	accessToken: string;
	expiresAt: number;
	/** When to refresh: `expiresAt` minus the margin (never earlier than half the lifetime). */
	refreshAt: number;
}

export interface AuthorizerRecord {
	accessToken?: string;
	expiresAt?: number;
	refreshAt?: number;
	/** Never expires while the authorization stands; kept without TTL. */
	refreshToken?: string;
	/**
	 * When WeChat issued `accessToken`. `updatedAt` is not that: re-syncing the refresh token from the
	 * authorizer list (after a 61023) rewrites the record without a new access token.
	 */
	issuedAt?: number;
	updatedAt: number;
}

export interface KnownAuthorizer {
	appId: string;
	nickName?: string;
	userName?: string;
	/** ISO 8601. */
	authorizedAt?: string;
	/** From the authorizer info (core/accountType.ts); absent until that was fetched once. */
	accountType?: AccountType;
}

/** Our own values are JSON objects; anything else means the store was tampered with or damaged. */
export function parseRecord<T extends object>(key: string, raw: string | undefined): T | undefined {
	if (raw === undefined) return undefined;
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		value = undefined;
	}
	if (value === null || typeof value !== 'object') {
		throw new StoreCorruptError(`key "${key}"`, 'not a JSON object');
	}
	return value as T;
}

export function tokenTimes(
	expiresInSeconds: unknown,
	marginMs: number,
	now = Date.now(),
): { expiresAt: number; refreshAt: number } {
	const seconds =
		typeof expiresInSeconds === 'number' && expiresInSeconds > 0 ? expiresInSeconds : 7200;
	const lifetime = seconds * 1000;
	return {
		expiresAt: now + lifetime,
		refreshAt: now + Math.max(lifetime - marginMs, lifetime / 2),
	};
}
