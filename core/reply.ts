/**
 * Passive replies: the reply XML WeChat expects for a content (core/content.ts; WeChat's
 * "被动回复用户消息" document) and its encrypted envelope (the official WXBizMsgCrypt template,
 * byte for byte).
 *
 * Text values go into CDATA. So that any string survives the trip through an XML parser exactly:
 * `]]>` is split across two CDATA sections, a carriage return is written as `&#13;` between
 * sections (parsers turn a raw CR into LF), and characters XML 1.0 cannot carry at all (control
 * characters other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) are dropped.
 */
import { randomInt } from 'node:crypto';

import { MAX_NEWS_ARTICLES, type NewsArticle, type PassiveReply } from './content';
import { WeChatCrypto, WeChatCryptoError, WeChatCryptoErrorCode } from './crypto';
import { parseMessage, type XmlLimits } from './xml';

export interface ReplyAddressing {
	/** The user's OpenID (the inbound FromUserName). */
	toUserName: string;
	/** The account's original id, gh_… (the inbound ToUserName). */
	fromUserName: string;
	/** Seconds since the epoch; defaults to now. */
	createTime?: number;
}

export interface EncryptedReplyOptions {
	timestamp: string;
	nonce: string;
	/** Fixed 16-byte random prefix (tests and published vectors); random by default. */
	random?: string | Buffer;
	/** Encrypt with the previous key: answer a message that only the previous key decrypted. */
	usePreviousKey?: boolean;
}

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// The fast checks, which together find every character NOT_XML_CHAR would drop: a class of
// control characters only (V8 scans it about twice as fast as one that also holds U+FFFE/U+FFFF,
// 2.8 µs against 5.4 µs over 9,600 Chinese/Latin characters), single-character searches for the
// two non-characters, and isWellFormed() for lone surrogates.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** Wraps a string in CDATA so that any content round-trips (see the file comment). */
export function cdata(value: string): string {
	let text = value;
	if (
		CONTROL.test(text) ||
		text.includes('\uFFFE') ||
		text.includes('\uFFFF') ||
		!(text as unknown as { isWellFormed(): boolean }).isWellFormed()
	) {
		text = text.replace(NOT_XML_CHAR, '');
	}
	if (text.includes(']]>')) text = text.split(']]>').join(']]]]><![CDATA[>');
	if (text.includes('\r')) text = text.split('\r').join(']]>&#13;<![CDATA[');
	return `<![CDATA[${text}]]>`;
}

/** Content that cannot become reply XML: a bug or a bad value in the caller, not WeChat. */
function invalidReply(message: string): WeChatCryptoError {
	return new WeChatCryptoError(
		WeChatCryptoErrorCode.GenReturnXmlError,
		message,
		'check the reply content: every required field filled, 1 to 8 news articles, a known message type',
	);
}

function requireString(value: unknown, what: string, allowEmpty = false): string {
	if (typeof value !== 'string' || (!allowEmpty && value === '')) {
		throw invalidReply(`${what} must be a${allowEmpty ? '' : ' non-empty'} string`);
	}
	return value;
}

function element(name: string, value: string): string {
	return `<${name}>${cdata(value)}</${name}>`;
}

function optionalElement(name: string, value: unknown, what: string): string {
	return value === undefined ? '' : element(name, requireString(value, what, true));
}

function replyBody(reply: PassiveReply): string {
	switch (reply.type) {
		case 'text':
			return element('Content', requireString(reply.content, 'Text reply content', true));
		case 'image':
			return `<Image>${element('MediaId', requireString(reply.mediaId, 'Image reply mediaId'))}</Image>`;
		case 'voice':
			return `<Voice>${element('MediaId', requireString(reply.mediaId, 'Voice reply mediaId'))}</Voice>`;
		case 'video':
			return (
				'<Video>' +
				element('MediaId', requireString(reply.mediaId, 'Video reply mediaId')) +
				optionalElement('Title', reply.title, 'Video reply title') +
				optionalElement('Description', reply.description, 'Video reply description') +
				'</Video>'
			);
		case 'music':
			return (
				'<Music>' +
				optionalElement('Title', reply.title, 'Music reply title') +
				optionalElement('Description', reply.description, 'Music reply description') +
				optionalElement('MusicUrl', reply.musicUrl, 'Music reply musicUrl') +
				optionalElement('HQMusicUrl', reply.hqMusicUrl, 'Music reply hqMusicUrl') +
				element('ThumbMediaId', requireString(reply.thumbMediaId, 'Music reply thumbMediaId')) +
				'</Music>'
			);
		case 'news': {
			const articles: unknown = reply.articles;
			if (!Array.isArray(articles) || articles.length < 1 || articles.length > MAX_NEWS_ARTICLES) {
				throw invalidReply(`A news reply needs 1 to ${MAX_NEWS_ARTICLES} articles`);
			}
			const items = (articles as NewsArticle[]).map(
				(article, index) =>
					'<item>' +
					element('Title', requireString(article?.title, `News article ${index + 1} title`, true)) +
					optionalElement(
						'Description',
						article.description,
						`News article ${index + 1} description`,
					) +
					optionalElement('PicUrl', article.picUrl, `News article ${index + 1} picUrl`) +
					optionalElement('Url', article.url, `News article ${index + 1} url`) +
					'</item>',
			);
			return `<ArticleCount>${articles.length}</ArticleCount><Articles>${items.join('')}</Articles>`;
		}
		case 'transfer_customer_service':
			return reply.kfAccount === undefined
				? ''
				: `<TransInfo>${element('KfAccount', requireString(reply.kfAccount, 'kfAccount'))}</TransInfo>`;
		default:
			throw invalidReply(
				`Unsupported passive reply type: ${String((reply as { type?: unknown })?.type)}`,
			);
	}
}

