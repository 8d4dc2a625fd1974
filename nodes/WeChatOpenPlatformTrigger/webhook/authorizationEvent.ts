import { createHash } from 'node:crypto';

import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import type { AuthorizationDetails, AuthorizerInfo } from '../../../core/authorization';
import type { XmlObject } from '../../../core/xml';
import { accountAllowed, authorizationEventAllowed } from '../filters';
import { authorizerSummary } from './authorizer';
import { accountPush, type AccountPush } from './fastRegistration';
import { acknowledge, acknowledgeAndStart } from './http';
import { forgetPreAuthCodes } from './preAuthCode';
import { dedupeTtlMs, errorText, str, type HandlerEnv } from './types';
import type { VerifiedPush } from './verify';

/** How long an exchanged authorization code is remembered (WeChat: valid 10 minutes). */
export const AUTH_CODE_MEMORY_MS = 15 * 60_000;

/**
 * The shape of WeChat's authorization codes (`queryauthcode@@@` + a base64-like run, as the
 * redirect's `auth_code`, the `authorized` push and the release test's QUERY_AUTH_CODE show).
 * Anything else is refused without asking WeChat.
 */
const AUTH_CODE = /^queryauthcode@@@[A-Za-z0-9_\-+/=.]{8,256}$/;

export function isAuthCode(code: string): boolean {
	return AUTH_CODE.test(code);
}

/** Hashed, so that the store never holds a usable code. */
export const authCodeKey = (code: string): string =>
	`trigger:authcode:${createHash('sha256').update(code).digest('hex')}`;

/** Exchanges running in this process, by code: a second caller waits for the first. */
const inFlight = new Map<string, Promise<AuthorizationDetails>>();

/**
 * Codes WeChat refused in this process (in memory: a refused code must cost neither a store write
 * nor a second request to WeChat). Bounded; forgotten after AUTH_CODE_MEMORY_MS.
 */
const refused = new Map<string, { at: number; error: unknown }>();
const MAX_REFUSED = 1000;

function refusedBefore(code: string, nowMs: number): unknown {
	const entry = refused.get(code);
	if (entry === undefined) return undefined;
	if (nowMs - entry.at > AUTH_CODE_MEMORY_MS || nowMs < entry.at) {
		refused.delete(code);
		return undefined;
	}
	return entry.error;
}

function rememberRefused(code: string, error: unknown, nowMs: number): void {
	if (refused.size >= MAX_REFUSED) refused.delete(refused.keys().next().value as string);
	refused.set(code, { at: nowMs, error });
}

/** The AppID a code was exchanged for, when this platform exchanged it (store read only). */
async function exchangedFor(env: HandlerEnv, code: string): Promise<string | undefined> {
	try {
		return await env.platform.nodeState.get(authCodeKey(code));
	} catch (error) {
		env.context.logger.warn(
			`WeChat Open Platform Trigger: could not look up an authorization code (${errorText(error)})`,
		);
		return undefined;
	}
}

export type ExchangeResult =
	| { exchanged: true; details: AuthorizationDetails }
	/** Someone here (the push handler or the /authorized page) exchanged it before. */
	| { exchanged: false; appId: string };

/**
 * Exchanges an authorization code at most once, whoever sees it first: the push handler or the
 * /authorized return page. Nothing is written before WeChat accepts the code; then the code is
 * remembered (hashed) with the account's AppID. A code WeChat refused is not sent again. Throws
 * when WeChat refuses the code, or when `acceptAppId` turns the account down (nothing stored).
 */
