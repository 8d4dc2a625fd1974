import { createHash } from 'node:crypto';

import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import type { AuthorizationDetails, AuthorizerInfo } from '../../../core/platform';
import type { XmlObject } from '../../../core/xml';
import { accountAllowed, authorizationEventAllowed } from '../filters';
import { authorizerSummary } from './authorizer';
import { acknowledge, acknowledgeAndStart } from './http';
import { dedupeTtlMs, errorText, str, type HandlerEnv } from './types';
import type { VerifiedPush } from './verify';

/** How long an authorization code is remembered as "exchanged" (WeChat: valid 10 minutes). */
export const AUTH_CODE_MEMORY_MS = 15 * 60_000;

export const authCodeKey = (code: string): string => `trigger:authcode:${code}`;

/**
 * Records that this process is about to exchange `code`: false when the push handler or the
 * /authorized return page already claimed it. A store failure is logged and counts as first.
 */
export async function claimAuthCode(env: HandlerEnv, code: string): Promise<boolean> {
	try {
		return await env.platform.markSeen(authCodeKey(code), AUTH_CODE_MEMORY_MS);
	} catch (error) {
		env.context.logger.warn(
			`WeChat Open Platform Trigger: could not record an authorization code (${errorText(error)})`,
		);
		return true;
	}
}

/**
 * Exchanges an authorization code once, whoever sees it first: the push handler here or the
 * /authorized return page. WeChat codes are single-use, so the second would only get 61009.
 * Undefined when the other one claimed the code.
 */
export async function exchangeOnce(
	env: HandlerEnv,
	code: string,
): Promise<AuthorizationDetails | undefined> {
	if (!(await claimAuthCode(env, code))) return undefined;
	return await env.platform.queryAuthDetailed(code);
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
 * authorization are fetched at once, tokens of a revoked one are forgotten.
 */
async function record(env: HandlerEnv, infoType: string, fields: XmlObject): Promise<Recorded> {
	const appId = str(fields, 'AuthorizerAppid');
	const code = str(fields, 'AuthorizationCode');
	const outcome: IDataObject = {};
	if ((infoType === 'authorized' || infoType === 'updateauthorized') && code !== '') {
		if (!env.settings.exchangeAuthorizationCode) return { outcome };
		try {
			const exchanged = await exchangeOnce(env, code);
			outcome.authorizationExchanged = true;
			if (!exchanged) outcome.exchangedBy = 'authorized page';
			return { outcome, authorizerInfo: exchanged?.authorizerInfo };
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

export async function handleAuthorizationEvent(
	env: HandlerEnv,
	push: VerifiedPush,
): Promise<IWebhookResponseData> {
	const { fields } = push;
	const infoType = str(fields, 'InfoType');
	if (infoType === 'component_verify_ticket') return await handleTicket(env, fields);

	const { outcome, authorizerInfo } = await record(env, infoType, fields);

	const appId = str(fields, 'AuthorizerAppid') || undefined;
	const { filters } = env.settings;
	if (!authorizationEventAllowed(filters, infoType)) return acknowledge(env.context);
	if (appId !== undefined && !accountAllowed(filters, appId)) return acknowledge(env.context);

	// A retried push decrypts to the same plaintext; two different notifications never do.
	const key = `trigger:auth:${createHash('sha1').update(push.plaintext).digest('hex')}`;
	try {
		if (!(await env.platform.markSeen(key, dedupeTtlMs(env.settings))))
			return acknowledge(env.context);
	} catch (error) {
		env.context.logger.warn(
			`WeChat Open Platform Trigger: dedupe unavailable (${errorText(error)})`,
		);
	}

	const item: IDataObject = { ...fields, ...outcome };
	// A spent code in the item would only invite a failing second use.
	if (outcome.authorizationExchanged === true) delete item.AuthorizationCode;
	if (appId !== undefined) {
		item.authorizerAppId = appId;
		if (infoType === 'authorized' || infoType === 'updateauthorized') {
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
