import {
	DEFAULT_MAX_XML_BYTES,
	WeChatCryptoErrorCode,
	parseEnvelope,
	parseMessage,
} from '../../index';
import { codeOf as parseCode } from '../helpers/cryptoErrorCode';
import { vector } from '../helpers/vectors';

const PARSE = WeChatCryptoErrorCode.ParseXmlError;

describe('parseMessage', () => {
	it('parses the published decrypted messages with WeChat field names, all strings', () => {
		expect(parseMessage(vector('TV1').inbound!.expected.msg)).toEqual({
			ToUserName: 'gh_97417a04a28d',
			FromUserName: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
			CreateTime: '1715943329',
			MsgType: 'event',
			Event: 'debug_demo',
			debug_str: 'hello world',
		});
		expect(parseMessage(vector('TV2').inbound!.expected.msg)).toEqual({
			ToUserName: 'gh_10f6c3c3ac5a',
			FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
			CreateTime: '1409735668',
			MsgType: 'text',
			Content: 'abcdteT',
			MsgId: '6054768590064713728',
		});
	});

	it('keeps values exactly: 64-bit ids, leading zeros, whitespace, newlines, CDATA', () => {
		const xml =
			'<xml><MsgId>18446744073709551615</MsgId><EventKey>007</EventKey>' +
			'<Content><![CDATA[  two\n lines  ]]></Content><Label>  spaced  </Label>' +
			'<Empty></Empty><SelfClosed/><EmptyCdata><![CDATA[]]></EmptyCdata>' +
			'<Joined><![CDATA[a]]]]><![CDATA[>b]]></Joined><Mixed>x &amp; <![CDATA[&amp;]]></Mixed>' +
			'<Refs>&lt;&gt;&quot;&apos;&#20013;&#x6587;&#128512;</Refs><Float>1.50</Float><Neg>-0</Neg></xml>';
		expect(parseMessage(xml)).toEqual({
			MsgId: '18446744073709551615',
			EventKey: '007',
			Content: '  two\n lines  ',
			Label: '  spaced  ',
			Empty: '',
			SelfClosed: '',
			EmptyCdata: '',
			Joined: 'a]]>b',
			Mixed: 'x & &amp;',
			Refs: '<>"\'中文😀',
			Float: '1.50',
			Neg: '-0',
		});
	});

	it('accepts a leading XML declaration, a BOM and formatting whitespace', () => {
		const xml =
			'\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <A>1</A>\n  <B>2</B>\n</xml>\n';
		expect(parseMessage(xml)).toEqual({ A: '1', B: '2' });
		expect(parseMessage(Buffer.from(xml))).toEqual({ A: '1', B: '2' });
	});

	it('nests structures and makes every item an array', () => {
		const xml = `<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[pic_weixin]]></Event>
<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>
<SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item></PicList></SendPicsInfo>
<SendLocationInfo><Location_X><![CDATA[23]]></Location_X><Location_Y><![CDATA[113]]></Location_Y><Scale><![CDATA[15]]></Scale><Label><![CDATA[ 广州市 ]]></Label><Poiname><![CDATA[]]></Poiname></SendLocationInfo>
<Articles><item><Title>a</Title></item><item><Title>b</Title><Url>http://x/?a=1&amp;b=2</Url></item></Articles>
<CopyrightCheckResult><Count>2</Count><ResultList><item><ArticleIdx>1</ArticleIdx></item></ResultList><CheckState>2</CheckState></CopyrightCheckResult>
</xml>`;
		expect(parseMessage(xml)).toEqual({
			MsgType: 'event',
			Event: 'pic_weixin',
			ScanCodeInfo: { ScanType: 'qrcode', ScanResult: '1' },
			SendPicsInfo: {
				Count: '1',
				PicList: { item: [{ PicMd5Sum: '1b5f7c23b5bf75682a53e7b6d163e185' }] },
			},
			SendLocationInfo: {
				Location_X: '23',
				Location_Y: '113',
				Scale: '15',
				Label: ' 广州市 ',
				Poiname: '',
			},
			Articles: { item: [{ Title: 'a' }, { Title: 'b', Url: 'http://x/?a=1&b=2' }] },
			CopyrightCheckResult: {
				Count: '2',
				ResultList: { item: [{ ArticleIdx: '1' }] },
				CheckState: '2',
			},
		});
	});

	it('turns other repeated elements into arrays, keeps stray text under #text, ignores attributes', () => {
		expect(parseMessage('<xml><A>1</A><B>x</B><A>2</A><A>3</A></xml>')).toEqual({
			A: ['1', '2', '3'],
			B: 'x',
		});
		expect(parseMessage('<xml><A>x<B>y</B>z</A></xml>')).toEqual({ A: { B: 'y', '#text': 'xz' } });
		expect(parseMessage('<xml id="1"><A lang="en">v</A></xml>')).toEqual({ A: 'v' });
		expect(parseMessage('<xml><A>a<!-- note -->b</A></xml>')).toEqual({ A: 'ab' });
	});

	it('returns long CDATA sections exactly (they are lifted out before parsing)', () => {
		const long = (seed: string) => seed.repeat(300);
		const a = long('a]]b<c>&amp;中😀 ');
		const b = long('x\ty');
		const xml =
			`<xml><A><![CDATA[${a}]]></A><B>pre<![CDATA[${b}]]>mid<![CDATA[${a}]]>post</B>` +
			`<C><![CDATA[${long('r\r\nn\r')}]]></C><D><E><![CDATA[${b}]]></E><item><![CDATA[${a}]]></item></D></xml>`;
		expect(parseMessage(xml)).toEqual({
			A: a,
			B: `pre${b}mid${a}post`,
			C: long('r\nn\n'),
			D: { E: b, item: [a] },
		});
		// A document that already contains the private-use marker is parsed whole, still exactly.
		const marked = long('\uE0000\uE001');
		expect(parseMessage(`<xml><A><![CDATA[${marked}]]></A><B><![CDATA[${a}]]></B></xml>`)).toEqual({
			A: marked,
			B: a,
		});
		expect(parseMessage(`<xml><A>\uE0000\uE001</A><B><![CDATA[${a}]]></B></xml>`)).toEqual({
			A: '\uE0000\uE001',
			B: a,
		});
		// Markup mistakes around a lifted section are still caught.
		expect(parseCode(() => parseMessage(`<xml><A><![CDATA[${a}]]></B></xml>`))).toBe(PARSE);
		expect(parseCode(() => parseMessage(`<xml><A><![CDATA[${a}]]></A>`))).toBe(PARSE);
	});

	it('refuses DOCTYPE and entity declarations without expanding them', () => {
		const billionLaughs =
			'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' +
			'<xml><Content>&lol2;</Content></xml>';
		const external =
			'<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><A>&xxe;</A></xml>';
		const cases = [
			billionLaughs,
			external,
			'<!DOCTYPE xml><xml><A>1</A></xml>',
			'<xml><!ENTITY e "x"><A>1</A></xml>',
			'<xml><A>&undefined;</A></xml>',
			'<xml><A>&#0;</A></xml>',
			'<xml><A>&#xD800;</A></xml>',
		];
		for (const xml of cases)
			expect([xml, parseCode(() => parseMessage(xml))]).toEqual([xml, PARSE]);
		expect(() => parseMessage(external)).toThrow(/DOCTYPE/);
	});

	it('refuses processing instructions other than the XML declaration', () => {
		for (const xml of [
			'<?xml-stylesheet href="x.xsl"?><xml><A>1</A></xml>',
			'<xml><?php echo 1; ?><A>1</A></xml>',
			'<xml><A>1</A></xml><?pi?>',
			' <?xml version="1.0"?><xml/>',
		]) {
			expect([xml, parseCode(() => parseMessage(xml))]).toEqual([xml, PARSE]);
		}
	});

	it('treats declarations inside CDATA and comments as text', () => {
		expect(
			parseMessage('<xml><A><![CDATA[<!DOCTYPE x> &e; <?pi?>]]></A><!-- <!ENTITY --></xml>'),
		).toEqual({
			A: '<!DOCTYPE x> &e; <?pi?>',
		});
	});

	it('refuses malformed XML with -40002 and a short message', () => {
		const cases = [
			'',
			'not xml',
			'<xml><A>1</B></xml>',
			'<xml><A>1</A>',
			'<xml><A>a & b</A></xml>',
			'<xml><A>a < b</A></xml>',
			'<xml><A><![CDATA[open</A></xml>',
			'<xml><A>1</A></xml>trailing',
			'<xml><A>1</A></xml><xml/>',
			'<other><A>1</A></other>',
			'<xml><constructor>1</constructor></xml>',
		];
		for (const xml of cases) {
			expect([xml, parseCode(() => parseMessage(xml))]).toEqual([xml, PARSE]);
			try {
				parseMessage(xml);
			} catch (error) {
				expect((error as Error).message.length).toBeLessThan(80);
			}
		}
		expect(parseCode(() => parseMessage(42 as unknown as string))).toBe(PARSE);
	});

	it('enforces the size limit in bytes, 1 MiB by default', () => {
		expect(DEFAULT_MAX_XML_BYTES).toBe(1024 * 1024);
		const filler = (n: number) => `<xml><A>${'x'.repeat(n - 18)}</A></xml>`;
		expect(filler(DEFAULT_MAX_XML_BYTES).length).toBe(DEFAULT_MAX_XML_BYTES);
		expect(parseMessage(filler(DEFAULT_MAX_XML_BYTES)).A).toHaveLength(DEFAULT_MAX_XML_BYTES - 18);
		expect(parseCode(() => parseMessage(filler(DEFAULT_MAX_XML_BYTES + 1)))).toBe(PARSE);
		expect(parseCode(() => parseEnvelope(Buffer.from(filler(DEFAULT_MAX_XML_BYTES + 1))))).toBe(
			PARSE,
		);
		// Multi-byte characters count as bytes, not UTF-16 units.
		const cjk = '<xml><A>' + '中'.repeat(40) + '</A></xml>';
		expect(Buffer.byteLength(cjk)).toBe(138);
		expect(parseCode(() => parseMessage(cjk, { maxBytes: 137 }))).toBe(PARSE);
		expect(parseMessage(cjk, { maxBytes: 138 }).A).toBe('中'.repeat(40));
		expect(() => parseMessage(cjk, { maxBytes: 137 })).toThrow(/137-byte limit/);
	});
});

