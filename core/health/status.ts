import type { Store, StoreKind } from '../store/types';
import {
	KEYS,
	parseRecord,
	type AccessTokenRecord,
	type AuthorizerRecord,
	type KnownAuthorizer,
	type TicketRecord,
} from '../tokens/records';
import {
	ACCOUNT_ATTENTION,
	HEALTH_KEYS,
	PLATFORM_ATTENTION,
	REJECT_REASONS,
	emptyCounts,
	type ErrorSeen,
	type HealthRecord,
	type ProcessRecord,
	type RejectCounts,
} from './records';

/** WeChat pushes a ticket every 10 minutes; three missed pushes are worth a look. */
export const DEFAULT_TICKET_MAX_AGE_MINUTES = 30;

export interface StatusOptions {
	componentAppId: string;
	storeKind: StoreKind;
	includeAccounts?: boolean;
	ticketMaxAgeMinutes?: number;
	now?: number;
}

export interface ErrorView {
	errcode: number;
	errmsg: string;
	at: string;
}

export interface PlatformStatus {
	type: 'platform';
	componentAppId: string;
	checkedAt: string;
	needsAttention: boolean;
	/** Plain sentences, empty when all is well. */
	attentionReasons: string[];
	storeKind: StoreKind;
	storeAnswers: boolean;
	storeLatencyMs: number;
	storeError?: string;
	ticketReceivedAt: string | null;
	/** Whole minutes since the last ticket; null when there is none. */
	ticketAgeMinutes: number | null;
	componentTokenExpiresAt: string | null;
	lastAuthorizationPushAt: string | null;
	lastMessagePushAt: string | null;
	/** Rejected requests since each process started, summed over the processes sharing the store. */
	rejected: RejectCounts;
	rejectedByProcess: Array<{
		process: string;
		startedAt: string;
		updatedAt: string;
		rejected: RejectCounts;
	}>;
	lastError: ErrorView | null;
	accountsNeedingAttention: number;
}

export interface AccountStatus {
	type: 'account';
	componentAppId: string;
	authorizerAppId: string;
	nickName: string | null;
	userName: string | null;
	authorizedAt: string | null;
	accessTokenExpiresAt: string | null;
	lastRefreshAt: string | null;
	/** `ok`, `failed`, or null when this store has never refreshed it. */
	lastRefreshResult: 'ok' | 'failed' | null;
	lastError: ErrorView | null;
	disconnectedAt: string | null;
	needsAttention: boolean;
	attentionReason: string | null;
}

const iso = (ms: number | undefined | null): string | null =>
	typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null;

const errorView = (e: ErrorSeen | undefined): ErrorView | null =>
	e ? { errcode: e.errcode, errmsg: e.errmsg, at: new Date(e.at).toISOString() } : null;

function lenient<T extends object>(key: string, raw: string | undefined): T | undefined {
	try {
		return parseRecord<T>(key, raw);
	} catch {
		return undefined;
	}
}

/**
 * The status of one platform from its store alone (no WeChat call): what the trigger and token
 * code recorded as they worked. Reads a handful of keys plus, per account, three.
 */
