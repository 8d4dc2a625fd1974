/**
 * What WeChat AppIDs are made of (`wx` + 16 hex digits in practice), kept loose but URL-, file- and
 * key-safe: an AppID becomes a folder name, a store key prefix and a webhook path segment.
 */
const APP_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isAppId(appId: unknown): appId is string {
	return typeof appId === 'string' && APP_ID.test(appId);
}
