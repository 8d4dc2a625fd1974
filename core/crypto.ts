/**
 * WeChat message encryption (WXBizMsgCrypt), checked more strictly than the official samples:
 * strict base64, ciphertext a whole number of 32-byte blocks, PKCS#7 (block 32) padding verified
 * byte by byte, length prefix in bytes that must fit, valid UTF-8, receiveId equal to the AppID.
 *
 * Error codes (official sample numbering):
 *   -40010 the Encrypt text is not canonical base64 (bad characters, bad or misplaced padding,
 *          non-zero spare bits);
 *   -40007 the cipher layer failed: empty ciphertext, length not a multiple of 32 bytes, or the
 *          PKCS#7 padding is wrong (pad byte 0 or > 32, pad bytes not all equal). A wrong key
 *          almost always ends here, so "decryption failed" is what the operator should read;
 *   -40008 the decrypted layout is wrong: shorter than random + length prefix, length prefix
 *          beyond the buffer, or the message is not valid UTF-8;
 *   -40005 the trailing receiveId differs from the configured AppID.
 * Messages never contain key material, tokens or plaintext.
 */
import {
	createCipheriv,
	createDecipheriv,
	createHash,
	createSecretKey,
	randomBytes,
	timingSafeEqual,
	type KeyObject,
} from 'node:crypto';
import { isAscii, isUtf8, transcode } from 'node:buffer';

export const WeChatCryptoErrorCode = {
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
} as const;

export type WeChatCryptoErrorName = keyof typeof WeChatCryptoErrorCode;
export type WeChatCryptoErrorCodeValue = (typeof WeChatCryptoErrorCode)[WeChatCryptoErrorName];

const NAME_BY_CODE = new Map<number, WeChatCryptoErrorName>(
	(Object.keys(WeChatCryptoErrorCode) as WeChatCryptoErrorName[]).map((name) => [
		WeChatCryptoErrorCode[name],
		name,
	]),
);

export class WeChatCryptoError extends Error {
	readonly code: number;
	/** The official name of the code, e.g. `IllegalBuffer`. */
	readonly codeName: string;
	/** What to do about it, in plain words, when there is more to say than the message. */
	readonly hint?: string;

	constructor(code: WeChatCryptoErrorCodeValue, message: string, hint?: string) {
		super(message);
		this.name = 'WeChatCryptoError';
		this.code = code;
		this.codeName = NAME_BY_CODE.get(code) ?? 'Unknown';
		if (hint !== undefined) this.hint = hint;
	}
}

export interface WeChatCryptoOptions {
	token: string;
	encodingAESKey: string;
	/** The component AppID: the receiveId every message must carry and every reply gets. */
	appId: string;
	/** The key in use before the last rotation; messages that fail with the current key try it. */
	previousEncodingAESKey?: string;
}

export interface DecryptResult {
	message: string;
	usedPreviousKey: boolean;
	/** The 16-byte random prefix (for tests against published vectors). */
	random: Buffer;
	/** The receiveId found after the message; always equal to the AppID when returned. */
	receiveId: string;
}

export interface EncryptOptions {
	/** Encrypt with the previous key (answer a message that only the previous key decrypted). */
	usePreviousKey?: boolean;
}

interface AesKey {
	key: KeyObject;
	iv: Buffer;
}

const BLOCK = 32;
const RANDOM_BYTES = 16;
const HEADER_BYTES = RANDOM_BYTES + 4;
const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;

function fail(code: WeChatCryptoErrorCodeValue, message: string): never {
	throw new WeChatCryptoError(code, message);
}

/**
 * Lenient on purpose: most real keys carry two non-zero spare bits in the 43rd character, which a
 * canonical base64 decoder rejects (see protocol notes §1.1).
 */
