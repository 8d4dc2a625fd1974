import type { ApiRequest } from './api/types';

/**
 * Web page authorization on behalf of an Official Account
 * (https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Before_Develop/official_account_website_authorization.html):
 * the authorize URL and the requests of its three steps. The platform sends them (WeChatPlatform).
 */
const OAUTH_PAGE = 'https://open.weixin.qq.com/connect/oauth2/authorize';

export interface OAuthUrlOptions {
	appId: string;
	redirectUri: string;
	scope: 'snsapi_base' | 'snsapi_userinfo' | string;
	state?: string;
}

export interface OAuthToken {
	access_token: string;
	expires_in: number;
	refresh_token: string;
	openid: string;
	scope: string;
}

export function buildOAuthUrl(componentAppId: string, o: OAuthUrlOptions): string {
	// WeChat checks the parameter order of this URL.
	const params = new URLSearchParams();
	params.set('appid', o.appId);
	params.set('redirect_uri', o.redirectUri);
	params.set('response_type', 'code');
	params.set('scope', o.scope);
	params.set('state', o.state ?? '');
	params.set('component_appid', componentAppId);
	return `${OAUTH_PAGE}?${params.toString()}#wechat_redirect`;
}

/** Sent with the component_access_token. */
export function oauthCodeRequest(componentAppId: string, appId: string, code: string): ApiRequest {
	return {
		method: 'GET',
		path: '/sns/oauth2/component/access_token',
		query: {
			appid: appId,
			code,
			grant_type: 'authorization_code',
			component_appid: componentAppId,
		},
	};
}

/** Sent with the component_access_token. */
export function oauthRefreshRequest(
	componentAppId: string,
	appId: string,
	refreshToken: string,
): ApiRequest {
	return {
		method: 'GET',
		path: '/sns/oauth2/component/refresh_token',
		query: {
			appid: appId,
			grant_type: 'refresh_token',
			component_appid: componentAppId,
			refresh_token: refreshToken,
		},
	};
}

/** Carries the user's own token, so it is sent as it is (no refresh or retry on token errors). */
export function oauthUserInfoRequest(
	accessToken: string,
	openid: string,
	lang: string,
): ApiRequest {
	return {
		method: 'GET',
		path: '/sns/userinfo',
		query: { access_token: accessToken, openid, lang },
	};
}
