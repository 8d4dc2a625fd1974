import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

import {
	WeChatCrypto,
	WeChatCryptoError,
	WeChatCryptoErrorCode,
	buildEncryptedReply,
	openEncryptedReply,
	parseEnvelope,
} from '../../index';
import { plaintextBuffer } from '../../core/cryptoBytes';
import { codeOf } from '../helpers/cryptoErrorCode';
import { vector, vectors, type Vector } from '../helpers/vectors';

const forVector = (v: Vector) =>
	new WeChatCrypto({ token: v.token, encodingAESKey: v.encodingAESKey, appId: v.receiveId });

// Published test keys (from the vectors): three distinct EncodingAESKeys.
const KEY_A = vector('TV2').encodingAESKey;
const KEY_B = vector('TV7').encodingAESKey;
const KEY_C = vector('TV1').encodingAESKey;
const APP_ID = 'wx1234567890abcdef';
const RANDOM = 'aaaabbbbccccdddd';

/** AES-256-CBC over bytes we lay out ourselves, to build ciphertexts the library never would. */
function rawEncrypt(encodingAESKey: string, plain: Buffer): string {
	const key = Buffer.from(encodingAESKey + '=', 'base64');
	const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
	cipher.setAutoPadding(false);
	return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/** random(16) || u32be(length) || message || receiveId, then the given padding bytes. */
function layout(message: Buffer, receiveId: string, declaredLength = message.length): Buffer {
	const header = Buffer.alloc(20);
	header.write(RANDOM, 0, 'latin1');
	header.writeUInt32BE(declaredLength, 16);
	return Buffer.concat([header, message, Buffer.from(receiveId)]);
}

function pkcs7(data: Buffer): Buffer {
	const pad = 32 - (data.length % 32);
	return Buffer.concat([data, Buffer.alloc(pad, pad)]);
}

describe('published vectors', () => {
	const inbound = vectors.filter((v) => v.inbound !== undefined);

	it.each(inbound.map((v) => [v.id, v] as const))('%s: inbound msg_signature', (_id, v) => {
		const crypto = forVector(v);
		const i = v.inbound!;
		expect(crypto.signature(i.timestamp, i.nonce, i.encrypt)).toBe(i.msg_signature);
		expect(crypto.verifySignature(i.msg_signature, i.timestamp, i.nonce, i.encrypt)).toBe(true);
	});

	it.each(inbound.map((v) => [v.id, v] as const))(
		'%s: decrypts to the published random, length, message and receiveId',
		(_id, v) => {
			const crypto = forVector(v);
			const i = v.inbound!;
			const result = crypto.decryptDetailed(i.encrypt);
			expect(result.random.toString('latin1')).toBe(i.expected.random);
			expect(result.message).toBe(i.expected.msg);
			expect(result.receiveId).toBe(i.expected.receiveId);
			expect(result.usedPreviousKey).toBe(false);
			expect(crypto.decrypt(i.encrypt)).toBe(i.expected.msg);
			// The length prefix counts bytes: check it against the raw plaintext.
			const key = Buffer.from(v.encodingAESKey + '=', 'base64');
			const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
			decipher.setAutoPadding(false);
			const plain = Buffer.concat([
				decipher.update(Buffer.from(i.encrypt, 'base64')),
				decipher.final(),
			]);
			expect(plain.readUInt32BE(16)).toBe(Buffer.byteLength(i.expected.msg));
		},
	);

	it('TV1: the plain signature in the URL is sha1 of the sorted token, timestamp, nonce', () => {
		const v = vector('TV1');
		const i = v.inbound!;
		const url = new URL(i.url!);
		expect(url.searchParams.get('msg_signature')).toBe(i.msg_signature);
		const plain = createHash('sha1')
			.update([v.token, i.timestamp, i.nonce].sort().join(''))
			.digest('hex');
		expect(plain).toBe(i.signature);
	});

	it('TV1: reply encrypts byte for byte and carries the published signature', () => {
		const v = vector('TV1');
		const crypto = forVector(v);
		const r = v.reply!;
		expect(crypto.encrypt(r.plaintext, r.random)).toBe(r.encrypt);
		expect(crypto.encrypt(r.plaintext, Buffer.from(r.random))).toBe(r.encrypt);
		expect(crypto.signature(r.timestamp, r.nonce, r.encrypt!)).toBe(r.msg_signature);
		expect(crypto.decrypt(r.encrypt!)).toBe(r.plaintext);
	});

	it('TV1: the envelope Encrypt is what the signature covers', () => {
		const v = vector('TV1');
		const i = v.inbound!;
		const body = `<xml><ToUserName><![CDATA[${i.envelopeToUserName}]]></ToUserName><Encrypt><![CDATA[${i.encrypt}]]></Encrypt></xml>`;
		const envelope = parseEnvelope(body);
		expect(envelope).toEqual({ encrypt: i.encrypt, toUserName: i.envelopeToUserName });
		expect(
			forVector(v).verifySignature(i.msg_signature, i.timestamp, i.nonce, envelope.encrypt),
		).toBe(true);
	});

	it('TV2: compatible-mode body, signature over the Encrypt text only', () => {
		const v = vector('TV2');
		const i = v.inbound!;
		const envelope = parseEnvelope(i.postBody!);
		expect(envelope.encrypt).toBe(i.encrypt);
		expect(envelope.toUserName).toBe('gh_10f6c3c3ac5a');
		const crypto = forVector(v);
		expect(
			crypto.verifyAndDecrypt(i.msg_signature, i.timestamp, i.nonce, envelope.encrypt).message,
		).toBe(i.expected.msg);
	});

	it.each(vector('TV4').encrypt!.map((e, n) => [n, e] as const))(
		'TV4 #%s: deterministic encryption byte for byte and back',
		(_n, e) => {
			const crypto = forVector(vector('TV4'));
			expect(crypto.encrypt(e.plaintext, e.random)).toBe(e.expectedEncrypt);
			const result = crypto.decryptDetailed(e.expectedEncrypt);
			expect(result.message).toBe(e.plaintext);
			expect(result.random.toString('latin1')).toBe(e.random);
		},
	);

	it('TV7: verifyUrl echostr signature and decryption', () => {
		const v = vector('TV7');
		const u = v.verifyUrl!;
		const crypto = forVector(v);
		expect(crypto.signature(u.timestamp, u.nonce, u.echostr)).toBe(u.msg_signature);
		const result = crypto.verifyAndDecrypt(u.msg_signature, u.timestamp, u.nonce, u.echostr);
		expect(result.message).toBe(u.expected.msg);
		expect(result.random.toString('latin1')).toBe(u.expected.random);
		expect(result.receiveId).toBe(u.expected.receiveId);
	});

	it('TV7: inbound body envelope', () => {
		const v = vector('TV7');
		const i = v.inbound!;
		const envelope = parseEnvelope(i.body!);
		expect(envelope).toEqual({ encrypt: i.encrypt, toUserName: 'wx49f0ab532d5d035a' });
		expect(
			forVector(v).verifySignature(i.msg_signature, i.timestamp, i.nonce, envelope.encrypt),
		).toBe(true);
	});

	it('TV7: encrypted reply envelope matches byte for byte', () => {
		const v = vector('TV7');
		const r = v.reply!;
		const crypto = forVector(v);
		const xml = buildEncryptedReply(crypto, r.plaintext, {
			timestamp: r.timestamp,
			nonce: r.nonce,
			random: r.random,
		});
		expect(xml).toBe(r.expectedReplyXml);
		const opened = openEncryptedReply(crypto, xml);
		expect(opened).toEqual({
			plaintext: r.plaintext,
			signatureValid: true,
			timestamp: r.timestamp,
			nonce: r.nonce,
			usedPreviousKey: false,
		});
	});
});

describe('signatures', () => {
	const v = vector('TV1');
	const i = v.inbound!;
	const crypto = forVector(v);

	it('rejects a changed, truncated, extended, upper-cased or missing signature', () => {
		const good = i.msg_signature;
		const flipped = (good[0] === '0' ? '1' : '0') + good.slice(1);
		for (const bad of [flipped, good.slice(0, 39), good + '0', good.toUpperCase(), '', undefined]) {
			expect(crypto.verifySignature(bad as string, i.timestamp, i.nonce, i.encrypt)).toBe(false);
		}
	});

	it('rejects a signature computed over other parameters', () => {
		expect(crypto.verifySignature(i.msg_signature, '1715943330', i.nonce, i.encrypt)).toBe(false);
		expect(crypto.verifySignature(i.msg_signature, i.timestamp, '1590219413', i.encrypt)).toBe(
			false,
		);
		expect(crypto.verifySignature(i.msg_signature, i.timestamp, i.nonce, i.encrypt + ' ')).toBe(
			false,
		);
		const otherToken = new WeChatCrypto({
			token: 'AAAAB',
			encodingAESKey: v.encodingAESKey,
			appId: v.receiveId,
		});
		expect(otherToken.verifySignature(i.msg_signature, i.timestamp, i.nonce, i.encrypt)).toBe(
			false,
		);
	});

	it('verifyAndDecrypt throws -40001 on a bad signature and decrypts nothing', () => {
		expect(
			codeOf(() => crypto.verifyAndDecrypt('0'.repeat(40), i.timestamp, i.nonce, i.encrypt)),
		).toBe(WeChatCryptoErrorCode.ValidateSignatureError);
	});

	it('signature() refuses non-string input with -40003', () => {
		expect(codeOf(() => crypto.signature(1 as unknown as string, 'n', 'e'))).toBe(-40003);
	});
});

describe('error codes', () => {
	const crypto = new WeChatCrypto({ token: 't', encodingAESKey: KEY_A, appId: APP_ID });

	it('exposes the official code map', () => {
		expect(WeChatCryptoErrorCode).toEqual({
			ValidateSignatureError: -40001,
			ParseXmlError: -40002,
			ComputeSignatureError: -40003,
			IllegalAesKey: -40004,
			ValidateAppidError: -40005,
			EncryptAESError: -40006,
			DecryptAESError: -40007,
			IllegalBuffer: -40008,
			EncodeBase64Error: -40009,
			DecodeBase64Error: -40010,
			GenReturnXmlError: -40011,
		});
		const error = new WeChatCryptoError(-40008, 'x');
		expect(error.codeName).toBe('IllegalBuffer');
		expect(error.name).toBe('WeChatCryptoError');
	});

	it('-40005 when the receiveId is another AppID', () => {
		const v = vector('TV1');
		const other = new WeChatCrypto({
			token: v.token,
			encodingAESKey: v.encodingAESKey,
			appId: 'wx134c8103faa5a59f',
		});
		expect(codeOf(() => other.decrypt(v.inbound!.encrypt))).toBe(
			WeChatCryptoErrorCode.ValidateAppidError,
		);
		const prefix = new WeChatCrypto({
			token: v.token,
			encodingAESKey: v.encodingAESKey,
			appId: 'wx134c8103faa5a5',
		});
		expect(codeOf(() => prefix.decrypt(v.inbound!.encrypt))).toBe(
			WeChatCryptoErrorCode.ValidateAppidError,
		);
	});

	it('-40010 for base64 Node would accept but WeChat never sends', () => {
		const good = crypto.encrypt('hello', RANDOM);
		const cases = [
			good.slice(0, 10) + '!' + good.slice(11), // outside the alphabet
			good.slice(0, 10) + '-' + good.slice(11), // base64url
			good.slice(0, 10) + '\n' + good.slice(10, -1), // line break
			good.replace(/=+$/, ''), // padding removed
			good.slice(0, 8) + '=' + good.slice(9), // padding in the middle
			good.slice(0, -2) + '==' + '==', // too much padding
			'QR==', // non-zero spare bits
			'QUJ=', // non-zero spare bits (one pad)
			'abc',
		];
		for (const text of cases) {
			expect([text, codeOf(() => crypto.decrypt(text))]).toEqual([
				text,
				WeChatCryptoErrorCode.DecodeBase64Error,
			]);
		}
		expect(codeOf(() => crypto.decrypt(42 as unknown as string))).toBe(
			WeChatCryptoErrorCode.DecodeBase64Error,
		);
	});

	it('-40007 for empty, truncated or odd-length ciphertext', () => {
		const good = Buffer.from(crypto.encrypt('hello', RANDOM), 'base64');
		expect(codeOf(() => crypto.decrypt(''))).toBe(WeChatCryptoErrorCode.DecryptAESError);
		for (const length of [16, 31, 33, 48, good.length - 16, good.length - 1]) {
			const text = good.subarray(0, length).toString('base64');
			expect([length, codeOf(() => crypto.decrypt(text))]).toEqual([
				length,
				WeChatCryptoErrorCode.DecryptAESError,
			]);
		}
	});

	it('-40007 for a pad byte of 0 or above 32', () => {
		for (const padByte of [0, 33, 255]) {
			const data = layout(Buffer.from('hello'), APP_ID);
			const fill = 32 - (data.length % 32);
			const padded = Buffer.concat([data, Buffer.alloc(fill, padByte)]);
			expect(codeOf(() => crypto.decrypt(rawEncrypt(KEY_A, padded)))).toBe(
				WeChatCryptoErrorCode.DecryptAESError,
			);
		}
	});

	it('-40007 for padding bytes that are not all equal', () => {
		const padded = pkcs7(layout(Buffer.from('hello'), APP_ID));
		const pad = padded[padded.length - 1];
		expect(pad).toBeGreaterThan(2);
		padded[padded.length - pad] ^= 1; // the first padding byte
		expect(codeOf(() => crypto.decrypt(rawEncrypt(KEY_A, padded)))).toBe(
			WeChatCryptoErrorCode.DecryptAESError,
		);
	});

	it('accepts a full block of padding (32 × 0x20)', () => {
		// 20 + 12 + 18 = 50; choose a message so the layout is exactly 64 bytes.
		const message = Buffer.from('x'.repeat(64 - 20 - APP_ID.length));
		const padded = pkcs7(layout(message, APP_ID));
		expect(padded.length).toBe(96);
		expect(padded[95]).toBe(32);
		expect(crypto.decrypt(rawEncrypt(KEY_A, padded))).toBe(message.toString());
	});

	it('-40008 when the length prefix points beyond the buffer', () => {
		const message = Buffer.from('hello');
		for (const declared of [APP_ID.length + message.length + 1, 0xffffffff]) {
			const text = rawEncrypt(KEY_A, pkcs7(layout(message, APP_ID, declared)));
			expect(codeOf(() => crypto.decrypt(text))).toBe(WeChatCryptoErrorCode.IllegalBuffer);
		}
	});

	it('-40008 when the data is shorter than random + length prefix', () => {
		const padded = Buffer.alloc(32, 32); // all padding
		expect(codeOf(() => crypto.decrypt(rawEncrypt(KEY_A, padded)))).toBe(
			WeChatCryptoErrorCode.IllegalBuffer,
		);
		const short = Buffer.concat([Buffer.alloc(10, 65), Buffer.alloc(22, 22)]);
		expect(codeOf(() => crypto.decrypt(rawEncrypt(KEY_A, short)))).toBe(
			WeChatCryptoErrorCode.IllegalBuffer,
		);
	});

	it('-40008 when the message is not UTF-8', () => {
		const text = rawEncrypt(KEY_A, pkcs7(layout(Buffer.from([0x68, 0xc3, 0x28]), APP_ID)));
		expect(codeOf(() => crypto.decrypt(text))).toBe(WeChatCryptoErrorCode.IllegalBuffer);
	});

	it('-40005 when the message length is right but the tail is longer than the AppID', () => {
		const text = rawEncrypt(KEY_A, pkcs7(layout(Buffer.from('hello'), APP_ID + 'x')));
		expect(codeOf(() => crypto.decrypt(text))).toBe(WeChatCryptoErrorCode.ValidateAppidError);
	});

	it('-40004 for illegal EncodingAESKeys, current or previous', () => {
		const illegal = [
			KEY_A.slice(0, 42),
			KEY_A + 'H',
			KEY_A.slice(0, 42) + '+',
			KEY_A.slice(0, 42) + '/',
			KEY_A.slice(0, 42) + '=',
			KEY_A.slice(0, 42) + 'é',
			' ' + KEY_A.slice(1),
			'',
			undefined,
		];
		for (const key of illegal) {
			expect(
				codeOf(
					() => new WeChatCrypto({ token: 't', encodingAESKey: key as string, appId: APP_ID }),
				),
			).toBe(WeChatCryptoErrorCode.IllegalAesKey);
			expect(
				codeOf(
					() =>
						new WeChatCrypto({
							token: 't',
							encodingAESKey: KEY_A,
							appId: APP_ID,
							previousEncodingAESKey: (key ?? 'short') as string,
						}),
				),
			).toBe(key === '' ? undefined : WeChatCryptoErrorCode.IllegalAesKey);
		}
	});

	it('accepts keys whose 43rd character carries spare bits', () => {
		// 'G' and 'R' leave non-zero bits after the 32nd byte; a canonical decoder would refuse them.
		for (const key of [KEY_A, KEY_B]) {
			const c = new WeChatCrypto({ token: 't', encodingAESKey: key, appId: APP_ID });
			expect(c.decrypt(c.encrypt('ok'))).toBe('ok');
		}
	});

	it('error messages do not carry key material', () => {
		const attempt = () =>
			new WeChatCrypto({
				token: 'secret-token',
				encodingAESKey: KEY_A.slice(0, 42),
				appId: APP_ID,
			});
		expect(attempt).toThrow(WeChatCryptoError);
		expect(attempt).not.toThrow(KEY_A.slice(0, 42));
		const wrongApp = new WeChatCrypto({
			token: 'secret-token',
			encodingAESKey: KEY_A,
			appId: 'wx0',
		});
		const text = crypto.encrypt('secret message', RANDOM);
		expect(() => wrongApp.decrypt(text)).toThrow(WeChatCryptoError);
		expect(() => wrongApp.decrypt(text)).not.toThrow(/secret|wx1234567890abcdef/);
	});

	it('-40006 for a random prefix that is not 16 bytes', () => {
		for (const random of ['short', 'x'.repeat(17), '中文中文中文', Buffer.alloc(15)]) {
			expect(codeOf(() => crypto.encrypt('m', random))).toBe(WeChatCryptoErrorCode.EncryptAESError);
		}
	});

	it('encrypt without a fixed random prefix differs each time and still decrypts', () => {
		const a = crypto.encrypt('same');
		const b = crypto.encrypt('same');
		expect(a).not.toBe(b);
		expect(crypto.decrypt(a)).toBe('same');
		expect(crypto.decrypt(b)).toBe('same');
	});

	it('encrypts exactly as the byte layout says, whatever size came before (reused buffer)', () => {
		// Long, short, beyond the reused buffer's limit (256 KB), short again: stale bytes of an
		// earlier message must never reach a later ciphertext.
		for (const message of ['中'.repeat(9000), 'hi', 'x'.repeat(300_000), '', '😀 short']) {
			const expected = rawEncrypt(KEY_A, pkcs7(layout(Buffer.from(message), APP_ID)));
			expect(crypto.encrypt(message, RANDOM)).toBe(expected);
		}
	});

	it('leaves no plaintext behind in the reused buffer', () => {
		crypto.encrypt('MARKER-reply-text-中文', RANDOM);
		expect(plaintextBuffer(1).indexOf('MARKER-reply-text')).toBe(-1);
	});

	it('random prefixes stay distinct across many replies (more than one pool of them)', () => {
		const prefixes = new Set<string>();
		for (let i = 0; i < 1000; i++) {
			prefixes.add(crypto.decryptDetailed(crypto.encrypt('m')).random.toString('hex'));
		}
		expect(prefixes.size).toBe(1000);
	});

	it('the length prefix counts UTF-8 bytes, also for 4-byte and lone-surrogate characters', () => {
		// A lone surrogate is encoded as U+FFFD (3 bytes), as Buffer.from does.
		for (const [message, expected] of [
			['😀中a', '😀中a'],
			['a\uD800b', 'a\uFFFDb'],
			['中'.repeat(5000), '中'.repeat(5000)],
		]) {
			expect(crypto.decrypt(crypto.encrypt(message, RANDOM))).toBe(expected);
		}
	});

	it('the constructor refuses an empty token or AppID', () => {
		expect(
			codeOf(() => new WeChatCrypto({ token: '', encodingAESKey: KEY_A, appId: APP_ID })),
		).toBe(-40003);
		expect(codeOf(() => new WeChatCrypto({ token: 't', encodingAESKey: KEY_A, appId: '' }))).toBe(
			-40005,
		);
	});
});

describe('previous-key fallback (EncodingAESKey rotation)', () => {
	const before = new WeChatCrypto({ token: 't', encodingAESKey: KEY_A, appId: APP_ID });
	const after = new WeChatCrypto({
		token: 't',
		encodingAESKey: KEY_B,
		appId: APP_ID,
		previousEncodingAESKey: KEY_A,
	});

	it('decrypts a message encrypted with the old key and says so', () => {
		const old = before.encrypt('<xml><Content>old</Content></xml>', RANDOM);
		expect(after.decryptDetailed(old)).toMatchObject({
			message: '<xml><Content>old</Content></xml>',
			usedPreviousKey: true,
		});
		expect(after.decrypt(old)).toBe('<xml><Content>old</Content></xml>');
		const fresh = after.encrypt('new', RANDOM);
		expect(after.decryptDetailed(fresh)).toMatchObject({ message: 'new', usedPreviousKey: false });
		expect(codeOf(() => before.decrypt(fresh))).toBe(WeChatCryptoErrorCode.DecryptAESError);
		expect(after.hasPreviousKey).toBe(true);
		expect(before.hasPreviousKey).toBe(false);
	});

	it('re-encrypts the reply with the previous key when asked', () => {
		const xml = buildEncryptedReply(after, '<xml>reply</xml>', {
			timestamp: '1700000000',
			nonce: '123',
			random: RANDOM,
			usePreviousKey: true,
		});
		expect(openEncryptedReply(before, xml)).toMatchObject({
			plaintext: '<xml>reply</xml>',
			signatureValid: true,
		});
		expect(openEncryptedReply(after, xml)).toMatchObject({
			plaintext: '<xml>reply</xml>',
			usedPreviousKey: true,
		});
		expect(after.encrypt('m', RANDOM, { usePreviousKey: true })).toBe(before.encrypt('m', RANDOM));
	});

	it('reports the current key error when both keys fail', () => {
		// Current key, wrong receiveId: the current key says -40005, the previous key sees garbage.
		const wrongApp = rawEncrypt(KEY_B, pkcs7(layout(Buffer.from('m'), 'wx0000000000000000')));
		expect(
			codeOf(() =>
				before.decrypt(rawEncrypt(KEY_A, pkcs7(layout(Buffer.from('m'), 'wx0000000000000000')))),
			),
		).toBe(-40005);
		expect(codeOf(() => after.decrypt(wrongApp))).toBe(WeChatCryptoErrorCode.ValidateAppidError);
		// A third key: both fail, and the error is still a WeChatCryptoError with the current key's code.
		const third = new WeChatCrypto({ token: 't', encodingAESKey: KEY_C, appId: APP_ID });
		const stranger = third.encrypt('m', RANDOM);
		const alone = new WeChatCrypto({ token: 't', encodingAESKey: KEY_B, appId: APP_ID });
		expect(codeOf(() => after.decrypt(stranger))).toBe(codeOf(() => alone.decrypt(stranger)));
	});

	it('refuses usePreviousKey when no previous key is configured', () => {
		expect(codeOf(() => before.encrypt('m', RANDOM, { usePreviousKey: true }))).toBe(
			WeChatCryptoErrorCode.IllegalAesKey,
		);
	});
});
