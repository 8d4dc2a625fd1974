/**
 * WeChat's push side: builds the encrypted, signed XML requests WeChat POSTs to a platform's
 * authorization-event URL and message URL, sends them, and decrypts the passive reply that comes back.
 * Exported piece by piece so that benchmarks can pre-build requests.
 */
import { createHash, randomInt } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isNativeError } from 'node:util/types';
import { WeChatCrypto } from '../core/crypto';
import { openEncryptedReply } from '../core/reply';
import { parseMessage } from '../core/xml';

export interface PushKeys {
	appId: string;
	token: string;
	encodingAESKey: string;
}

export interface PushRequest {
	query: Record<string, string>;
	body: string;
	/** The decrypted XML inside the envelope, for assertions. */
	plaintext: string;
}

export interface PushReply {
	plaintext: string;
	signatureValid: boolean;
	fields: Record<string, unknown>;
}

export interface PushResult {
	status: number;
	body: string;
	headers: Record<string, string>;
	/** The decrypted passive reply, when the answer is an encrypted envelope that decrypts. */
	reply?: PushReply;
	/** Why an answer that looked like an encrypted envelope could not be read. */
	replyError?: string;
	/** True when no answer came within the timeout (WeChat gives up after 5 s); status is then 0. */
	timedOut?: boolean;
	elapsedMs: number;
}

/** CDATA that stays valid when the text itself contains `]]>`. */
export function cdata(text: string): string {
	return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

/** Fields WeChat writes as bare numbers; everything else goes in CDATA. */
const NUMBER_FIELDS = new Set([
	'CreateTime',
	'MsgId',
	'MsgID',
	'MsgDataId',
	'Idx',
	'AuthorizationCodeExpiredTime',
	'Location_X',
	'Location_Y',
	'Scale',
	'Latitude',
	'Longitude',
	'Precision',
	'TotalCount',
	'FilterCount',
	'SentCount',
	'ErrorCount',
	'SuccTime',
	'FailTime',
	'DelayTime',
]);

/** One flat XML document, one element per line as WeChat sends them. */
export function buildXml(fields: Record<string, string>): string {
	const lines = Object.entries(fields).map(([name, value]) => {
		if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name))
			throw new Error(`"${name}" is not a valid XML element name`);
		const v = String(value);
		const text = NUMBER_FIELDS.has(name) && /^-?\d+(\.\d+)?$/.test(v) ? v : cdata(v);
		return `<${name}>${text}</${name}>`;
	});
	return `<xml>${lines.join('\n')}\n</xml>`;
}

export function ticketXml(componentAppId: string, ticket: string, createTime: number): string {
	return buildXml({
		AppId: componentAppId,
		CreateTime: String(createTime),
		InfoType: 'component_verify_ticket',
		ComponentVerifyTicket: ticket,
	});
}

export function authorizationEventXml(e: {
	componentAppId: string;
	infoType: 'authorized' | 'updateauthorized' | 'unauthorized';
	authorizerAppId: string;
	createTime: number;
	authorizationCode?: string;
	/** Unix seconds */
	authorizationCodeExpiredTime?: number;
	preAuthCode?: string;
}): string {
	const fields: Record<string, string> = {
		AppId: e.componentAppId,
		CreateTime: String(e.createTime),
		InfoType: e.infoType,
		AuthorizerAppid: e.authorizerAppId,
	};
	if (e.infoType !== 'unauthorized') {
		fields.AuthorizationCode = e.authorizationCode ?? '';
		fields.AuthorizationCodeExpiredTime = String(
			e.authorizationCodeExpiredTime ?? e.createTime + 600,
		);
		fields.PreAuthCode = e.preAuthCode ?? '';
	}
	return buildXml(fields);
}

