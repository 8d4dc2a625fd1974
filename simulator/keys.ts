import { randomBytes, randomInt } from 'node:crypto';
import type { ComponentConfig } from './model';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomChars(n: number, alphabet = ALNUM): string {
	let out = '';
	for (let i = 0; i < n; i++) out += alphabet[randomInt(alphabet.length)];
	return out;
}

/** 43 characters from [A-Za-z0-9], as WeChat's console generates them. */
export function randomEncodingAESKey(): string {
	return randomChars(43);
}

/** `wx` + 16 hex digits, the shape of a real AppID. */
export function randomAppId(): string {
	return `wx${randomBytes(8).toString('hex')}`;
}

/** Fresh component credentials, so tests and local runs never embed secrets in source. */
export function randomComponentConfig(appId = randomAppId()): ComponentConfig {
	return {
		appId,
		appSecret: randomBytes(16).toString('hex'),
		token: randomChars(32),
		encodingAESKey: randomEncodingAESKey(),
	};
}
