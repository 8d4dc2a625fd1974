import { createHash, randomBytes } from 'node:crypto';

import { WeChatPlatformError } from './api/errors';

/**
 * JS-SDK permission signature (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html,
 * appendix 1): sha1 of `jsapi_ticket=…&noncestr=…&timestamp=…&url=…`, the four fields in this
 * order, values as they are (not URL-encoded), and the page URL without its `#` fragment.
 */
export function jsSdkSignature(o: {
	ticket: string;
	nonceStr: string;
	timestamp: number | string;
	url: string;
}): string {
	const plain = `jsapi_ticket=${o.ticket}&noncestr=${o.nonceStr}&timestamp=${o.timestamp}&url=${o.url}`;
	return createHash('sha1').update(plain, 'utf8').digest('hex');
}

/** The page URL as WeChat signs it: everything before `#`; only http(s) pages can use the JS-SDK. */
export function jsSdkPageUrl(url: string): string {
	const page = url.trim().split('#', 1)[0];
	if (!/^https?:\/\/[^\s/?#]+/i.test(page)) {
		throw new WeChatPlatformError(
			'INVALID_URL',
			`"${page.slice(0, 200)}" is not the http(s) URL of a web page`,
			'pass the full URL of the page that calls wx.config (location.href.split("#")[0] in the page), e.g. https://shop.example.com/pay?id=1',
		);
	}
	return page;
}

export interface JsSdkConfig {
	appId: string;
	timestamp: number;
	nonceStr: string;
	signature: string;
	/** The URL that was signed (fragment removed), for checking against the page's own. */
	url: string;
}

/** What wx.config needs besides jsApiList, for `ticket` and the page `url`. */
export function buildJsSdkConfig(o: {
	appId: string;
	ticket: string;
	url: string;
	nonceStr?: string;
	timestamp?: number;
}): JsSdkConfig {
	const url = jsSdkPageUrl(o.url);
	const nonceStr = o.nonceStr || randomBytes(12).toString('base64url');
	const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
	return {
		appId: o.appId,
		timestamp,
		nonceStr,
		signature: jsSdkSignature({ ticket: o.ticket, nonceStr, timestamp, url }),
		url,
	};
}
