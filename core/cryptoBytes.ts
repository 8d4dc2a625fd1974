/**
 * The byte-level steps of WXBizMsgCrypt (https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Before_Develop/Message_encryption_and_decryption.html):
 * the key, strict base64, the AES blocks, the random prefix and the UTF-8 decoding. WeChatCrypto
 * (core/crypto.ts) puts them together and checks the layout.
 */
import { createDecipheriv, createSecretKey, randomFillSync, type KeyObject } from 'node:crypto';
import { isAscii, transcode } from 'node:buffer';

import { fail, WeChatCryptoErrorCode } from './cryptoErrors';

export interface AesKey {
	key: KeyObject;
	iv: Buffer;
}

export const BLOCK = 32;
export const RANDOM_BYTES = 16;
export const HEADER_BYTES = RANDOM_BYTES + 4;
const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;

/**
 * Lenient on purpose: most real keys carry two non-zero spare bits in the 43rd character, which a
 * canonical base64 decoder rejects.
 */
export function decodeEncodingAESKey(encodingAESKey: unknown, label: string): AesKey {
	if (typeof encodingAESKey !== 'string' || !ENCODING_AES_KEY.test(encodingAESKey)) {
		fail(
			WeChatCryptoErrorCode.IllegalAesKey,
			`${label} must be exactly 43 characters from A-Z, a-z and 0-9`,
		);
	}
	const raw = Buffer.from(encodingAESKey + '=', 'base64');
	if (raw.length !== 32) {
		fail(WeChatCryptoErrorCode.IllegalAesKey, `${label} does not decode to 32 bytes`);
	}
	return { key: createSecretKey(raw), iv: Buffer.from(raw.subarray(0, 16)) };
}

/**
 * Node's base64 decoder skips junk silently; WeChat always sends canonical base64, so demand it:
 * the text must be exactly what encoding the decoded bytes gives back. That one comparison
 * refuses characters outside the alphabet, line breaks, missing or misplaced padding and
 * non-zero spare bits, and is much faster than a regular expression over a large Encrypt.
 */
export function decodeBase64Strict(text: string): Buffer {
	const bytes = Buffer.from(text, 'base64');
	if (bytes.toString('base64') !== text) {
		fail(WeChatCryptoErrorCode.DecodeBase64Error, 'Encrypt is not valid base64');
	}
	return bytes;
}

/**
 * Below this many bytes V8's own UTF-8 decoder is as fast as anything else. Above it, for text that
 * is not plain ASCII (Chinese messages), V8 in Node 20 decodes byte by byte while ICU's converter
 * is 3-4x faster: 25 µs against 7 µs for a 20 KB Chinese/Latin message. This second decoder is
 * kept because without it `npm run bench:core`'s 20 KB inbound pipeline is no faster than its
 * fastest peer; both decoders give the same string for valid UTF-8, which is checked before.
 */
const TRANSCODE_MIN_BYTES = 1024;

/** ICU can be missing (Node built without intl); then transcode throws and V8 decodes everything. */
const canTranscode = (() => {
	try {
		const sample = Buffer.from('\uFEFFa\u00e9\u4e2d\u{1F600}', 'utf8');
		return transcode(sample, 'utf8', 'utf16le').toString('utf16le') === sample.toString('utf8');
	} catch {
		return false;
	}
})();

/** `bytes` must be valid UTF-8 (checked before): then both decoders give the same string. */
export function decodeUtf8(bytes: Buffer): string {
	if (canTranscode && bytes.length >= TRANSCODE_MIN_BYTES && !isAscii(bytes)) {
		return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
	}
	return bytes.toString('utf8');
}

/** AES-256-CBC over whole blocks; the PKCS#7 padding is checked by the caller, byte by byte. */
export function decryptBlocks(aes: AesKey, cipherText: Buffer): Buffer {
	const decipher = createDecipheriv('aes-256-cbc', aes.key, aes.iv);
	decipher.setAutoPadding(false);
	const head = decipher.update(cipherText);
	const tail = decipher.final();
	return tail.length === 0 ? head : Buffer.concat([head, tail]);
}

/** Plaintexts up to this size are laid out in one reused buffer (see plaintextBuffer). */
const SCRATCH_MAX_BYTES = 256 * 1024;
let scratch = Buffer.alloc(0);

/**
 * A buffer of at least `capacity` bytes to lay a plaintext out in before AES, which copies it.
 * Up to SCRATCH_MAX_BYTES it is one buffer reused by every call (encrypting is synchronous, so no
 * two calls share it at once): a fresh 36 KB buffer per 20 KB reply made `npm run bench:core`'s
 * outbound 20 KB cell ~25 µs slower (allocation, first touch of its pages, garbage collection).
 * Callers wipe what they wrote with wipePlaintext() so that no reply lingers in it.
 */
export function plaintextBuffer(capacity: number): Buffer {
	if (capacity > SCRATCH_MAX_BYTES) return Buffer.allocUnsafe(capacity);
	if (scratch.length < capacity) {
		scratch = Buffer.allocUnsafeSlow(
			Math.min(SCRATCH_MAX_BYTES, Math.max(capacity, 2 * scratch.length, 16 * 1024)),
		);
	}
	return scratch;
}

export function wipePlaintext(buffer: Buffer, length: number): void {
	buffer.fill(0, 0, length);
}

/**
 * Random prefixes are cut from a pool filled by the CSPRNG 256 prefixes at a time: one
 * randomBytes(16) call costs ~4 µs in Node 20 (mostly call overhead, not entropy), as much as
 * the AES of a 2 KB reply. Every byte is still used once only; Node's randomUUID() does the same.
 */
const POOL_PREFIXES = 256;
const pool = Buffer.alloc(POOL_PREFIXES * RANDOM_BYTES);
let poolOffset = pool.length;

/** Writes the 16-byte random prefix at `target[0..16)`: `random` when given, else pooled CSPRNG bytes. */
export function writeRandomPrefix(target: Buffer, random: string | Buffer | undefined): void {
	if (random === undefined) {
		if (poolOffset === pool.length) {
			randomFillSync(pool);
			poolOffset = 0;
		}
		pool.copy(target, 0, poolOffset, poolOffset + RANDOM_BYTES);
		poolOffset += RANDOM_BYTES;
		return;
	}
	const bytes = typeof random === 'string' ? Buffer.from(random, 'utf8') : random;
	if (!Buffer.isBuffer(bytes) || bytes.length !== RANDOM_BYTES) {
		fail(WeChatCryptoErrorCode.EncryptAESError, 'The random prefix must be exactly 16 bytes');
	}
	bytes.copy(target, 0);
}
