import fc from 'fast-check';

import {
	WeChatCrypto,
	WeChatCryptoError,
	WeChatCryptoErrorCode,
	buildEncryptedReply,
	buildReplyXml,
	openEncryptedReply,
	parseMessage,
	type PassiveReply,
} from '../../index';
import { vector } from '../helpers/vectors';

const TO = {
	toUserName: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
	fromUserName: 'gh_97417a04a28d',
	createTime: 1715943329,
};
const HEADER = {
	ToUserName: TO.toUserName,
	FromUserName: TO.fromUserName,
	CreateTime: '1715943329',
};

describe('buildReplyXml', () => {
	it('builds each reply type in WeChat field order', () => {
		expect(buildReplyXml({ type: 'text', content: '你好' }, TO)).toBe(
			'<xml><ToUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></ToUserName>' +
				'<FromUserName><![CDATA[gh_97417a04a28d]]></FromUserName><CreateTime>1715943329</CreateTime>' +
				'<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>',
		);
		expect(buildReplyXml({ type: 'image', mediaId: 'm1' }, TO)).toContain(
			'<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[m1]]></MediaId></Image></xml>',
		);
		expect(buildReplyXml({ type: 'voice', mediaId: 'm2' }, TO)).toContain(
			'<Voice><MediaId><![CDATA[m2]]></MediaId></Voice>',
		);
		expect(
			buildReplyXml({ type: 'video', mediaId: 'm3', title: 't', description: 'd' }, TO),
		).toContain(
			'<Video><MediaId><![CDATA[m3]]></MediaId><Title><![CDATA[t]]></Title><Description><![CDATA[d]]></Description></Video>',
		);
		expect(
			buildReplyXml(
				{
					type: 'music',
					title: 't',
					description: 'd',
					musicUrl: 'u',
					hqMusicUrl: 'h',
					thumbMediaId: 'th',
				},
				TO,
			),
		).toContain(
			'<Music><Title><![CDATA[t]]></Title><Description><![CDATA[d]]></Description><MusicUrl><![CDATA[u]]></MusicUrl>' +
				'<HQMusicUrl><![CDATA[h]]></HQMusicUrl><ThumbMediaId><![CDATA[th]]></ThumbMediaId></Music>',
		);
		expect(
			buildReplyXml(
				{ type: 'news', articles: [{ title: 'a', description: 'b', picUrl: 'p', url: 'u' }] },
				TO,
			),
		).toContain(
			'<ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[a]]></Title><Description><![CDATA[b]]></Description>' +
				'<PicUrl><![CDATA[p]]></PicUrl><Url><![CDATA[u]]></Url></item></Articles></xml>',
		);
		expect(buildReplyXml({ type: 'transfer_customer_service' }, TO)).toMatch(
			/<MsgType><!\[CDATA\[transfer_customer_service\]\]><\/MsgType><\/xml>$/,
		);
		expect(
			buildReplyXml({ type: 'transfer_customer_service', kfAccount: 'test1@test' }, TO),
		).toContain('<TransInfo><KfAccount><![CDATA[test1@test]]></KfAccount></TransInfo>');
	});

	it('parses back to the same fields', () => {
		expect(parseMessage(buildReplyXml({ type: 'video', mediaId: 'm3' }, TO))).toEqual({
			...HEADER,
			MsgType: 'video',
			Video: { MediaId: 'm3' },
		});
		expect(
			parseMessage(
				buildReplyXml({ type: 'news', articles: [{ title: 'a' }, { title: 'b', url: 'u' }] }, TO),
			),
		).toEqual({
			...HEADER,
			MsgType: 'news',
			ArticleCount: '2',
			Articles: { item: [{ Title: 'a' }, { Title: 'b', Url: 'u' }] },
		});
	});

	it('keeps content with ]]>, CR and markup valid and exact', () => {
		const content = 'a]]>b]]]]>c<![CDATA[x]]>\r\n<b>&amp;</b>]]';
		const xml = buildReplyXml({ type: 'text', content }, TO);
		expect(xml).toContain('a]]]]><![CDATA[>b');
		expect(parseMessage(xml).Content).toBe(content);
	});

	it('drops characters XML 1.0 cannot carry', () => {
		const xml = buildReplyXml(
			{ type: 'text', content: 'a\u0000b\u0001c\u000bd\uFFFEe\uD800f\tg' },
			TO,
		);
		expect(parseMessage(xml).Content).toBe('abcdef\tg');
	});

	it('drops each kind of character XML 1.0 cannot carry when it is the only one in the text', () => {
		// cdata looks for each kind with its own check; every check must catch its kind alone.
		for (const [bad, kind] of [
			['\u0000', 'NUL'],
			['\u001F', 'a control character'],
			['\uFFFE', 'U+FFFE'],
			['\uFFFF', 'U+FFFF'],
			['\uD83D', 'a lone high surrogate'],
			['\uDE00', 'a lone low surrogate'],
		]) {
			const xml = buildReplyXml({ type: 'text', content: `中a${bad}b😀\n` }, TO);
			expect({ kind, content: parseMessage(xml).Content }).toEqual({ kind, content: '中ab😀\n' });
		}
	});

	it('defaults CreateTime to now, in seconds', () => {
		const before = Math.floor(Date.now() / 1000);
		const created = Number(
			parseMessage(buildReplyXml({ type: 'text', content: 'x' }, { ...TO, createTime: undefined }))
				.CreateTime,
		);
		expect(created).toBeGreaterThanOrEqual(before);
		expect(created).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
	});

	it('refuses bad input with a clear Error', () => {
		const articles = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `t${i}` }));
		expect(() => buildReplyXml({ type: 'news', articles: [] }, TO)).toThrow(
			'A news reply needs 1 to 8 articles',
		);
		expect(() => buildReplyXml({ type: 'news', articles: articles(9) }, TO)).toThrow(
			'1 to 8 articles',
		);
		expect(buildReplyXml({ type: 'news', articles: articles(8) }, TO)).toContain(
			'<ArticleCount>8</ArticleCount>',
		);
		expect(() => buildReplyXml({ type: 'image', mediaId: '' }, TO)).toThrow('Image reply mediaId');
		expect(() => buildReplyXml({ type: 'music' } as PassiveReply, TO)).toThrow('thumbMediaId');
		expect(() => buildReplyXml({ type: 'sticker' } as unknown as PassiveReply, TO)).toThrow(
			'Unsupported passive reply type: sticker',
		);
		expect(() => buildReplyXml({ type: 'text', content: 'x' }, { ...TO, toUserName: '' })).toThrow(
			'toUserName',
		);
		expect(() => buildReplyXml({ type: 'text', content: 'x' }, { ...TO, createTime: 1.5 })).toThrow(
			'createTime',
		);
	});
});

