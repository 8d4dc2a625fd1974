/**
 * Mini-program users as WeChat knows them: the one-use `js_code` that `wx.login` gives the mini
 * program (5 minutes), each user's current `session_key`, and the one-use phone-number codes of
 * `getPhoneNumber` buttons (5 minutes). Kept beside SimState (one per simulator), not in it.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
 */
import { createCipheriv, randomBytes } from 'node:crypto';

import type { SimState } from './state';
import { randomToken } from './state';

export const JS_CODE_TTL_MS = 5 * 60_000;
export const PHONE_CODE_TTL_MS = 5 * 60_000;

interface IssuedCode {
	appId: string;
	expiresAt: number;
	used: boolean;
}

export interface MiniProgramUsers {
	jsCodes: Map<string, IssuedCode & { openid: string; unionid?: string }>;
	/** `<appId>:<openid>` → the user's current session_key (base64 of 16 bytes). */
	sessionKeys: Map<string, string>;
	phoneCodes: Map<string, IssuedCode & { phoneNumber: string; countryCode: string }>;
}

const ALL = new WeakMap<SimState, MiniProgramUsers>();

export function miniProgramUsers(state: SimState): MiniProgramUsers {
	let users = ALL.get(state);
	if (!users) {
		users = { jsCodes: new Map(), sessionKeys: new Map(), phoneCodes: new Map() };
		ALL.set(state, users);
	}
	return users;
}

/**
 * What `wx.login` does in the mini program: a code for the user. WeChat may renew the session key
 * on login; here every login does, so a test can see that an older key stops decrypting.
 */
export function issueJsCode(
	state: SimState,
	appId: string,
	openid: string,
	o: { unionid?: string } = {},
): string {
	state.requireAuthorizer(appId);
	const code = randomToken('', 24);
	miniProgramUsers(state).jsCodes.set(code, {
		appId,
		openid,
		unionid: o.unionid,
		expiresAt: state.clock.now() + JS_CODE_TTL_MS,
		used: false,
	});
	miniProgramUsers(state).sessionKeys.set(`${appId}:${openid}`, randomBytes(16).toString('base64'));
	return code;
}

/** A code from a `getPhoneNumber` button for `phoneNumber` (digits, without the country code). */
export function issuePhoneCode(
	state: SimState,
	appId: string,
	phoneNumber: string,
	countryCode = '86',
): string {
	state.requireAuthorizer(appId);
	const code = randomToken('', 32);
	miniProgramUsers(state).phoneCodes.set(code, {
		appId,
		phoneNumber,
		countryCode,
		expiresAt: state.clock.now() + PHONE_CODE_TTL_MS,
		used: false,
	});
	return code;
}

/**
 * What the mini program receives from `wx.getUserInfo`-style APIs: `data` plus a watermark,
 * encrypted with the user's current session key (WeChat's open-data format).
 */
export function encryptUserData(
	state: SimState,
	appId: string,
	openid: string,
	data: Record<string, unknown>,
): { encryptedData: string; iv: string } {
	const key = miniProgramUsers(state).sessionKeys.get(`${appId}:${openid}`);
	if (!key)
		throw new Error(`no session for ${openid} of ${appId}: issue a js_code and exchange it`);
	const iv = randomBytes(16);
	const plaintext = JSON.stringify({
		...data,
		watermark: { timestamp: state.clock.seconds(), appid: appId },
	});
	const cipher = createCipheriv('aes-128-cbc', Buffer.from(key, 'base64'), iv);
	const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return { encryptedData: encrypted.toString('base64'), iv: iv.toString('base64') };
}

/** Marks a code used, or says why it cannot be (40029 unknown/expired/other app, 40163 used). */
export function takeCode<C extends IssuedCode>(
	state: SimState,
	codes: Map<string, C>,
	code: unknown,
	appId: string,
): C | number {
	const entry = typeof code === 'string' ? codes.get(code) : undefined;
	if (!entry || entry.appId !== appId || state.clock.now() >= entry.expiresAt) return 40029;
	if (entry.used) return 40163;
	entry.used = true;
	return entry;
}
