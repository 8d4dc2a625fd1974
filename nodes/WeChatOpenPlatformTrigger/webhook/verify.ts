import { WeChatCryptoError, WeChatCryptoErrorCode, type WeChatCrypto } from '../../../core/crypto';
import { parseEnvelope, parseMessage, type Envelope, type XmlObject } from '../../../core/xml';
import { queryString, type Rejection } from './http';

/**
 * WeChat's pushes are a few kilobytes; the largest (news events, audit results) stay far below
 * this. Anything bigger is refused before any hashing or parsing.
 */
export const MAX_PUSH_BYTES = 256 * 1024;

/** An echostr is a short number or a short ciphertext. */
const MAX_ECHOSTR_LENGTH = 1024;

/**
 * What is echoed: WeChat's echostr is a short run of digits (and letters in some consoles), never
 * markup. Anything else is refused, so the endpoint cannot be made to serve someone's text.
 */
const ECHO_TEXT = /^[A-Za-z0-9]{1,128}$/;

const TIMESTAMP = /^[0-9]{1,12}$/;

export interface VerifiedPush {
	/** The decrypted XML. */
	plaintext: string;
	/** The decrypted message as WeChat's field names → strings (nested elements as objects). */
	fields: XmlObject;
	usedPreviousKey: boolean;
	/** The signed query values, echoed in an encrypted passive reply. */
	timestamp: string;
	nonce: string;
}

export type Verified<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

export interface FreshnessOptions {
	/** 0 = no check. */
	maxAgeSeconds: number;
	nowMs: number;
}

const refuse = (
	status: 400 | 403,
	reason: string,
	detail?: string,
): { ok: false; rejection: Rejection } => ({
	ok: false,
	rejection: { status, reason, detail },
});

function checkFreshness(timestamp: string, o: FreshnessOptions): Rejection | undefined {
	if (!TIMESTAMP.test(timestamp)) return { status: 403, reason: 'invalid timestamp' };
	if (o.maxAgeSeconds <= 0) return undefined;
	const skew = Math.abs(o.nowMs / 1000 - Number(timestamp));
	if (skew > o.maxAgeSeconds) {
		return {
			status: 403,
			reason: 'request expired',
			detail: `signed ${Math.round(skew)} s away from this server's clock; check the clock if WeChat's own pushes get this`,
		};
	}
	return undefined;
}

/** A failed signature; flagged for a credential re-read only when the request is fresh. */
function signatureMismatch(
	timestamp: string,
	freshness: FreshnessOptions,
): { ok: false; rejection: Rejection } {
	return {
		ok: false,
		rejection: {
			status: 403,
			reason: 'invalid signature',
			signatureMismatch: checkFreshness(timestamp, freshness) === undefined,
		},
	};
}

/** Maps what the core throws while opening a push to a 400 with a short reason. */
function decryptFailure(error: unknown): { ok: false; rejection: Rejection } {
	if (error instanceof WeChatCryptoError) {
		if (error.code === WeChatCryptoErrorCode.ValidateAppidError) {
			return refuse(400, 'wrong appid', 'the message was encrypted for another platform');
		}
		if (error.code === WeChatCryptoErrorCode.ParseXmlError) {
			return refuse(400, 'malformed message', error.codeName);
		}
		return refuse(400, 'cannot decrypt', error.codeName);
	}
	return refuse(400, 'cannot decrypt');
}

/**
 * The whole inbound check, in the order that costs an attacker the most and us the least:
 * size, envelope, msg_signature over the exact <Encrypt> text (constant time), freshness,
 * decryption (AppID checked by the core, previous key as fallback), message XML.
 */
export function verifyPush(
	crypto: WeChatCrypto,
	query: object,
	rawBody: unknown,
	freshness: FreshnessOptions,
): Verified<VerifiedPush> {
	const msgSignature = queryString(query, 'msg_signature');
	const timestamp = queryString(query, 'timestamp');
	const nonce = queryString(query, 'nonce');
	if (msgSignature === undefined || timestamp === undefined || nonce === undefined) {
		return refuse(403, 'missing signature');
	}
	if (!Buffer.isBuffer(rawBody) || rawBody.length === 0) return refuse(400, 'empty body');
	if (rawBody.length > MAX_PUSH_BYTES) return refuse(400, 'body too large');

	let envelope: Envelope;
	try {
		envelope = parseEnvelope(rawBody, { maxBytes: MAX_PUSH_BYTES });
	} catch (error) {
		return refuse(
			400,
			'malformed body',
			error instanceof WeChatCryptoError ? error.message : undefined,
		);
	}
	if (!crypto.verifySignature(msgSignature, timestamp, nonce, envelope.encrypt)) {
		return signatureMismatch(timestamp, freshness);
	}
	const stale = checkFreshness(timestamp, freshness);
	if (stale) return { ok: false, rejection: stale };

	let plaintext: string;
	let usedPreviousKey: boolean;
	try {
		({ message: plaintext, usedPreviousKey } = crypto.decryptDetailed(envelope.encrypt));
	} catch (error) {
		return decryptFailure(error);
	}
	let fields: XmlObject;
	try {
		fields = parseMessage(plaintext, { maxBytes: MAX_PUSH_BYTES });
	} catch (error) {
		return decryptFailure(error);
	}
	return { ok: true, value: { plaintext, fields, usedPreviousKey, timestamp, nonce } };
}

/**
 * GET echostr check. Plain form: `signature` = sha1(sort(token, timestamp, nonce)), echo the
 * echostr. Encrypted form (msg_signature present): verify over the encrypted echostr, decrypt,
 * echo the plaintext. Nothing is echoed before the signature holds.
 */
export function verifyEcho(
	crypto: WeChatCrypto,
	query: object,
	freshness: FreshnessOptions,
): Verified<string> {
	const timestamp = queryString(query, 'timestamp');
	const nonce = queryString(query, 'nonce');
	const echostr = queryString(query, 'echostr');
	const msgSignature = queryString(query, 'msg_signature');
	const signature = queryString(query, 'signature');
	if (timestamp === undefined || nonce === undefined || (msgSignature ?? signature) === undefined) {
		return refuse(403, 'missing signature');
	}
	if (echostr === undefined || echostr === '') return refuse(400, 'missing echostr');
	if (echostr.length > MAX_ECHOSTR_LENGTH) return refuse(400, 'echostr too long');
	// The plain form's signature does not cover the echostr: only WeChat's shape is echoed.
	if (msgSignature === undefined && !ECHO_TEXT.test(echostr)) return refuse(400, 'invalid echostr');

	if (msgSignature !== undefined) {
		if (!crypto.verifySignature(msgSignature, timestamp, nonce, echostr)) {
			return signatureMismatch(timestamp, freshness);
		}
	} else if (!crypto.verifySignature(signature as string, timestamp, nonce, '')) {
		// sha1(sort(token, timestamp, nonce, '')) equals the plain sha1(sort(token, timestamp,
		// nonce)): the empty string adds nothing wherever it sorts. Same constant-time compare.
		return signatureMismatch(timestamp, freshness);
	}
	const stale = checkFreshness(timestamp, freshness);
	if (stale) return { ok: false, rejection: stale };

	if (msgSignature === undefined) return { ok: true, value: echostr };
	let plain: string;
	try {
		plain = crypto.decrypt(echostr);
	} catch (error) {
		return decryptFailure(error);
	}
	return ECHO_TEXT.test(plain) ? { ok: true, value: plain } : refuse(400, 'invalid echostr');
}