export function plainSignature(token: string, timestamp: string, nonce: string): string {
	return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

const cryptoCache = new Map<string, WeChatCrypto>();

export function cryptoFor(keys: PushKeys): WeChatCrypto {
	const id = `${keys.appId}\0${keys.token}\0${keys.encodingAESKey}`;
	let c = cryptoCache.get(id);
	if (!c) {
		c = new WeChatCrypto({
			appId: keys.appId,
			token: keys.token,
			encodingAESKey: keys.encodingAESKey,
		});
		cryptoCache.set(id, c);
	}
	return c;
}

export interface BuildPushOptions {
	/** Component notifications carry `<AppId>`, account messages `<ToUserName>` (the gh_ id). */
	envelope: { appId: string } | { toUserName: string };
	timestamp?: string;
	nonce?: string;
	/** Added to the query for user-originated messages, as WeChat does. */
	openid?: string;
	/** Fixed 16-byte random prefix (reproducible ciphertext). */
	random?: string | Buffer;
}

/** Encrypts and signs `plaintextXml` into the request WeChat would send. */
export function buildPush(keys: PushKeys, plaintextXml: string, o: BuildPushOptions): PushRequest {
	const crypto = cryptoFor(keys);
	const timestamp = o.timestamp ?? String(Math.floor(Date.now() / 1000));
	const nonce = o.nonce ?? String(randomInt(100_000_000, 2_147_483_647));
	const encrypt = crypto.encrypt(plaintextXml, o.random);
	const query: Record<string, string> = {
		signature: plainSignature(keys.token, timestamp, nonce),
		timestamp,
		nonce,
	};
	if (o.openid !== undefined) query.openid = o.openid;
	query.encrypt_type = 'aes';
	query.msg_signature = crypto.signature(timestamp, nonce, encrypt);
	const head =
		'appId' in o.envelope
			? `<AppId>${cdata(o.envelope.appId)}</AppId>`
			: `<ToUserName>${cdata(o.envelope.toUserName)}</ToUserName>`;
	const body = `<xml>\n    ${head}\n    <Encrypt>${cdata(encrypt)}</Encrypt>\n</xml>`;
	return { query, body, plaintext: plaintextXml };
}

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(h))
		if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
	return out;
}

export interface SendOptions {
	body: string | Buffer;
	query: Record<string, string>;
	method?: string;
	headers?: Record<string, string>;
	timeoutMs?: number;
}

/** One HTTP request as WeChat's pusher makes it (raw XML, text/xml). Never throws for HTTP-level failures. */
export function sendRaw(
	url: string,
	o: SendOptions,
): Promise<Omit<PushResult, 'reply' | 'replyError'>> {
	const target = new URL(url);
	for (const [k, v] of Object.entries(o.query)) target.searchParams.append(k, v);
	const body = typeof o.body === 'string' ? Buffer.from(o.body) : o.body;
	const started = Date.now();
	const doRequest = target.protocol === 'https:' ? httpsRequest : httpRequest;
	return new Promise((resolve, reject) => {
		let settled = false;
		const finish = (r: Omit<PushResult, 'reply' | 'replyError'> | Error) => {
			if (settled) return;
			settled = true;
			// isNativeError, not instanceof: Node's socket errors come from another realm under Jest.
			if (isNativeError(r)) reject(r);
			else resolve(r);
		};
		const req = doRequest(
			target,
			{
				method: o.method ?? 'POST',
				headers: {
					'content-type': 'text/xml',
					'user-agent': 'Mozilla/4.0',
					accept: '*/*',
					'content-length': String(body.length),
					...o.headers,
				},
				timeout: o.timeoutMs ?? 5000,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					finish({
						status: res.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
						headers: flatHeaders(res.headers),
						elapsedMs: Date.now() - started,
					}),
				);
				res.on('error', finish);
			},
		);
		// WeChat drops the connection when no answer came in time (and would retry later).
		req.on('timeout', () => {
			finish({ status: 0, body: '', headers: {}, timedOut: true, elapsedMs: Date.now() - started });
			req.destroy();
		});
		req.on('error', finish);
		req.end(body);
	});
}

/**
 * Reads a passive reply the way WeChat does: "" and "success" are plain acknowledgements; anything with
 * an <Encrypt> element must be a signed envelope with the component key.
 */
export function decodeReply(
	crypto: WeChatCrypto,
	body: string,
): { reply?: PushReply; replyError?: string } {
	if (!body.includes('<Encrypt>')) return {};
	try {
		const { plaintext, signatureValid } = openEncryptedReply(crypto, body);
		return {
			reply: {
				plaintext,
				signatureValid,
				fields: parseMessage(plaintext) as Record<string, unknown>,
			},
		};
	} catch (err) {
		return { replyError: err instanceof Error ? err.message : String(err) };
	}
}

/** Sends a built push and decrypts the answer. */
export async function deliver(
	keys: PushKeys,
	url: string,
	push: Pick<PushRequest, 'query' | 'body'>,
	timeoutMs?: number,
): Promise<PushResult> {
	const res = await sendRaw(url, { body: push.body, query: push.query, timeoutMs });
	return { ...res, ...decodeReply(cryptoFor(keys), res.body) };
}