export async function exchangeOnce(
	env: HandlerEnv,
	code: string,
	acceptAppId?: (appId: string) => boolean,
): Promise<ExchangeResult> {
	const running = inFlight.get(code);
	if (running !== undefined) {
		const details = await running;
		return { exchanged: false, appId: details.authorization.authorizer_appid };
	}
	const known = await exchangedFor(env, code);
	if (known !== undefined) return { exchanged: false, appId: known };
	const previousError = refusedBefore(code, env.nowMs);
	if (previousError !== undefined) throw previousError;

	const work = (async () => {
		const details = await env.platform.queryAuthDetailed(code, { acceptAppId });
		try {
			await env.platform.nodeState.set(
				authCodeKey(code),
				details.authorization.authorizer_appid,
				AUTH_CODE_MEMORY_MS,
			);
		} catch (error) {
			env.context.logger.warn(
				`WeChat Open Platform Trigger: could not record an exchanged authorization code (${errorText(error)})`,
			);
		}
		return details;
	})();
	inFlight.set(code, work);
	const settled = await work.then(
		(details) => ({ ok: true as const, details }),
		(error: unknown) => ({ ok: false as const, error }),
	);
	inFlight.delete(code);
	if (settled.ok) return { exchanged: true, details: settled.details };
	// Another process may have exchanged it a moment earlier (WeChat codes are single-use).
	const other = await exchangedFor(env, code);
	if (other !== undefined) return { exchanged: false, appId: other };
	rememberRefused(code, settled.error, env.nowMs);
	throw settled.error;
}

/** The Biz AppID restriction, when the trigger has one: other accounts' codes are not exchanged. */
export function allowedAccount(env: HandlerEnv): ((appId: string) => boolean) | undefined {
	const only = env.settings.bizAppId;
	return only === '' ? undefined : (appId) => appId === only;
}

async function handleTicket(env: HandlerEnv, fields: XmlObject): Promise<IWebhookResponseData> {
	try {
		await env.platform.saveTicket(str(fields, 'ComponentVerifyTicket'), str(fields, 'CreateTime'));
	} catch (error) {
		// WeChat pushes a new ticket every 10 minutes and the last good one stays valid for 12 h:
		// a store hiccup is logged, and WeChat still gets its "success".
		env.context.logger.error(
			`WeChat Open Platform Trigger: could not store the component verify ticket (${errorText(error)})`,
		);
	}
	return acknowledge(env.context);
}

interface Recorded {
	/** Merged into the item. */
	outcome: IDataObject;
	/** What the exchange already fetched about the account, so that the item needs no second request. */
	authorizerInfo?: AuthorizerInfo;
}

/**
 * Platform bookkeeping that happens whatever the filters say: tokens of a new or updated
 * authorization (or of a mini program fast registration created) are fetched at once, tokens of a
 * revoked one are forgotten.
 */
async function record(env: HandlerEnv, infoType: string, account: AccountPush): Promise<Recorded> {
	const { appId, code } = account;
	const outcome: IDataObject = {};
	if (account.authorizes && code !== '') {
		if (!env.settings.exchangeAuthorizationCode) return { outcome };
		const accept = allowedAccount(env);
		if (accept !== undefined && !accept(appId)) {
			outcome.authorizationExchanged = false;
			outcome.restricted = true;
			outcome.error = 'Not exchanged: this trigger is restricted to another account (Biz AppID)';
			return { outcome };
		}
		try {
			const result = await exchangeOnce(env, code, accept);
			// WeChat may take the pre-auth code used for this authorization as spent.
			forgetPreAuthCodes(env.platform.componentAppId);
			outcome.authorizationExchanged = true;
			if (!result.exchanged) outcome.exchangedBy = 'authorized page';
			return {
				outcome,
				authorizerInfo: result.exchanged ? result.details.authorizerInfo : undefined,
			};
		} catch (error) {
			outcome.authorizationExchanged = false;
			outcome.error = errorText(error);
			env.context.logger.error(
				`WeChat Open Platform Trigger: exchanging the authorization code of ${appId} failed (${errorText(error)})`,
			);
		}
	} else if (infoType === 'unauthorized' && appId !== '') {
		try {
			await env.platform.forgetAuthorizer(appId);
		} catch (error) {
			outcome.error = errorText(error);
			env.context.logger.error(
				`WeChat Open Platform Trigger: could not forget the tokens of ${appId} (${errorText(error)})`,
			);
		}
	}
	return { outcome };
}

