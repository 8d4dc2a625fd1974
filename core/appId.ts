/**
 * WeChat AppIDs (Official Accounts, Mini Programs and third-party platforms alike) are "wx" followed
 * by 16 lowercase hexadecimal digits, e.g. the sample `wx134c8103faa5a59e` of WeChat's message
 * encryption documentation. Everything else is refused: an AppID becomes a webhook path segment, a
 * folder name and a store key prefix, and the URL's AppID is not covered by WeChat's signature, so a
 * loose rule would let strangers invent accounts.
 */
export const APP_ID_PATTERN = '^wx[0-9a-f]{16}$';
const APP_ID = new RegExp(APP_ID_PATTERN);

export function isAppId(appId: unknown): appId is string {
	return typeof appId === 'string' && APP_ID.test(appId);
}
