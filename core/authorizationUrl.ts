/**
 * The merchant's authorization page (the pre-auth-code link of
 * https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Before_Develop/Authorization_Process_Technical_Description.html):
 * the PC QR page or the H5 page opened inside WeChat.
 */
export interface AuthorizationUrlOptions {
	preAuthCode: string;
	redirectUri: string;
	/** 1 Official Accounts, 2 Mini Programs, 3 both (default). */
	authType?: number;
	/** Restrict the page to one account (wins over authType). */
	bizAppId?: string;
	categoryIdList?: Array<number | string>;
	/** The H5 page for a phone (opened inside WeChat) instead of the PC QR page. */
	mobile?: boolean;
}

const PC_AUTH_PAGE = 'https://mp.weixin.qq.com/cgi-bin/componentloginpage';
const MOBILE_AUTH_PAGE = 'https://open.weixin.qq.com/wxaopen/safe/bindcomponent';

/**
 * WeChat's authorization pages are not on the API host, so a forward proxy in `apiBaseUrl` does not
 * move them. A loopback `apiBaseUrl` is the local simulator, which serves the same pages on the same
 * paths: sending merchants there lets onboarding be tried end to end without WeChat.
 */
function authorizationPage(apiBaseUrl: string, officialPage: string): string {
	let api: URL;
	try {
		api = new URL(apiBaseUrl);
	} catch {
		return officialPage;
	}
	const loopback =
		['localhost', '127.0.0.1', '[::1]'].includes(api.hostname) || api.hostname.startsWith('127.');
	return loopback ? `${api.origin}${new URL(officialPage).pathname}` : officialPage;
}

export function buildAuthorizationUrl(
	componentAppId: string,
	apiBaseUrl: string,
	o: AuthorizationUrlOptions,
): string {
	const params = new URLSearchParams();
	if (o.mobile) {
		params.set('action', 'bindcomponent');
		params.set('no_scan', '1');
	}
	params.set('component_appid', componentAppId);
	params.set('pre_auth_code', o.preAuthCode);
	params.set('redirect_uri', o.redirectUri);
	params.set('auth_type', String(o.authType ?? 3));
	if (o.bizAppId) params.set('biz_appid', o.bizAppId);
	if (o.categoryIdList?.length) params.set('category_id_list', o.categoryIdList.join('|'));
	const page = authorizationPage(apiBaseUrl, o.mobile ? MOBILE_AUTH_PAGE : PC_AUTH_PAGE);
	return o.mobile ? `${page}?${params.toString()}#wechat_redirect` : `${page}?${params.toString()}`;
}
