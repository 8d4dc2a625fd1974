import type { IWebhookResponseData } from 'n8n-workflow';

import type { AuthorizationDetails } from '../../../core/platform';
import { authorizedPage, authorizePage, errorPage } from '../pages';
import { claimAuthCode } from './authorizationEvent';
import { authorizerSummary } from './authorizer';
import { HTML, queryString, respond } from './http';
import { errorText, type HandlerEnv } from './types';

const MOBILE_AGENT = /Mobile|Android|iPhone|iPad|MicroMessenger/i;

/** The error's hint when the core gives one (e.g. the IP whitelist), else its message. */
function plainReason(error: unknown): string {
	const hint = (error as { hint?: unknown } | null)?.hint;
	return typeof hint === 'string' && hint !== '' ? hint : errorText(error);
}

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
 * link. Each visit gets a fresh pre-auth code (valid 10 to 30 minutes).
 */
export async function serveAuthorizePage(env: HandlerEnv): Promise<IWebhookResponseData> {
	const { context, platform, settings } = env;
	try {
		const redirectUri = authorizedUrl(env);
		const { preAuthCode } = await platform.createPreAuthCode();
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
			}),
			HTML,
		);
	} catch (error) {
		context.logger.error(
			`WeChat Open Platform Trigger: could not prepare the authorization page (${errorText(error)})`,
		);
		return respond(
			context,
			502,
			errorPage('Authorization is not available right now', plainReason(error)),
			HTML,
		);
	}
}

/**
 * GET …/authorized?auth_code=…: exchanges the code (unless the authorization push already did),
 * stores the account and thanks the merchant. Starts no execution: the `authorized` push
 * arriving at the authorization event URL is the one event workflows get, so an authorization
 * never produces two items.
 */
export async function serveAuthorizedPage(env: HandlerEnv): Promise<IWebhookResponseData> {
	const { context, platform } = env;
	const code = queryString(context.getQueryData(), 'auth_code');
	if (code === undefined || code === '' || code.length > 512) {
		return respond(
			context,
			400,
			errorPage(
				'Authorization not completed',
				'This page needs the auth_code WeChat adds when it sends you back here.',
			),
			HTML,
		);
	}
	const firstToSee = await claimAuthCode(env, code);
	let exchanged: AuthorizationDetails;
	try {
		exchanged = await platform.queryAuthDetailed(code);
	} catch (error) {
		if (!firstToSee) {
			// The authorization push exchanged this single-use code a moment earlier.
			return respond(context, 200, authorizedPage({}), HTML);
		}
		context.logger.error(
			`WeChat Open Platform Trigger: exchanging an authorization code failed (${errorText(error)})`,
		);
		return respond(
			context,
			502,
			errorPage('Authorization not completed', plainReason(error)),
			HTML,
		);
	}
	const appId = exchanged.authorization.authorizer_appid;
	let summary: Record<string, unknown> = { appId };
	try {
		// The exchange already asked WeChat for the account's names unless that failed.
		summary = authorizerSummary(
			appId,
			exchanged.authorizerInfo ?? (await platform.getAuthorizerInfo(appId)),
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