describe('buildEncryptedReply', () => {
	const v = vector('TV7');
	const crypto = new WeChatCrypto({
		token: v.token,
		encodingAESKey: v.encodingAESKey,
		appId: v.receiveId,
	});

	it('refuses a timestamp or nonce that would break the template, with -40011', () => {
		for (const [timestamp, nonce] of [
			['12a', '1'],
			['', '1'],
			['1', ''],
			['1', 'a]]>b'],
			['1', 'with space'],
			['1', 'x'.repeat(129)],
		]) {
			try {
				buildEncryptedReply(crypto, '<xml/>', { timestamp, nonce });
				throw new Error('accepted');
			} catch (error) {
				expect(error).toBeInstanceOf(WeChatCryptoError);
				expect((error as WeChatCryptoError).code).toBe(WeChatCryptoErrorCode.GenReturnXmlError);
			}
		}
	});

	it('openEncryptedReply reports a forged signature', () => {
		const xml = buildEncryptedReply(crypto, '<xml/>', { timestamp: '1', nonce: '2' });
		const forged = xml.replace('<TimeStamp>1</TimeStamp>', '<TimeStamp>3</TimeStamp>');
		expect(openEncryptedReply(crypto, forged)).toMatchObject({
			plaintext: '<xml/>',
			signatureValid: false,
		});
		expect(() => openEncryptedReply(crypto, '<xml><Encrypt>x</Encrypt></xml>')).toThrow(
			WeChatCryptoError,
		);
	});
});

