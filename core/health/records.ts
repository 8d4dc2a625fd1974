/**
 * What the platform keeps in its store about its own health, one JSON value per key, next to the
 * ticket and tokens (so every process sharing the store, e.g. n8n queue mode, sees the same).
 * Nothing here is secret: times, counts, AppIDs, WeChat errcodes and errmsgs.
 */

export const HEALTH_KEYS = {
	/** Per process: last push per URL and rejected requests by reason (see HealthRecorder.flush). */
	process: (id: string) => `health:process:${id}`,
	processPrefix: 'health:process:',
	/** Last WeChat error of the platform itself (component endpoints, component token). */
	component: 'health:component',
	/** Last WeChat error of one authorized account, and when it disconnected. */
	account: (appId: string) => `health:account:${appId}`,
	accountPrefix: 'health:account:',
};

export type PushUrl = 'authorization' | 'message';

export const REJECT_REASONS = ['badSignature', 'undecryptable', 'wrongAppId', 'stale'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export type RejectCounts = Record<RejectReason, number>;

export interface ProcessRecord {
	/** `<host>:<pid>:<random>`, so two platforms or restarts never share a record. */
	process: string;
	startedAt: number;
	updatedAt: number;
	lastPush: Partial<Record<PushUrl, number>>;
	rejected: RejectCounts;
}

export interface ErrorSeen {
	errcode: number;
	errmsg: string;
	/** ms since the epoch. */
	at: number;
	/** The error came from refreshing the account's access token. */
	duringRefresh?: boolean;
}

export interface HealthRecord {
	lastError?: ErrorSeen;
	/** The account withdrew its authorization (unauthorized event, or the account was forgotten). */
	disconnectedAt?: number;
}

export function emptyCounts(): RejectCounts {
	return { badSignature: 0, undecryptable: 0, wrongAppId: 0, stale: 0 };
}

/**
 * The trigger's short rejection reasons (see the trigger's webhook/verify.ts) grouped as an operator
 * reads them. Undefined for refusals that are not about the push itself.
 */
export function reasonOf(rejection: string): RejectReason | undefined {
	switch (rejection) {
		case 'missing signature':
		case 'invalid signature':
		case 'invalid timestamp':
			return 'badSignature';
		case 'request expired':
			return 'stale';
		case 'wrong appid':
		case 'invalid appid':
			return 'wrongAppId';
		case 'cannot decrypt':
		case 'malformed message':
		case 'malformed body':
		case 'empty body':
		case 'body too large':
			return 'undecryptable';
		default:
			return undefined;
	}
}

/**
 * Errcodes that only a person can fix on an account, with what to tell them. WeChat's
 * third-party platform error codes: 61023 the refresh token is no longer valid (the authorization
 * is gone), 61007 the account has not granted this platform the permission set of the API,
 * 61003 the account has not (or no longer) authorized the platform. (48001, an API the account
 * type lacks, is shown as the last error but raises no flag: re-authorizing does not change it.)
 */
export const ACCOUNT_ATTENTION: Readonly<Record<number, string>> = {
	61023: 'the authorization is no longer valid: the merchant must authorize the platform again',
	61007:
		'a permission was not granted: the merchant must authorize again and tick the missing permission set',
	61003: 'the account is disconnected (it no longer authorizes the platform)',
};

/**
 * Errcodes about the platform as a whole, recorded on the platform rather than on the account whose
 * call ran into them.
 */
export const PLATFORM_ATTENTION: Readonly<Record<number, string>> = {
	40164: "WeChat refuses this server's IP: add the n8n egress IP to the platform's IP whitelist",
	61004: "WeChat refuses this server's IP: add the n8n egress IP to the platform's IP whitelist",
	40125:
		'WeChat says the component AppSecret is wrong: copy it again from the Open Platform console',
	61005: 'the component_verify_ticket expired: check that WeChat can reach the authorization URL',
	61006:
		'WeChat rejected the component_verify_ticket: check that WeChat can reach the authorization URL',
};