/** The CreateTime of the newest authorization change applied per account; kept for 30 days. */
const latestKey = (appId: string): string => `trigger:authlatest:${appId}`;
const LATEST_MEMORY_MS = 30 * 24 * 3600_000;

/**
 * False when a newer authorization change of the account was applied already: WeChat's retry of
 * an old `unauthorized` after the merchant authorized again must not delete the new tokens.
 * Otherwise records this event's CreateTime as the newest (same second counts as newer).
 */
async function isNewest(env: HandlerEnv, appId: string, createTime: string): Promise<boolean> {
	const time = Number(createTime);
	if (!/^[0-9]{1,12}$/.test(createTime)) return true;
	const store = env.platform.nodeState;
	const key = latestKey(appId);
	try {
		for (let attempt = 0; attempt < 5; attempt++) {
			const current = await store.get(key);
			if (current !== undefined && Number(current) > time) return false;
			if (current === createTime) return true;
			if (await store.compareAndSet(key, current, createTime, LATEST_MEMORY_MS)) return true;
		}
	} catch (error) {
		env.context.logger.warn(
			`WeChat Open Platform Trigger: could not compare authorization events (${errorText(error)})`,
		);
	}
	return true;
}

export async function handleAuthorizationEvent(
	env: HandlerEnv,
	push: VerifiedPush,
): Promise<IWebhookResponseData> {
	const { fields } = push;
	const infoType = str(fields, 'InfoType');
	if (infoType === 'component_verify_ticket') return await handleTicket(env, fields);

	// Dedupe before any side effect: a retried push decrypts to the same plaintext, two different
	// notifications never do.
	const key = `trigger:auth:${createHash('sha256').update(push.plaintext).digest('hex')}`;
	try {
		if (!(await env.platform.markSeen(key, dedupeTtlMs(env.settings))))
			return acknowledge(env.context);
	} catch (error) {
		env.context.logger.warn(
			`WeChat Open Platform Trigger: dedupe unavailable (${errorText(error)})`,
		);
	}

	const account = accountPush(infoType, fields);
	const appId = account.appId || undefined;
	if (
		appId !== undefined &&
		(account.authorizes || infoType === 'unauthorized') &&
		!(await isNewest(env, appId, str(fields, 'CreateTime')))
	) {
		env.context.logger.info(
			`WeChat Open Platform Trigger: ignored an "${infoType}" event of ${appId} older than the last one applied`,
		);
		return acknowledge(env.context);
	}

	const { outcome, authorizerInfo } = await record(env, infoType, account);
	const restricted = outcome.restricted === true;
	delete outcome.restricted;

	const { filters } = env.settings;
	if (!authorizationEventAllowed(filters, infoType)) return acknowledge(env.context);
	if (appId !== undefined && !accountAllowed(filters, appId)) return acknowledge(env.context);

	const item: IDataObject = { ...fields, ...outcome };
	// A spent code in the item would only invite a failing second use.
	if (outcome.authorizationExchanged === true) {
		delete item.AuthorizationCode;
		delete item.auth_code;
	}
	if (appId !== undefined) {
		item.authorizerAppId = appId;
		if (restricted) {
			// Nothing of another account is fetched or stored.
			item.authorizer = { appId };
		} else if (account.authorizes) {
			try {
				item.authorizer = authorizerSummary(
					appId,
					authorizerInfo ?? (await env.platform.getAuthorizerInfo(appId)),
				);
			} catch (error) {
				item.authorizer = { appId };
				item.authorizerInfoError = errorText(error);
			}
		}
	}
	item.receivedAt = new Date(env.nowMs).toISOString();
	return acknowledgeAndStart(env.context, [[{ json: item }]]);
}
