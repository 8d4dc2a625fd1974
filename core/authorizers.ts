import { unexpectedAnswerError } from './api/errors';
import { withoutTokens } from './api/redact';
import { answerOf, type ApiRequest, type Logger, type WeChatAnswer } from './api/types';
import { accountTypeOf } from './accountType';
import {
	AuthorizationRefusedError,
	type AuthorizationDetails,
	type AuthorizationInfo,
	type AuthorizerInfo,
} from './authorization';
import { text } from './text';
import type { TokenManager } from './tokens/TokenManager';

/**
 * The accounts that authorized this platform, through the component endpoints of the authorization
 * process (https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Before_Develop/Authorization_Process_Technical_Description.html):
 * the pre-auth code, the exchange of an authorization code, an account's names, WeChat's authorizer
 * list and the legacy authorizer options. WeChatPlatform delegates here and is the only caller;
 * what reaches the caller never holds a token.
 */
export interface AuthorizersContext {
	componentAppId: string;
	/** The platform's component request: component token, retry, errors recorded for Get Status. */
	componentRequest: <T>(req: ApiRequest) => Promise<T>;
	tokens: Pick<
		TokenManager,
		'saveAuthorization' | 'rememberAuthorizer' | 'rememberRefreshToken' | 'fetchAuthorizerList'
	>;
	logger?: Logger;
}

export interface QueryAuthOptions {
	/** Called before anything is stored: false leaves the authorization unstored (and throws). */
	acceptAppId?: (appId: string) => boolean;
}

/** One page of api_get_authorizer_list as the caller sees it (refresh tokens stay in the store). */
export interface AuthorizerListPage {
	total_count: number;
	list: Array<{ authorizer_appid: string; auth_time?: number }>;
}

export interface AuthorizerOption {
	authorizer_appid: string;
	option_name: string;
	option_value: string;
}

export async function createPreAuthCode(
	ctx: AuthorizersContext,
): Promise<{ preAuthCode: string; expiresIn: number }> {
	const response = await ctx.componentRequest<{ pre_auth_code: string; expires_in?: number }>({
		method: 'POST',
		path: '/cgi-bin/component/api_create_preauthcode',
		body: { component_appid: ctx.componentAppId },
	});
	return { preAuthCode: response.pre_auth_code, expiresIn: response.expires_in ?? 600 };
}

/**
 * Exchanges an authorization code: stores the tokens, adds the account to the known list, then
 * (best effort) fetches its names with api_get_authorizer_info, so that a caller that shows the
 * account does not ask WeChat a second time. `authorizerInfo` is absent when that fetch failed
 * (logged); the authorization itself still succeeded. Returns authorization_info without tokens.
 */
export async function queryAuthDetailed(
	ctx: AuthorizersContext,
	authorizationCode: string,
	o: QueryAuthOptions = {},
): Promise<AuthorizationDetails> {
	const response = await ctx.componentRequest<{ authorization_info?: Record<string, unknown> }>({
		method: 'POST',
		path: '/cgi-bin/component/api_query_auth',
		body: { component_appid: ctx.componentAppId, authorization_code: authorizationCode },
	});
	const info = response.authorization_info ?? {};
	const appId = info.authorizer_appid;
	if (typeof appId !== 'string' || !appId)
		throw unexpectedAnswerError('authorizer_appid for this authorization code');
	if (o.acceptAppId && !o.acceptAppId(appId)) throw new AuthorizationRefusedError(appId);
	await ctx.tokens.saveAuthorization(appId, {
		accessToken: str(info.authorizer_access_token),
		expiresIn: typeof info.expires_in === 'number' ? info.expires_in : undefined,
		refreshToken: str(info.authorizer_refresh_token),
	});
	await ctx.tokens.rememberAuthorizer(appId, { authorizedAt: new Date().toISOString() });
	let authorizerInfo: AuthorizerInfo | undefined;
	try {
		authorizerInfo = await getAuthorizerInfo(ctx, appId);
	} catch (error) {
		ctx.logger?.warn?.(`Could not fetch the names of ${appId}: ${(error as Error).message}`);
	}
	return { authorization: withoutTokens(info) as AuthorizationInfo, authorizerInfo };
}

/** api_get_authorizer_info; remembers the names and any refresh token; returns no tokens. */
export async function getAuthorizerInfo(
	ctx: AuthorizersContext,
	appId: string,
): Promise<AuthorizerInfo> {
	const response = await ctx.componentRequest<{
		authorizer_info?: Record<string, unknown>;
		authorization_info?: Record<string, unknown>;
	}>({
		method: 'POST',
		path: '/cgi-bin/component/api_get_authorizer_info',
		body: { component_appid: ctx.componentAppId, authorizer_appid: appId },
	});
	const authorizerInfo = response.authorizer_info ?? {};
	const authorizationInfo = response.authorization_info ?? {};
	await ctx.tokens.rememberRefreshToken(appId, str(authorizationInfo.authorizer_refresh_token));
	await ctx.tokens.rememberAuthorizer(appId, {
		nickName: str(authorizerInfo.nick_name),
		userName: str(authorizerInfo.user_name),
		accountType: accountTypeOf(authorizerInfo),
	});
	return {
		authorizer_info: authorizerInfo,
		authorization_info: withoutTokens(authorizationInfo) as AuthorizationInfo,
	};
}

/** One page of api_get_authorizer_list (count ≤ 500); refresh tokens are stored, not returned. */
export async function getAuthorizerList(
	ctx: AuthorizersContext,
	offset: number,
	count: number,
): Promise<AuthorizerListPage> {
	const page = await ctx.tokens.fetchAuthorizerList(offset, count);
	return {
		total_count: page.total_count,
		list: page.list.map(({ authorizer_appid, auth_time }) => ({ authorizer_appid, auth_time })),
	};
}

export function getAuthorizerOption(
	ctx: AuthorizersContext,
	appId: string,
	name: string,
): Promise<AuthorizerOption> {
	return ctx.componentRequest({
		method: 'POST',
		path: '/cgi-bin/component/api_get_authorizer_option',
		body: { component_appid: ctx.componentAppId, authorizer_appid: appId, option_name: name },
	});
}

export async function setAuthorizerOption(
	ctx: AuthorizersContext,
	appId: string,
	name: string,
	value: string | number,
): Promise<WeChatAnswer> {
	const response = await ctx.componentRequest<{ errcode?: number; errmsg?: string }>({
		method: 'POST',
		path: '/cgi-bin/component/api_set_authorizer_option',
		body: {
			component_appid: ctx.componentAppId,
			authorizer_appid: appId,
			option_name: name,
			option_value: String(value),
		},
	});
	return answerOf(response);
}

const str = (value: unknown): string | undefined => text(value) || undefined;