export async function readStatus(
	store: Store,
	o: StatusOptions,
): Promise<{ platform: PlatformStatus; accounts: AccountStatus[] }> {
	const now = o.now ?? Date.now();
	const maxAge = o.ticketMaxAgeMinutes ?? DEFAULT_TICKET_MAX_AGE_MINUTES;
	const started = Date.now();
	let storeError: string | undefined;
	const read = async (key: string): Promise<string | undefined> => {
		try {
			return await store.get(key);
		} catch (error) {
			storeError ??= (error as Error).message;
			return undefined;
		}
	};
	const list = async (prefix: string): Promise<string[]> => {
		try {
			return await store.keys(prefix);
		} catch (error) {
			storeError ??= (error as Error).message;
			return [];
		}
	};

	const ticket = lenient<TicketRecord>(KEYS.ticket, await read(KEYS.ticket));
	const storeLatencyMs = Date.now() - started;
	const token = lenient<AccessTokenRecord>(KEYS.componentToken, await read(KEYS.componentToken));
	const component = lenient<HealthRecord>(HEALTH_KEYS.component, await read(HEALTH_KEYS.component));

	const processes: ProcessRecord[] = [];
	for (const key of await list(HEALTH_KEYS.processPrefix)) {
		const record = lenient<ProcessRecord>(key, await read(key));
		if (record?.rejected) processes.push(record);
	}
	const rejected = emptyCounts();
	let lastAuthorization: number | undefined;
	let lastMessage: number | undefined;
	for (const p of processes) {
		for (const reason of REJECT_REASONS) rejected[reason] += Number(p.rejected[reason]) || 0;
		lastAuthorization = latest(lastAuthorization, p.lastPush?.authorization);
		lastMessage = latest(lastMessage, p.lastPush?.message);
	}

	// Accounts: the known list plus those with a health record (a disconnected account has left the
	// known list but must still show up).
	const appIds = new Set<string>();
	for (const key of await list(KEYS.knownPrefix)) appIds.add(key.slice(KEYS.knownPrefix.length));
	for (const key of await list(HEALTH_KEYS.accountPrefix))
		appIds.add(key.slice(HEALTH_KEYS.accountPrefix.length));
	const accounts: AccountStatus[] = [];
	for (const appId of [...appIds].sort()) {
		const health = lenient<HealthRecord>(
			HEALTH_KEYS.account(appId),
			await read(HEALTH_KEYS.account(appId)),
		);
		// Only accounts with a health record can need attention: the rest are read only when asked.
		if (!health && !o.includeAccounts) continue;
		const known = lenient<KnownAuthorizer>(KEYS.known(appId), await read(KEYS.known(appId)));
		const tokens = o.includeAccounts
			? lenient<AuthorizerRecord>(KEYS.authorizer(appId), await read(KEYS.authorizer(appId)))
			: undefined;
		accounts.push(accountStatus(o.componentAppId, appId, known, tokens, health));
	}
	const accountsNeedingAttention = accounts.filter((a) => a.needsAttention).length;

	const reasons: string[] = [];
	if (storeError) reasons.push(`the ${o.storeKind} store does not answer: ${storeError}`);
	const ticketAge = ticket ? Math.floor((now - ticket.savedAt) / 60_000) : null;
	if (ticketAge === null) {
		if (!storeError)
			reasons.push(
				'no component_verify_ticket has been received: check the authorization URL in the Open Platform console and that the trigger is active',
			);
	} else if (ticketAge > maxAge) {
		reasons.push(
			`the last component_verify_ticket arrived ${ticketAge} minutes ago (WeChat pushes one every 10 minutes): check that WeChat can reach the authorization URL`,
		);
	}
	const platformError = component?.lastError;
	if (platformError && Object.hasOwn(PLATFORM_ATTENTION, platformError.errcode)) {
		// A later successful token refresh shows the cause was fixed.
		const fixedSince = token !== undefined && fetchedAt(token) > platformError.at;
		if (!fixedSince) reasons.push(PLATFORM_ATTENTION[platformError.errcode]);
	}
	if (accountsNeedingAttention > 0)
		reasons.push(`${accountsNeedingAttention} authorized account(s) need attention`);

	const platform: PlatformStatus = {
		type: 'platform',
		componentAppId: o.componentAppId,
		checkedAt: new Date(now).toISOString(),
		needsAttention: reasons.length > 0,
		attentionReasons: reasons,
		storeKind: o.storeKind,
		storeAnswers: storeError === undefined,
		storeLatencyMs,
		...(storeError ? { storeError } : {}),
		ticketReceivedAt: iso(ticket?.savedAt),
		ticketAgeMinutes: ticketAge,
		componentTokenExpiresAt: iso(token?.expiresAt),
		lastAuthorizationPushAt: iso(lastAuthorization),
		lastMessagePushAt: iso(lastMessage),
		rejected,
		rejectedByProcess: processes
			.sort((a, b) => a.startedAt - b.startedAt)
			.map((p) => ({
				process: p.process,
				startedAt: new Date(p.startedAt).toISOString(),
				updatedAt: new Date(p.updatedAt).toISOString(),
				rejected: { ...emptyCounts(), ...p.rejected },
			})),
		lastError: errorView(platformError),
		accountsNeedingAttention,
	};
	return { platform, accounts: o.includeAccounts ? accounts : [] };
}

function accountStatus(
	componentAppId: string,
	appId: string,
	known: KnownAuthorizer | undefined,
	tokens: AuthorizerRecord | undefined,
	health: HealthRecord | undefined,
): AccountStatus {
	const authorizedAtMs = known?.authorizedAt ? Date.parse(known.authorizedAt) : NaN;
	const error = health?.lastError;
	// A new authorization (authorized / updateauthorized, or the onboarding page) settles what
	// happened before it.
	const since = (at: number | undefined) =>
		at !== undefined && !(Number.isFinite(authorizedAtMs) && authorizedAtMs >= at);
	let reason: string | null = null;
	if (health?.disconnectedAt !== undefined && since(health.disconnectedAt) && !known) {
		reason = ACCOUNT_ATTENTION[61003];
	} else if (error && Object.hasOwn(ACCOUNT_ATTENTION, error.errcode) && since(error.at)) {
		reason = ACCOUNT_ATTENTION[error.errcode];
	}
	// Records written before `issuedAt` existed fall back to their last write.
	const refreshedAt = tokens?.accessToken ? (tokens.issuedAt ?? tokens.updatedAt) : undefined;
	let lastRefreshResult: AccountStatus['lastRefreshResult'] = refreshedAt ? 'ok' : null;
	if (error?.duringRefresh && (refreshedAt === undefined || error.at > refreshedAt))
		lastRefreshResult = 'failed';
	return {
		type: 'account',
		componentAppId,
		authorizerAppId: appId,
		nickName: known?.nickName ?? null,
		userName: known?.userName ?? null,
		authorizedAt: known?.authorizedAt ?? null,
		accessTokenExpiresAt: iso(tokens?.accessToken ? tokens.expiresAt : undefined),
		lastRefreshAt: iso(refreshedAt),
		lastRefreshResult,
		lastError: errorView(error),
		disconnectedAt: iso(health?.disconnectedAt),
		needsAttention: reason !== null,
		attentionReason: reason,
	};
}

function latest(a: number | undefined, b: number | undefined): number | undefined {
	if (typeof b !== 'number') return a;
	return a === undefined || b > a ? b : a;
}

/**
 * When the stored component token was fetched. Its lifetime is not stored; WeChat's is 7200 s, and
 * a shorter one only makes this earlier (a platform error then stays reported a little longer).
 */
function fetchedAt(token: AccessTokenRecord): number {
	return token.expiresAt - COMPONENT_TOKEN_LIFETIME_MS;
}

const COMPONENT_TOKEN_LIFETIME_MS = 7200_000;
