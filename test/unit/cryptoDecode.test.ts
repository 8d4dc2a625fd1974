import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';

import { WeChatCrypto, WeChatCryptoErrorCode } from '../../index';
import { codeOf } from '../helpers/cryptoErrorCode';
import { vector } from '../helpers/vectors';

/**
 * Large non-ASCII messages are decoded by ICU instead of V8 (faster); both must give the string
 * that the UTF-8 bytes mean, on either side of the size threshold.
 */
const KEY = vector('TV2').encodingAESKey;
const APP_ID = 'wx1234567890abcdef';
const crypto = new WeChatCrypto({ token: 't', encodingAESKey: KEY, appId: APP_ID });

/** random || length || message || AppID || PKCS#7, encrypted with node:crypto directly. */
function encryptBytes(message: Buffer, appId = APP_ID): string {
	const header = Buffer.alloc(20, 7);
	header.writeUInt32BE(message.length, 16);
	const data = Buffer.concat([header, message, Buffer.from(appId)]);
	const pad = 32 - (data.length % 32);
	const key = Buffer.from(KEY + '=', 'base64');
	const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
	cipher.setAutoPadding(false);
	return Buffer.concat([
		cipher.update(Buffer.concat([data, Buffer.alloc(pad, pad)])),
		cipher.final(),
	]).toString('base64');
}

describe('decrypted text', () => {
	it('is what the UTF-8 bytes mean, for any text around the size threshold', () => {
		const piece = fc.string({ unit: 'binary', maxLength: 60 });
		const text = fc
			.tuple(
				piece,
				fc.integer({ min: 0, max: 120 }),
				fc.string({ unit: 'binary-ascii', maxLength: 1100 }),
			)
			.map(([unit, times, ascii]) => unit.repeat(times) + ascii + unit);
		fc.assert(
			fc.property(text, (message) => {
				const bytes = Buffer.from(message, 'utf8');
				expect(crypto.decrypt(encryptBytes(bytes))).toBe(bytes.toString('utf8'));
				expect(crypto.decrypt(crypto.encrypt(message))).toBe(bytes.toString('utf8'));
			}),
			{ numRuns: 300 },
		);
	});

	it('keeps a BOM, astral characters and controls in large messages', () => {
		for (const message of [
			'\uFEFF' + '中'.repeat(2000),
			'中'.repeat(1000) + '\uFEFF',
			'😀'.repeat(600) + '\u0000\u0001\u007F\u0080\u07FF\u0800\uFFFF\u{10FFFF}',
			'x'.repeat(5000) + 'é',
			'é' + 'x'.repeat(5000),
			'<xml><Content><![CDATA[' + 'Hello,你好,WeChat!'.repeat(1000) + ']]></Content></xml>',
		]) {
			expect(crypto.decrypt(crypto.encrypt(message))).toBe(message);
		}
	});

	it('still refuses invalid UTF-8 (-40008) in large messages', () => {
		for (const bad of [
			Buffer.concat([Buffer.from('中'.repeat(1000)), Buffer.from([0xc3, 0x28])]),
			Buffer.concat([Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('中'.repeat(1000))]), // a surrogate
			Buffer.concat([Buffer.from('x'.repeat(3000)), Buffer.from([0xe4, 0xb8])]), // cut in a character
			Buffer.concat([Buffer.from([0xc0, 0xaf]), Buffer.from('x'.repeat(3000))]), // overlong
		]) {
			expect(codeOf(() => crypto.decrypt(encryptBytes(bad)))).toBe(
				WeChatCryptoErrorCode.IllegalBuffer,
			);
		}
	});
});

describe('sequences of messages', () => {
	const KEY_OLD = vector('TV7').encodingAESKey;
	const rotated = new WeChatCrypto({
		token: 't',
		encodingAESKey: KEY,
		appId: APP_ID,
		previousEncodingAESKey: KEY_OLD,
	});
	const old = new WeChatCrypto({ token: 't', encodingAESKey: KEY_OLD, appId: APP_ID });

	it('each message decrypts as if it were the only one, whatever came before', () => {
		// Small and large messages, both keys, and failures (bad padding, wrong AppID, wrong key) in between.
		const step = fc.oneof(
			fc.record({
				kind: fc.constant('current' as const),
				text: fc.string({ unit: 'binary', maxLength: 3000 }),
			}),
			fc.record({
				kind: fc.constant('previous' as const),
				text: fc.string({ unit: 'binary', maxLength: 3000 }),
			}),
			fc.record({ kind: fc.constant('wrongAppId' as const), text: fc.string({ maxLength: 200 }) }),
			fc.record({ kind: fc.constant('badPadding' as const), text: fc.string({ maxLength: 200 }) }),
		);
		fc.assert(
			fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
				for (const { kind, text } of steps) {
					const bytes = Buffer.from(text, 'utf8');
					if (kind === 'current' || kind === 'previous') {
						const encrypt = kind === 'current' ? encryptBytes(bytes) : old.encrypt(text);
						const result = rotated.decryptDetailed(encrypt);
						expect(result.message).toBe(bytes.toString('utf8'));
						expect(result.usedPreviousKey).toBe(kind === 'previous');
						if (kind === 'current') expect(result.random).toEqual(Buffer.alloc(16, 7));
					} else if (kind === 'wrongAppId') {
						expect(codeOf(() => rotated.decrypt(encryptBytes(bytes, 'wx0000000000000000')))).toBe(
							WeChatCryptoErrorCode.ValidateAppidError,
						);
					} else {
						// In CBC, flipping a bit of the second-to-last block flips the same bit of the last
						// plaintext block: the pad byte becomes >= 128, which the current key refuses.
						const cipherText = Buffer.from(encryptBytes(bytes), 'base64');
						cipherText[cipherText.length - 17] ^= 0x80;
						expect(codeOf(() => rotated.decrypt(cipherText.toString('base64')))).toBe(
							WeChatCryptoErrorCode.DecryptAESError,
						);
					}
				}
			}),
			{ numRuns: 200 },
		);
	});

	it('decrypts the same ciphertext the same way every time', () => {
		const small = crypto.encrypt('<xml><A>1</A></xml>', 'aaaabbbbccccdddd');
		const large = crypto.encrypt('中'.repeat(3000), 'aaaabbbbccccdddd');
		for (let i = 0; i < 5; i++) {
			expect(crypto.decryptDetailed(small)).toEqual(crypto.decryptDetailed(small));
			expect(crypto.decrypt(small)).toBe('<xml><A>1</A></xml>');
			expect(crypto.decrypt(large)).toBe('中'.repeat(3000));
		}
	});
});
