import {
	WeChatCrypto,
	WeChatCryptoError,
	WeChatCryptoErrorCode,
	buildPassiveReply,
	buildReplyXml,
	customerServiceMessage,
	isPassiveReply,
	openEncryptedReply,
	parseMessage,
	type MessageContent,
} from '../../index';
import {
	REPLY_CONTEXT_FIELD,
	REPLY_WINDOW_MS,
	readReplyContext,
	replyContext,
	replyDeadline,
} from '../../nodes/shared/replyContext';
import { randomEncodingAESKey } from '../../simulator/keys';

const APPID = 'wx0123456789abcdef';
const TO = { toUserName: 'o-user', fromUserName: 'gh_0123456789ab' };

describe('one content model for both wire formats', () => {
	const contents: MessageContent[] = [
		{ type: 'text', content: 'hi' },
		{ type: 'image', mediaId: 'm' },
		{ type: 'voice', mediaId: 'm' },
		{ type: 'video', mediaId: 'm', thumbMediaId: 't', title: 'T' },
		{ type: 'music', thumbMediaId: 't' },
		{ type: 'news', articles: [{ title: 'a', url: 'https://example.com' }] },
		{ type: 'mpnews', mediaId: 'm' },
		{ type: 'msgmenu', headContent: 'h', tailContent: 't', items: [{ id: '1', content: 'x' }] },
		{ type: 'miniprogrampage', title: 't', appId: 'wx1', pagePath: 'p', thumbMediaId: 'th' },
		{ type: 'transfer_customer_service' },
		{ type: 'success' },
	];

	it('goes out as reply XML exactly for the passive kinds, as customer-service JSON for the rest', () => {
		const passive = contents.filter(isPassiveReply).map((c) => c.type);
		expect(passive.join(' ')).toBe('text image voice video music news transfer_customer_service');
		for (const content of contents.filter(isPassiveReply)) {
			const fields = parseMessage(buildReplyXml(content, { ...TO, createTime: 1 }));
			expect(fields.MsgType).toBe(content.type);
		}
		const json = contents
			.filter((c) => customerServiceMessage('o-user', c) !== undefined)
			.map((c) => c.type);
		expect(json.join(' ')).toBe('text image voice video music news mpnews msgmenu miniprogrampage');
	});

	it('writes customer-service JSON in WeChat field names, leaving out what is not set', () => {
		expect(customerServiceMessage('o-user', contents[3], 'kf@gh')).toEqual({
			touser: 'o-user',
			msgtype: 'video',
			customservice: { kf_account: 'kf@gh' },
			video: { media_id: 'm', thumb_media_id: 't', title: 'T' },
		});
		expect(customerServiceMessage('o-user', contents[8])).toEqual({
			touser: 'o-user',
			msgtype: 'miniprogrampage',
			miniprogrampage: { title: 't', appid: 'wx1', pagepath: 'p', thumb_media_id: 'th' },
		});
	});

	it('refuses content it cannot build with a typed error that carries a hint', () => {
		try {
			buildReplyXml({ type: 'news', articles: [] }, TO);
			throw new Error('accepted');
		} catch (error) {
			expect(error).toBeInstanceOf(WeChatCryptoError);
			expect((error as WeChatCryptoError).code).toBe(WeChatCryptoErrorCode.GenReturnXmlError);
			expect((error as WeChatCryptoError).hint).toMatch(/news articles/);
		}
	});
});

describe('buildPassiveReply', () => {
	const current = randomEncodingAESKey();
	const previous = randomEncodingAESKey();
	const keys = { token: 'tok', appId: APPID };
	const crypto = new WeChatCrypto({
		...keys,
		encodingAESKey: current,
		previousEncodingAESKey: previous,
	});
	const previousOnly = new WeChatCrypto({ ...keys, encodingAESKey: previous });

	it('echoes a usable inbound nonce, signs, and stamps CreateTime and TimeStamp from nowMs', () => {
		const body = buildPassiveReply(
			crypto,
			{ type: 'text', content: 'hi' },
			{ ...TO, nowMs: 1_700_000_000_999, inboundNonce: 'abc123' },
		);
		const opened = openEncryptedReply(crypto, body);
		expect(opened).toMatchObject({
			signatureValid: true,
			nonce: 'abc123',
			timestamp: '1700000000',
			usedPreviousKey: false,
		});
		expect(parseMessage(opened.plaintext)).toMatchObject({
			ToUserName: 'o-user',
			CreateTime: '1700000000',
			Content: 'hi',
		});
	});

	it('makes up a nonce when the inbound one could break the envelope, and answers with the previous key', () => {
		const body = buildPassiveReply(
			crypto,
			{ type: 'text', content: 'hi' },
			{ ...TO, nowMs: 1_000, inboundNonce: 'a]]>b', usePreviousKey: true },
		);
		const opened = openEncryptedReply(previousOnly, body);
		expect(opened.signatureValid).toBe(true);
		expect(opened.nonce).toMatch(/^[0-9]+$/);
	});
});

describe('the _wechat reply context', () => {
	it('reads back exactly what the trigger wrote', () => {
		const written = replyContext(
			{ timestamp: '1700000000', nonce: 'n1', usedPreviousKey: true },
			'responseNode',
			1_700_000_000_123,
		);
		expect(written.replyDeadline).toBe(1_700_000_000_123 + REPLY_WINDOW_MS);
		const item = { [REPLY_CONTEXT_FIELD]: { ...written }, receivedAt: '2000-01-01T00:00:00Z' };
		expect(readReplyContext(item)).toEqual(written);
	});

	it('keeps only well-typed fields and falls back to receivedAt for the arrival time', () => {
		const read = readReplyContext({
			receivedAt: new Date(5_000).toISOString(),
			[REPLY_CONTEXT_FIELD]: {
				responseMode: 'later',
				nonce: '',
				webhookAt: 'x',
				usedPreviousKey: 1,
			},
		});
		expect(read).toEqual({ usedPreviousKey: false, webhookAt: 5_000 });
		expect(replyDeadline(read)).toBe(5_000 + REPLY_WINDOW_MS);
		expect(replyDeadline(read, 1)).toBe(6_000);
		expect(replyDeadline(readReplyContext({}))).toBe(-Infinity);
	});
});
