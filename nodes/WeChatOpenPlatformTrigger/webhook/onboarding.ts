import type { IWebhookResponseData } from 'n8n-workflow';

import { AuthorizationRefusedError } from '../../../core/authorization';
import { authorizedPage, authorizePage, errorPage, receivedPage } from '../pages';
import {
	allowedAccount,
	exchangeOnce,
	isAuthCode,
	type ExchangeResult,
} from './authorizationEvent';
import { authorizerSummary } from './authorizer';
import { forgetPreAuthCodes, preAuthCodeFor } from './preAuthCode';
import { HTML, queryString, respond } from './http';
import { errorText, type HandlerEnv } from './types';

const MOBILE_AGENT = /Mobile|Android|iPhone|iPad|MicroMessenger/i;

/**
 * The return address WeChat sends the merchant to. n8n only tells a node the URL of its first
 * webhook (POST …/authorization); the return page sits next to it.
 */
export function authorizedUrl(env: HandlerEnv): string {
	const first = env.context.getNodeWebhookUrl('default');
	if (!first) throw new Error('The webhook URL of this trigger is not known');
	return first.replace(/\/authorization\/?$/, '/authorized');
}

/**
 * GET …/authorize: a landing page on this n8n's domain. WeChat only opens its authorization page
 * when the browser comes from the platform's registered authorization-initiating domain
 * (it checks the Referer), so the merchant clicks through from here instead of getting a bare
 * link. Visitors share one pre-auth code while it is valid (see preAuthCodeFor).
 */
export async function serveAuthorizePage(env: HandlerEnv): Promise<IWebhookResponseData> {
	const { context, platform, settings } = env;
	try {
		const redirectUri = authorizedUrl(env);
		const preAuthCode = await preAuthCodeFor(env);
		const common = {
			preAuthCode,
			redirectUri,
			authType: Number(settings.authType),
			bizAppId: settings.bizAppId || undefined,
		};
		const userAgent = String(context.getHeaderData()['user-agent'] ?? '');
		return respond(
			context,
			200,
			authorizePage({
				pcUrl: platform.buildAuthorizationUrl({ ...common, mobile: false }),
				mobileUrl: platform.buildAuthorizationUrl({ ...common, mobile: true }),
				mobileFirst: MOBILE_AGENT.test(userAgent),
				platformName: settings.platformName,
			}),
			HTML,
		);
	} catch (error) {
		// The detail (WeChat's errmsg, a missing ticket, the IP whitelist…) is for the log only.
		context.logger.error(
			`WeChat Open Platform Trigger: could not prepare the authorization page (${errorText(error)})`,
		);
		return respond(
			context,
			503,
			errorPage(
				'Authorization is not available right now',
				'Please try again later, or contact the platform.',
			),
			HTML,
		);
	}
}

// ---------------------------------------------------------------- return page

/** Exchanges started by the public return page, per process: a fixed window. */
const pageExchanges = { windowStart: 0, count: 0 };
export const PAGE_EXCHANGES_PER_MINUTE = 20;

function pageExchangeAllowed(nowMs: number): boolean {
	if (nowMs - pageExchanges.windowStart >= 60_000 || nowMs < pageExchanges.windowStart) {
		pageExchanges.windowStart = nowMs;
		pageExchanges.count = 0;
	}
	if (pageExchanges.count >= PAGE_EXCHANGES_PER_MINUTE) return false;
	pageExchanges.count++;
	return true;
}

const notCompleted = (env: HandlerEnv, status: number, message: string): IWebhookResponseData =>
	respond(env.context, status, errorPage('Authorization not completed', message), HTML);

/**
 * GET …/authorized?auth_code=…: exchanges the code (unless the authorization push already did),
 * stores the account and thanks the merchant. Starts no execution: the `authorized` push
 * arriving at the authorization event URL is the one event workflows get, so an authorization
 * never produces two items. The page is public: a code not of WeChat's shape is refused without
 * asking WeChat, nothing is written before WeChat accepts a code, and a code is sent to WeChat
 * at most once.
 */
export async function serveAuthorizedPage(env: HandlerEnv): Promise<IWebhookResponseData> {
	const { context, platform, settings } = env;
	const code = queryString(context.getQueryData(), 'auth_code');
	if (code === undefined || !isAuthCode(code)) {
		return notCompleted(
			env,
			400,
			'This page needs the authorization code WeChat adds when it sends you back here.',
		);
	}
	if (!settings.exchangeAuthorizationCode) {
		// The workflow exchanges the code from the authorization push; nothing to do here.
		return respond(context, 200, receivedPage(), HTML);
	}
	let result: ExchangeResult;
	try {
		if (!pageExchangeAllowed(env.nowMs)) {
			context.logger.warn(
				'WeChat Open Platform Trigger: too many authorization codes on the return page this minute; the authorization push still completes them',
			);
			return notCompleted(env, 429, 'Too many requests. Please reload this page in a minute.');
		}
		result = await exchangeOnce(env, code, allowedAccount(env));
	} catch (error) {
		if (error instanceof AuthorizationRefusedError) {
			context.logger.warn(
				`WeChat Open Platform Trigger: refused the authorization of ${error.appId}: the trigger is restricted to ${settings.bizAppId}`,
			);
			return notCompleted(
				env,
				403,
				'This platform does not accept the authorization of this account.',
			);
		}
		context.logger.error(
			`WeChat Open Platform Trigger: exchanging an authorization code failed (${errorText(error)})`,
		);
		return notCompleted(
			env,
			400,
			'WeChat did not confirm this authorization. Please start again from the authorization page.',
		);
	}
	forgetPreAuthCodes(platform.componentAppId);
	if (!result.exchanged) {
		// Exchanged before (by the authorization push, or an earlier visit): WeChat accepted it then.
		return respond(context, 200, authorizedPage({ appId: result.appId }), HTML);
	}
	const appId = result.details.authorization.authorizer_appid;
	let summary: Record<string, unknown> = { appId };
	try {
		// The exchange already asked WeChat for the account's names unless that failed.
		summary = authorizerSummary(
			appId,
			result.details.authorizerInfo ?? (await platform.getAuthorizerInfo(appId)),
		);
	} catch (error) {
		context.logger.warn(
			`WeChat Open Platform Trigger: could not read the new account's name (${errorText(error)})`,
		);
	}
	return respond(
		context,
		200,
		authorizedPage({
			appId,
			nickName: typeof summary.nickName === 'string' ? summary.nickName : undefined,
			userName: typeof summary.userName === 'string' ? summary.userName : undefined,
		}),
		HTML,
	);
}