/** The plaintext passive-reply XML (encrypt it with buildEncryptedReply). */
export function buildReplyXml(reply: PassiveReply, to: ReplyAddressing): string {
	if (reply === null || typeof reply !== 'object')
		throw invalidReply('A passive reply object is required');
	const toUserName = requireString(to?.toUserName, 'toUserName');
	const fromUserName = requireString(to?.fromUserName, 'fromUserName');
	const createTime = to.createTime ?? Math.floor(Date.now() / 1000);
	if (!Number.isSafeInteger(createTime) || createTime < 0) {
		throw invalidReply('createTime must be a whole number of seconds');
	}
	const body = replyBody(reply);
	return (
		'<xml>' +
		element('ToUserName', toUserName) +
		element('FromUserName', fromUserName) +
		`<CreateTime>${createTime}</CreateTime>` +
		element('MsgType', reply.type) +
		body +
		'</xml>'
	);
}

const TIMESTAMP = /^[0-9]{1,20}$/;
const NONCE = /^[\x21-\x7e]{1,128}$/;

/**
 * Whether `nonce` may go into a reply envelope as is: 1 to 128 printable ASCII characters that
 * cannot close the CDATA section around it. Callers echo an inbound nonce only when this holds.
 */
export function isReplyNonce(nonce: unknown): nonce is string {
	return typeof nonce === 'string' && NONCE.test(nonce) && !nonce.includes(']]>');
}

/** Encrypts and signs a reply into WeChat's envelope (official template, byte for byte). */
export function buildEncryptedReply(
	crypto: WeChatCrypto,
	plaintextXml: string,
	options: EncryptedReplyOptions,
): string {
	const { timestamp, nonce } = options;
	// Both usually echo query parameters: keep anything that could break the template out.
	if (typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp)) {
		throw new WeChatCryptoError(
			WeChatCryptoErrorCode.GenReturnXmlError,
			'The reply timestamp must be digits',
		);
	}
	if (!isReplyNonce(nonce)) {
		throw new WeChatCryptoError(
			WeChatCryptoErrorCode.GenReturnXmlError,
			'The reply nonce must be 1 to 128 printable ASCII characters',
		);
	}
	const encrypt = crypto.encrypt(plaintextXml, options.random, {
		usePreviousKey: options.usePreviousKey === true,
	});
	const signature = crypto.signature(timestamp, nonce, encrypt);
	return (
		'<xml>\n' +
		`<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n` +
		`<MsgSignature><![CDATA[${signature}]]></MsgSignature>\n` +
		`<TimeStamp>${timestamp}</TimeStamp>\n` +
		`<Nonce><![CDATA[${nonce}]]></Nonce>\n` +
		'</xml>'
	);
}

export interface PassiveAnswer extends Omit<ReplyAddressing, 'createTime'> {
	/** Now, in ms since the epoch: the reply's CreateTime and the envelope's TimeStamp. */
	nowMs: number;
	/** The nonce of the push being answered; echoed when isReplyNonce allows, else a fresh one. */
	inboundNonce?: unknown;
	/** The push was decrypted with the previous EncodingAESKey: answer with that key. */
	usePreviousKey?: boolean;
}

/**
 * The encrypted passive reply to a push, the one way both nodes answer: reply XML, encrypted with
 * the key that opened the push (so a message that only the previous EncodingAESKey decrypted is
 * answered with it, as WeChat expects during a key change), the push's nonce echoed as WeChat's
 * documentation allows.
 */
export function buildPassiveReply(
	crypto: WeChatCrypto,
	reply: PassiveReply,
	answer: PassiveAnswer,
): string {
	const seconds = Math.floor(answer.nowMs / 1000);
	const xml = buildReplyXml(reply, {
		toUserName: answer.toUserName,
		fromUserName: answer.fromUserName,
		createTime: seconds,
	});
	return buildEncryptedReply(crypto, xml, {
		timestamp: String(seconds),
		nonce: isReplyNonce(answer.inboundNonce) ? answer.inboundNonce : String(randomInt(1e9)),
		usePreviousKey: answer.usePreviousKey === true,
	});
}

export interface OpenedReply {
	plaintext: string;
	signatureValid: boolean;
	timestamp: string;
	nonce: string;
	usedPreviousKey: boolean;
}

/** Reads an encrypted reply envelope back (what WeChat does with it); for tests and tools. */
export function openEncryptedReply(
	crypto: WeChatCrypto,
	xml: string | Buffer,
	limits?: XmlLimits,
): OpenedReply {
	const fields = parseMessage(xml, limits);
	const { Encrypt, MsgSignature, TimeStamp, Nonce } = fields;
	if (
		typeof Encrypt !== 'string' ||
		typeof MsgSignature !== 'string' ||
		typeof TimeStamp !== 'string' ||
		typeof Nonce !== 'string'
	) {
		throw new WeChatCryptoError(
			WeChatCryptoErrorCode.ParseXmlError,
			'Not an encrypted reply: Encrypt, MsgSignature, TimeStamp and Nonce are required',
		);
	}
	const signatureValid = crypto.verifySignature(MsgSignature, TimeStamp, Nonce, Encrypt);
	const { message, usedPreviousKey } = crypto.decryptDetailed(Encrypt);
	return {
		plaintext: message,
		signatureValid,
		timestamp: TimeStamp,
		nonce: Nonce,
		usedPreviousKey,
	};
}