function decodeEncodingAESKey(encodingAESKey: unknown, label: string): AesKey {
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
function decodeBase64Strict(text: string): Buffer {
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
function decodeUtf8(bytes: Buffer): string {
	if (canTranscode && bytes.length >= TRANSCODE_MIN_BYTES && !isAscii(bytes)) {
		return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
	}
	return bytes.toString('utf8');
}

/** AES-256-CBC over whole blocks; the PKCS#7 padding is checked by the caller, byte by byte. */
function decryptBlocks(aes: AesKey, cipherText: Buffer): Buffer {
	const decipher = createDecipheriv('aes-256-cbc', aes.key, aes.iv);
	decipher.setAutoPadding(false);
	const head = decipher.update(cipherText);
	const tail = decipher.final();
	return tail.length === 0 ? head : Buffer.concat([head, tail]);
}

function toRandomPrefix(random: string | Buffer | undefined): Buffer {
	if (random === undefined) return randomBytes(RANDOM_BYTES);
	const bytes = typeof random === 'string' ? Buffer.from(random, 'utf8') : random;
	if (!Buffer.isBuffer(bytes) || bytes.length !== RANDOM_BYTES) {
		fail(WeChatCryptoErrorCode.EncryptAESError, 'The random prefix must be exactly 16 bytes');
	}
	return bytes;
}

export class WeChatCrypto {
	private readonly token: string;
	private readonly appId: string;
	private readonly appIdBytes: Buffer;
	private readonly current: AesKey;
	private readonly previous: AesKey | undefined;

	constructor(options: WeChatCryptoOptions) {
		const { token, appId, encodingAESKey, previousEncodingAESKey } = options ?? ({} as never);
		if (typeof token !== 'string' || token === '') {
			fail(WeChatCryptoErrorCode.ComputeSignatureError, 'A non-empty token is required');
		}
		if (typeof appId !== 'string' || appId === '') {
			fail(WeChatCryptoErrorCode.ValidateAppidError, 'A non-empty AppID is required');
		}
		this.token = token;
		this.appId = appId;
		this.appIdBytes = Buffer.from(appId, 'utf8');
		this.current = decodeEncodingAESKey(encodingAESKey, 'EncodingAESKey');
		this.previous =
			previousEncodingAESKey === undefined || previousEncodingAESKey === ''
				? undefined
				: decodeEncodingAESKey(previousEncodingAESKey, 'Previous EncodingAESKey');
	}

	/** True when a previous EncodingAESKey is configured. */
	get hasPreviousKey(): boolean {
		return this.previous !== undefined;
	}

	/** sha1 hex of the lexicographically sorted concatenation of token, timestamp, nonce, encrypt. */
	signature(timestamp: string, nonce: string, encrypt: string): string {
		if (typeof timestamp !== 'string' || typeof nonce !== 'string' || typeof encrypt !== 'string') {
			fail(
				WeChatCryptoErrorCode.ComputeSignatureError,
				'timestamp, nonce and encrypt must be strings',
			);
		}
		// Inputs from WeChat are ASCII, where UTF-16 order equals PHP's byte-wise sort(SORT_STRING).
		const parts = [this.token, timestamp, nonce, encrypt].sort();
		const hash = createHash('sha1');
		// Feeding the parts one by one avoids building one more copy of a large Encrypt.
		for (const part of parts) hash.update(part, 'utf8');
		return hash.digest('hex');
	}

	/** Constant-time comparison of `msgSignature` against the expected signature. */
	verifySignature(
		msgSignature: string,
		timestamp: string,
		nonce: string,
		encrypt: string,
	): boolean {
		if (typeof timestamp !== 'string' || typeof nonce !== 'string' || typeof encrypt !== 'string') {
			return false;
		}
		const expected = Buffer.from(this.signature(timestamp, nonce, encrypt), 'latin1');
		if (typeof msgSignature !== 'string' || msgSignature.length !== expected.length) {
			// Still compare, so that a wrong length costs the same as a wrong value.
			timingSafeEqual(expected, expected);
			return false;
		}
		return timingSafeEqual(expected, Buffer.from(msgSignature, 'latin1'));
	}

	/** Checks msg_signature (-40001 when wrong), then decrypts. */
	verifyAndDecrypt(
		msgSignature: string,
		timestamp: string,
		nonce: string,
		encrypt: string,
	): DecryptResult {
		if (!this.verifySignature(msgSignature, timestamp, nonce, encrypt)) {
			fail(WeChatCryptoErrorCode.ValidateSignatureError, 'msg_signature does not match');
		}
		return this.decryptDetailed(encrypt);
	}

	decrypt(encrypt: string): string {
		return this.decryptDetailed(encrypt).message;
	}

	/** Tries the current key, then the previous one; when both fail, reports the current key's error. */
	decryptDetailed(encrypt: string): DecryptResult {
		if (typeof encrypt !== 'string') {
			fail(WeChatCryptoErrorCode.DecodeBase64Error, 'Encrypt must be a string');
		}
		const cipherText = decodeBase64Strict(encrypt);
		if (cipherText.length === 0 || cipherText.length % BLOCK !== 0) {
			fail(
				WeChatCryptoErrorCode.DecryptAESError,
				'Ciphertext length is not a positive multiple of 32 bytes',
			);
		}
		const current = this.attempt(cipherText, this.current, false);
		if (!(current instanceof WeChatCryptoError)) return current;
		if (this.previous !== undefined) {
			const previous = this.attempt(cipherText, this.previous, true);
			if (!(previous instanceof WeChatCryptoError)) return previous;
		}
		throw current;
	}

	/** Returns the failure instead of throwing, so that the key fallback stays a plain branch. */
	private attempt(
		cipherText: Buffer,
		aes: AesKey,
		usedPreviousKey: boolean,
	): DecryptResult | WeChatCryptoError {
		try {
			return this.open(cipherText, aes, usedPreviousKey);
		} catch (error) {
			return error instanceof WeChatCryptoError
				? error
				: new WeChatCryptoError(WeChatCryptoErrorCode.DecryptAESError, 'Decryption failed');
		}
	}

	encrypt(message: string, random?: string | Buffer, options?: EncryptOptions): string {
		if (typeof message !== 'string') {
			fail(WeChatCryptoErrorCode.EncryptAESError, 'The message must be a string');
		}
		let aes = this.current;
		if (options?.usePreviousKey) {
			if (this.previous === undefined) {
				fail(WeChatCryptoErrorCode.IllegalAesKey, 'No previous EncodingAESKey is configured');
			}
			aes = this.previous;
		}
		const prefix = toRandomPrefix(random);
		const messageBytes = Buffer.byteLength(message, 'utf8');
		const unpadded = HEADER_BYTES + messageBytes + this.appIdBytes.length;
		const pad = BLOCK - (unpadded % BLOCK);
		const plain = Buffer.allocUnsafe(unpadded + pad);
		prefix.copy(plain, 0);
		plain.writeUInt32BE(messageBytes, RANDOM_BYTES);
		plain.write(message, HEADER_BYTES, messageBytes, 'utf8');
		this.appIdBytes.copy(plain, HEADER_BYTES + messageBytes);
		plain.fill(pad, unpadded);

		const cipher = createCipheriv('aes-256-cbc', aes.key, aes.iv);
		cipher.setAutoPadding(false);
		const head = cipher.update(plain);
		const tail = cipher.final();
		return (tail.length === 0 ? head : Buffer.concat([head, tail])).toString('base64');
	}

	private open(cipherText: Buffer, aes: AesKey, usedPreviousKey: boolean): DecryptResult {
		const plain = decryptBlocks(aes, cipherText);
		const total = plain.length;
		const pad = plain[total - 1];
		if (pad < 1 || pad > BLOCK) {
			fail(WeChatCryptoErrorCode.DecryptAESError, 'Invalid PKCS#7 padding');
		}
		for (let i = total - pad; i < total - 1; i++) {
			if (plain[i] !== pad) fail(WeChatCryptoErrorCode.DecryptAESError, 'Invalid PKCS#7 padding');
		}
		const end = total - pad;
		if (end < HEADER_BYTES) {
			fail(WeChatCryptoErrorCode.IllegalBuffer, 'Decrypted data is shorter than its header');
		}
		const messageBytes = plain.readUInt32BE(RANDOM_BYTES);
		if (messageBytes > end - HEADER_BYTES) {
			fail(WeChatCryptoErrorCode.IllegalBuffer, 'Message length exceeds the decrypted data');
		}
		const messageEnd = HEADER_BYTES + messageBytes;
		const receiveId = plain.subarray(messageEnd, end);
		if (!receiveId.equals(this.appIdBytes)) {
			fail(WeChatCryptoErrorCode.ValidateAppidError, 'The message is not addressed to this AppID');
		}
		const messageView = plain.subarray(HEADER_BYTES, messageEnd);
		if (!isUtf8(messageView)) {
			fail(WeChatCryptoErrorCode.IllegalBuffer, 'The message is not valid UTF-8');
		}
		return {
			message: decodeUtf8(messageView),
			usedPreviousKey,
			random: Buffer.from(plain.subarray(0, RANDOM_BYTES)),
			receiveId: this.appId,
		};
	}

	/** The configured AppID (the receiveId of every message). */
	get receiveId(): string {
		return this.appId;
	}
}
