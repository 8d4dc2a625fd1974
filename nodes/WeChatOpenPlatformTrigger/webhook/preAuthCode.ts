import type { HandlerEnv } from './types';

interface CachedPreAuthCode {
	code: Promise<string>;
	createdAt: number;
	/** When it stops being handed out (well before WeChat's expiry, so a visitor has time to use it). */
	reuseUntil: number;
}

/**
 * Pre-auth codes handed out by the /authorize page, per component, auth type and Biz AppID. The
 * page is public: every visit asking WeChat for a code would let anyone spend the platform's
 * daily api_create_preauthcode quota. One code serves every visitor while it is valid.
 */
const preAuthCodes = new Map<string, CachedPreAuthCode>();
/** At most one new code per this interval, whatever happens (expiry, failures, invalidation). */
export const PRE_AUTH_CODE_MIN_INTERVAL_MS = 10_000;
/** A code is handed out for at most this part of its validity (WeChat: 600 s, sometimes 1800 s). */
const REUSE_SHARE = 0.5;

/** Forgets the cached pre-auth codes of a component (after an authorization completed). */
export function forgetPreAuthCodes(componentAppId: string): void {
	for (const key of preAuthCodes.keys()) {
		if (key.startsWith(`${componentAppId}|`)) preAuthCodes.delete(key);
	}
}

export async function preAuthCodeFor(env: HandlerEnv): Promise<string> {
	const { platform, settings, nowMs } = env;
	const key = `${platform.componentAppId}|${settings.authType}|${settings.bizAppId}`;
	const cached = preAuthCodes.get(key);
	if (cached !== undefined) {
		const young =
			nowMs - cached.createdAt < PRE_AUTH_CODE_MIN_INTERVAL_MS && nowMs >= cached.createdAt;
		if (young || nowMs < cached.reuseUntil) return await cached.code;
	}
	const entry: CachedPreAuthCode = {
		createdAt: nowMs,
		reuseUntil: nowMs + PRE_AUTH_CODE_MIN_INTERVAL_MS,
		code: platform.createPreAuthCode().then(({ preAuthCode, expiresIn }) => {
			entry.reuseUntil = Date.now() + Math.max(0, expiresIn) * 1000 * REUSE_SHARE;
			return preAuthCode;
		}),
	};
	// A failure is remembered for the minimum interval too: a broken setup must not turn every
	// visit into a request to WeChat.
	entry.code.catch(() => undefined);
	preAuthCodes.set(key, entry);
	return await entry.code;
}