describe('parseEnvelope', () => {
	it('reads Encrypt exactly, with ToUserName or AppId', () => {
		const t7 = vector('TV7').inbound!;
		expect(parseEnvelope(t7.body!)).toEqual({
			encrypt: t7.encrypt,
			toUserName: 'wx49f0ab532d5d035a',
		});
		const component = `<xml>\n    <AppId><![CDATA[wx134c8103faa5a59e]]></AppId>\n    <Encrypt><![CDATA[${t7.encrypt}]]></Encrypt>\n</xml>`;
		expect(parseEnvelope(Buffer.from(component))).toEqual({
			encrypt: t7.encrypt,
			appId: 'wx134c8103faa5a59e',
		});
		// Not trimmed: whatever is inside is what the signature must cover.
		expect(parseEnvelope('<xml><Encrypt> abc= </Encrypt></xml>').encrypt).toBe(' abc= ');
	});

	it('refuses envelopes without exactly one Encrypt text', () => {
		for (const xml of [
			'<xml><ToUserName>gh</ToUserName></xml>',
			'<xml><Encrypt></Encrypt></xml>',
			'<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>',
			'<xml><Encrypt><A>b</A></Encrypt></xml>',
			'<!DOCTYPE xml><xml><Encrypt>a</Encrypt></xml>',
		]) {
			expect([xml, parseCode(() => parseEnvelope(xml))]).toEqual([xml, PARSE]);
		}
	});
});
