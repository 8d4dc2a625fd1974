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
import { createCipheriv, createHash, timingSafeEqual } from 'node:crypto';
import { isUtf8 } from 'node:buffer';

import {
	BLOCK,
	decodeBase64Strict,
	decodeEncodingAESKey,
	decodeUtf8,
	decryptBlocks,
	HEADER_BYTES,
	plaintextBuffer,
	RANDOM_BYTES,
	wipePlaintext,
	writeRandomPrefix,
	type AesKey,
} from './cryptoBytes';
import { fail, WeChatCryptoError, WeChatCryptoErrorCode } from './cryptoErrors';

export {
	WeChatCryptoError,
	WeChatCryptoErrorCode,
	type WeChatCryptoErrorCodeValue,
	type WeChatCryptoErrorName,
} from './cryptoErrors';

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
		// A UTF-16 code unit never takes more than 3 UTF-8 bytes: sizing the buffer by that bound
		// lets one pass both encode the message and measure it (Buffer.byteLength would be a second).
		const capacity = HEADER_BYTES + message.length * 3 + this.appIdBytes.length + BLOCK;
		const buffer = plaintextBuffer(capacity);
		writeRandomPrefix(buffer, random);
		const messageBytes = buffer.write(message, HEADER_BYTES, 'utf8');
		buffer.writeUInt32BE(messageBytes, RANDOM_BYTES);
		this.appIdBytes.copy(buffer, HEADER_BYTES + messageBytes);
		const unpadded = HEADER_BYTES + messageBytes + this.appIdBytes.length;
		const pad = BLOCK - (unpadded % BLOCK);
		buffer.fill(pad, unpadded, unpadded + pad);
		const plain = buffer.subarray(0, unpadded + pad);

		try {
			const cipher = createCipheriv('aes-256-cbc', aes.key, aes.iv);
			cipher.setAutoPadding(false);
			const head = cipher.update(plain);
			const tail = cipher.final();
			return (tail.length === 0 ? head : Buffer.concat([head, tail])).toString('base64');
		} finally {
			wipePlaintext(buffer, plain.length);
		}
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
