import { WeChatPlatformError } from '../../core/api/errors';
import { buildJsSdkConfig, jsSdkPageUrl, jsSdkSignature } from '../../core/jsSdk';

/** WeChat's worked example (JS-SDK documentation, appendix 1: JS-SDK 使用权限签名算法). */
const PUBLISHED = {
	ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
	nonceStr: 'Wm3WZYTPz0wzccnW',
	timestamp: 1414587457,
	url: 'http://mp.weixin.qq.com?params=value',
	signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
};

test("WeChat's published example signs to its published signature", () => {
	expect(jsSdkSignature(PUBLISHED)).toBe(PUBLISHED.signature);
});

test('the config signs the URL without its #fragment and keeps given nonce and timestamp', () => {
	const config = buildJsSdkConfig({
		appId: 'wx00000000c0ffee01',
		ticket: PUBLISHED.ticket,
		url: `${PUBLISHED.url}#/checkout?step=2`,
		nonceStr: PUBLISHED.nonceStr,
		timestamp: PUBLISHED.timestamp,
	});
	expect(config).toEqual({
		appId: 'wx00000000c0ffee01',
		timestamp: PUBLISHED.timestamp,
		nonceStr: PUBLISHED.nonceStr,
		signature: PUBLISHED.signature,
		url: PUBLISHED.url,
	});
});

test('a fresh nonce and the current time when none are given', () => {
	const before = Math.floor(Date.now() / 1000);
	const a = buildJsSdkConfig({
		appId: 'wx00000000c0ffee01',
		ticket: 't',
		url: 'https://a.example/',
	});
	const b = buildJsSdkConfig({
		appId: 'wx00000000c0ffee01',
		ticket: 't',
		url: 'https://a.example/',
	});
	expect(a.nonceStr).not.toBe(b.nonceStr);
	expect(a.nonceStr).toMatch(/^[A-Za-z0-9_-]{16}$/);
	expect(a.timestamp).toBeGreaterThanOrEqual(before);
	expect(a.signature).toBe(jsSdkSignature({ ticket: 't', ...a }));
});

test.each([
	'',
	'shop.example.com/pay',
	'javascript:alert(1)',
	'#only-a-fragment',
	'ftp://x.example/',
])('%j is not a page URL (typed error with a hint)', (url) => {
	let caught: unknown;
	try {
		jsSdkPageUrl(url);
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(WeChatPlatformError);
	expect((caught as WeChatPlatformError).code).toBe('INVALID_URL');
	expect((caught as WeChatPlatformError).hint).toMatch(/location\.href/);
});