describe('properties', () => {
	const v = vector('TV4');
	const crypto = new WeChatCrypto({
		token: v.token,
		encodingAESKey: v.encodingAESKey,
		appId: v.receiveId,
	});
	// Any Unicode (full range, no lone surrogates), weighted towards the characters that matter here.
	const text = fc.oneof(
		fc.string({ unit: 'binary', maxLength: 300 }),
		fc.string({
			unit: fc.constantFrom(']]>', ']', '>', '<', '&', '\r', '\n', '😀', '中', ' ', 'a'),
			maxLength: 40,
		}),
	);
	// What XML 1.0 can carry (the builder drops the rest, see the test above).
	const xmlText = text.map((s) =>
		s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''),
	);
	const id = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 });
	const random16 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((a) => Buffer.from(a));

	it('encrypt → decrypt returns any Unicode message, including empty, emoji, CJK and ]]>', () => {
		fc.assert(
			fc.property(text, random16, (message, random) => {
				const encrypted = crypto.encrypt(message, random);
				expect(Buffer.from(encrypted, 'base64').length % 32).toBe(0);
				const result = crypto.decryptDetailed(encrypted);
				expect(result.message).toBe(message);
				expect(result.random.equals(random)).toBe(true);
			}),
			{ numRuns: 300 },
		);
		for (const message of ['', '😀', '中文', ']]>'])
			expect(crypto.decrypt(crypto.encrypt(message))).toBe(message);
	});

	const article = fc.record(
		{ title: xmlText, description: xmlText, picUrl: xmlText, url: xmlText },
		{ requiredKeys: ['title'] },
	);
	const reply: fc.Arbitrary<PassiveReply> = fc.oneof(
		fc.record({ type: fc.constant('text' as const), content: xmlText }),
		fc.record({ type: fc.constantFrom('image' as const, 'voice' as const), mediaId: id }),
		fc.record(
			{ type: fc.constant('video' as const), mediaId: id, title: xmlText, description: xmlText },
			{ requiredKeys: ['type', 'mediaId'] },
		),
		fc.record(
			{
				type: fc.constant('music' as const),
				title: xmlText,
				description: xmlText,
				musicUrl: xmlText,
				hqMusicUrl: xmlText,
				thumbMediaId: id,
			},
			{ requiredKeys: ['type', 'thumbMediaId'] },
		),
		fc.record({
			type: fc.constant('news' as const),
			articles: fc.array(article, { minLength: 1, maxLength: 8 }),
		}),
		fc.record(
			{ type: fc.constant('transfer_customer_service' as const), kfAccount: id },
			{ requiredKeys: ['type'] },
		),
	);

	/** What parseMessage must return for a reply: WeChat's names, strings, items as arrays. */
	function expectedFields(r: PassiveReply): Record<string, unknown> {
		const pick = (pairs: Array<[string, string | undefined]>) =>
			Object.fromEntries(pairs.filter((p): p is [string, string] => p[1] !== undefined));
		switch (r.type) {
			case 'text':
				return { Content: r.content };
			case 'image':
				return { Image: { MediaId: r.mediaId } };
			case 'voice':
				return { Voice: { MediaId: r.mediaId } };
			case 'video':
				return {
					Video: pick([
						['MediaId', r.mediaId],
						['Title', r.title],
						['Description', r.description],
					]),
				};
			case 'music':
				return {
					Music: pick([
						['Title', r.title],
						['Description', r.description],
						['MusicUrl', r.musicUrl],
						['HQMusicUrl', r.hqMusicUrl],
						['ThumbMediaId', r.thumbMediaId],
					]),
				};
			case 'news':
				return {
					ArticleCount: String(r.articles.length),
					Articles: {
						item: r.articles.map((a) =>
							pick([
								['Title', a.title],
								['Description', a.description],
								['PicUrl', a.picUrl],
								['Url', a.url],
							]),
						),
					},
				};
			case 'transfer_customer_service':
				return r.kfAccount === undefined ? {} : { TransInfo: { KfAccount: r.kfAccount } };
		}
	}

	it('buildReplyXml → parseMessage returns exactly what went in, for every reply type', () => {
		fc.assert(
			fc.property(
				reply,
				id,
				id,
				fc.integer({ min: 0, max: 2 ** 32 }),
				(r, toUserName, fromUserName, createTime) => {
					const xml = buildReplyXml(r, { toUserName, fromUserName, createTime });
					expect(parseMessage(xml)).toEqual({
						ToUserName: toUserName,
						FromUserName: fromUserName,
						CreateTime: String(createTime),
						MsgType: r.type,
						...expectedFields(r),
					});
				},
			),
			{ numRuns: 400 },
		);
	});

	it('the whole outbound path opens back to the same reply', () => {
		fc.assert(
			fc.property(
				reply,
				fc.stringMatching(/^[0-9]{1,10}$/),
				fc.stringMatching(/^[A-Za-z0-9]{1,32}$/),
				(r, timestamp, nonce) => {
					const plaintext = buildReplyXml(r, TO);
					const envelope = buildEncryptedReply(crypto, plaintext, { timestamp, nonce });
					expect(openEncryptedReply(crypto, envelope)).toEqual({
						plaintext,
						signatureValid: true,
						timestamp,
						nonce,
						usedPreviousKey: false,
					});
				},
			),
			{ numRuns: 100 },
		);
	});
});
