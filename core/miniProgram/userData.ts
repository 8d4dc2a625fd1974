import { createDecipheriv } from 'node:crypto';

import { WeChatPlatformError } from '../api/errors';
import { isAppId } from '../appId';

/**
 * Open data of a mini-program user (profile, phone number, share info) as `wx.getUserInfo` and
 * friends hand it to the front end: `encryptedData` and `iv`, decrypted on the server with the
 * user's `session_key` from jscode2session. Algorithm (WeChat, "开放数据校验与解密",
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html):
 * AES-128-CBC, key = base64-decoded session_key, iv = base64-decoded iv, PKCS#7 padding; the
 * plaintext is JSON whose `watermark.appid` must be the mini program's AppID.
 */

/** The codes of WeChat's WXBizDataCrypt demo (errorCode), plus the watermark and JSON checks. */
export const USER_DATA_ERRORS = {
	/** session_key is not base64 of 16 bytes (demo: IllegalAesKey -41001). */
	BAD_SESSION_KEY: -41001,
	/** iv is not base64 of 16 bytes (demo: IllegalIv -41002). */
	BAD_IV: -41002,
	/** Ciphertext, padding or plaintext unusable (demo: IllegalBuffer -41003). */
	BAD_DATA: -41003,
	/** encryptedData is not base64 (demo: DecodeBase64Error -41004). */
	BAD_BASE64: -41004,
} as const;

export type UserDataErrorCode =
	| 'USER_DATA_SESSION_KEY'
	| 'USER_DATA_IV'
	| 'USER_DATA_BASE64'
	| 'USER_DATA_DECRYPT'
	| 'USER_DATA_WATERMARK';

/** The data could not be opened or is not for this mini program. Never carries the key or data. */
export class UserDataError extends WeChatPlatformError {
	/** The code of WeChat's demo (-41001 … -41004). */
	readonly officialCode: number;

	constructor(code: UserDataErrorCode, officialCode: number, message: string, hint: string) {
		super(code, message, hint);
		this.name = 'UserDataError';
		this.officialCode = officialCode;
	}
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 (what WeChat sends; also tolerates the URL-safe alphabet a query string may bring). */
function decodeBase64(value: string): Buffer | undefined {
	const normal = value.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/ /g, '+');
	if (normal === '' || normal.length % 4 !== 0 || !BASE64.test(normal)) return undefined;
	return Buffer.from(normal, 'base64');
}

function stale(message: string): UserDataError {
	return new UserDataError(
		'USER_DATA_DECRYPT',
		USER_DATA_ERRORS.BAD_DATA,
		message,
		'the session key does not belong to this data: get a fresh one with Code to Session right after wx.login in the mini program (a new wx.login replaces the session key), and pass encryptedData and iv unchanged',
	);
}

export interface DecryptUserDataInput {
	sessionKey: string;
	encryptedData: string;
	iv: string;
	/** The mini program the data must be for (its `watermark.appid`). */
	appId: string;
}

/** The decrypted JSON, `watermark` included; throws `UserDataError` for anything else. */
export function decryptUserData(input: DecryptUserDataInput): Record<string, unknown> {
	if (!isAppId(input.appId)) {
		throw new UserDataError(
			'USER_DATA_WATERMARK',
			USER_DATA_ERRORS.BAD_DATA,
			'The mini program AppID to check the data against is not an AppID',
			'give the AppID of the mini program the user data comes from ("wx" + 16 hexadecimal characters)',
		);
	}
	const key = decodeBase64(input.sessionKey);
	if (!key || key.length !== 16) {
		throw new UserDataError(
			'USER_DATA_SESSION_KEY',
			USER_DATA_ERRORS.BAD_SESSION_KEY,
			'The session key is not base64 of 16 bytes',
			'pass the session_key returned by Code to Session (24 characters ending in "==")',
		);
	}
	const iv = decodeBase64(input.iv);
	if (!iv || iv.length !== 16) {
		throw new UserDataError(
			'USER_DATA_IV',
			USER_DATA_ERRORS.BAD_IV,
			'The iv is not base64 of 16 bytes',
			'pass the iv the mini program received together with encryptedData, unchanged',
		);
	}
	const data = decodeBase64(input.encryptedData);
	if (!data) {
		throw new UserDataError(
			'USER_DATA_BASE64',
			USER_DATA_ERRORS.BAD_BASE64,
			'encryptedData is not base64',
			'pass encryptedData as the mini program received it (base64; a "+" turned into a space by a URL is repaired)',
		);
	}
	if (data.length === 0 || data.length % 16 !== 0) {
		throw stale(`encryptedData is ${data.length} bytes, not a whole number of AES blocks`);
	}
	const decipher = createDecipheriv('aes-128-cbc', key, iv);
	decipher.setAutoPadding(false);
	const padded = Buffer.concat([decipher.update(data), decipher.final()]);
	// PKCS#7 checked by hand, every pad byte: a wrong key must not pass as short garbage.
	const pad = padded[padded.length - 1];
	if (pad < 1 || pad > 16 || padded.subarray(padded.length - pad).some((b) => b !== pad)) {
		throw stale('The decrypted data has no valid PKCS#7 padding (wrong session key or iv)');
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(padded.subarray(0, padded.length - pad).toString('utf8'));
	} catch {
		parsed = undefined;
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw stale('The decrypted data is not a JSON object (wrong session key or iv)');
	}
	const result = parsed as Record<string, unknown>;
	const watermark = result.watermark as { appid?: unknown } | undefined;
	const dataAppId = watermark && typeof watermark === 'object' ? watermark.appid : undefined;
	if (dataAppId !== input.appId) {
		throw new UserDataError(
			'USER_DATA_WATERMARK',
			USER_DATA_ERRORS.BAD_DATA,
			`The data is for ${typeof dataAppId === 'string' && isAppId(dataAppId) ? dataAppId : 'another or no mini program'}, not ${input.appId}`,
			'the watermark AppID must be the mini program chosen in the node: data from another mini program (or forged data) is refused',
		);
	}
	return result;
}
