import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { WeChatCryptoError, parseEnvelope, parseMessage, type Envelope } from '../../index';
import { vector } from '../helpers/vectors';

/**
 * parseEnvelope runs before the signature is checked, on bodies anyone can send: it reads the
 * shapes WeChat sends with a cheap scan and never runs fast-xml-parser. These tests hold it to
 * the answer of the full parser (parseMessage on the same body, then the envelope contract:
 * Encrypt a non-empty string; ToUserName / AppId when they are strings) whenever it accepts, and
 * to a refusal without parsing for everything else.
 */
type Outcome = { envelope: Envelope } | { code: number; message: string };

function outcome(fn: () => Envelope): Outcome {
	try {
		return { envelope: fn() };
	} catch (error) {
		// Anything but a WeChatCryptoError is a bug; make it show up as a mismatch.
		if (!(error instanceof WeChatCryptoError)) return { code: 0, message: String(error) };
		return { code: error.code, message: error.message };
	}
}

function viaFullParser(body: string | Buffer): Envelope {
	const root = parseMessage(body);
	const encrypt = root.Encrypt;
	if (typeof encrypt !== 'string' || encrypt === '') {
		throw new WeChatCryptoError(-40002, 'The XML has no single Encrypt element with text');
	}
	const envelope: Envelope = { encrypt };
	if (typeof root.ToUserName === 'string') envelope.toUserName = root.ToUserName;
	if (typeof root.AppId === 'string') envelope.appId = root.AppId;
	return envelope;
}

function expectSameAnswer(body: string): void {
	expect([body, outcome(() => parseEnvelope(body))]).toEqual([
		body,
		outcome(() => viaFullParser(body)),
	]);
}

/**
 * The scan never parses, refuses only with WeChatCryptoError, and when it accepts, answers as the
 * full parser does.
 */
function expectSoundScan(body: string): void {
	let scanned: Outcome = { code: 0, message: 'not run' };
	expect(parserCalls(() => (scanned = outcome(() => parseEnvelope(body))))).toBe(0);
	if ('envelope' in scanned) {
		expect([body, scanned]).toEqual([body, outcome(() => viaFullParser(body))]);
	} else {
		expect([body, scanned.code]).toEqual([body, -40002]);
	}
}

/** Counts calls into fast-xml-parser while `fn` runs. */
function parserCalls(fn: () => unknown): number {
	const parse = jest.spyOn(XMLParser.prototype, 'parse');
	const validate = jest.spyOn(XMLValidator, 'validate');
	try {
		fn();
		return parse.mock.calls.length + validate.mock.calls.length;
	} finally {
		parse.mockRestore();
		validate.mockRestore();
	}
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
const ws = fc.string({ unit: fc.constantFrom(' ', '\n', '\t', '\r\n', '\r'), maxLength: 6 });
const base64Text = fc.string({ unit: fc.constantFrom(...BASE64), minLength: 1, maxLength: 400 });
const id = fc.string({ unit: fc.constantFrom(...'wxgh_0123456789abcdef.@-'), maxLength: 20 });
// Ids and Encrypt texts with the characters a careless fast path would get wrong.
const trickyUnit = fc.constantFrom(
	'&amp;',
	'&lt;',
	'&#65;',
	'&e;',
	'&',
	';',
	'<',
	']',
	']]>',
	'\r',
	'\r\n',
	' ',
	'中',
	'\uE000',
);
const trickyId = fc.oneof(
	id,
	fc.string({ unit: fc.oneof(fc.constantFrom(...'wx1_'), trickyUnit), maxLength: 8 }),
);
const trickyEncrypt = fc.oneof(
	base64Text,
	fc.constant(''),
	fc.string({
		unit: fc.oneof(fc.constantFrom(...BASE64), trickyUnit),
		minLength: 1,
		maxLength: 40,
	}),
);

describe('parseEnvelope scan', () => {
	it('reads the shapes WeChat sends without running fast-xml-parser', () => {
		const t7 = vector('TV7').inbound!;
		const bodies = [
			t7.body!,
			`<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[${t7.encrypt}]]></Encrypt></xml>`,
			`<xml>\n    <AppId><![CDATA[wx134c8103faa5a59e]]></AppId>\n    <Encrypt><![CDATA[${t7.encrypt}]]></Encrypt>\n</xml>`,
			`<?xml version="1.0" encoding="UTF-8"?>\n<xml><ToUserName>ww1</ToUserName><Encrypt><![CDATA[${t7.encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>\n`,
		];
		for (const body of bodies) {
			expect(parserCalls(() => parseEnvelope(body))).toBe(0);
			expect(parserCalls(() => parseEnvelope(Buffer.from('\uFEFF' + body)))).toBe(0);
			expectSameAnswer(body);
		}
		// Compatible mode (plaintext fields next to Encrypt, WeChat's own sample) is flat too.
		const compatible = vector('TV2').inbound!.postBody!;
		expect(parserCalls(() => parseEnvelope(compatible))).toBe(0);
		expectSameAnswer(compatible);
	});

	it('answers exactly as the full parser on generated envelopes in the common shapes', () => {
		const envelope = fc.record({
			bom: fc.boolean(),
			declaration: fc.constantFrom(
				'',
				'<?xml version="1.0"?>',
				'<?xml version="1.0" encoding="UTF-8"?>',
			),
			spaces: fc.array(ws, { minLength: 6, maxLength: 6 }),
			head: fc.constantFrom('', 'ToUserName', 'AppId'),
			headCdata: fc.boolean(),
			headValue: trickyId,
			encrypt: trickyEncrypt,
			agentId: fc.option(fc.stringMatching(/^\w{0,6}$/)),
		});
		fc.assert(
			fc.property(envelope, (e) => {
				const [s0, s1, s2, s3, s4, s5] = e.spaces;
				const value = e.headCdata ? `<![CDATA[${e.headValue}]]>` : e.headValue;
				const head = e.head === '' ? '' : `<${e.head}>${value}</${e.head}>${s2}`;
				const agent = e.agentId === null ? '' : `<AgentID>${e.agentId}</AgentID>${s4}`;
				const body =
					(e.bom ? '\uFEFF' : '') +
					e.declaration +
					s0 +
					`<xml>${s1}${head}<Encrypt><![CDATA[${e.encrypt}]]></Encrypt>${s3}${agent}</xml>${s5}`;
				expectSoundScan(body);
				if (/^[\w.@-]*$/.test(e.headValue) && /^[A-Za-z0-9+/=]+$/.test(e.encrypt)) {
					const expected: Envelope = { encrypt: e.encrypt };
					if (e.head === 'ToUserName') expected.toUserName = e.headValue;
					if (e.head === 'AppId') expected.appId = e.headValue;
					expect(parseEnvelope(body)).toEqual(expected);
				}
			}),
			{ numRuns: 500 },
		);
	});

	it('never parses hostile variants, and answers as the full parser when it accepts one', () => {
		const hostile = fc.constantFrom(
			'<!DOCTYPE xml>',
			'<!DOCTYPE xml [<!ENTITY e "x">]>',
			'<!ENTITY e "x">',
			'&e;',
			'&amp;',
			'&#0;',
			'&lt;',
			'<!-- c -->',
			'<!--',
			'-->',
			'<?pi x?>',
			'<?xml version="1.0"?>',
			'<![CDATA[',
			']]>',
			']]',
			'<![CDATA[x]]>',
			'<Encrypt>',
			'</Encrypt>',
			'<Encrypt><![CDATA[QUJD]]></Encrypt>',
			'<ToUserName>gh</ToUserName>',
			'<AppId><![CDATA[wx1]]></AppId>',
			'<AgentID>1</AgentID>',
			'<Other>v</Other>',
			'<Extra/>',
			'<xml>',
			'</xml>',
			'<constructor>1</constructor>',
			' a="1"',
			'<',
			'>',
			'\r',
			'\r\n',
			'\uE0000\uE001',
			'\uFEFF',
			'中',
			'😀',
			'\u0000',
			' ',
		);
		const canonical = fc
			.tuple(fc.constantFrom('', 'ToUserName', 'AppId'), id, fc.boolean(), base64Text, fc.boolean())
			.map(([head, value, cdata, encrypt, agent]) => {
				const headValue = cdata ? `<![CDATA[${value}]]>` : value;
				const headXml = head === '' ? '' : `<${head}>${headValue}</${head}>\n`;
				const agentXml = agent ? '<AgentID><![CDATA[1]]></AgentID>' : '';
				return `<?xml version="1.0"?>\n<xml>${headXml}<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n${agentXml}</xml>\n`;
			});
		// Insert hostile pieces at random places of a canonical envelope (or replace a stretch).
		const mutated = fc
			.tuple(
				canonical,
				fc.array(fc.tuple(hostile, fc.nat(), fc.nat({ max: 3 })), { minLength: 1, maxLength: 3 }),
			)
			.map(([body, edits]) =>
				edits.reduce((text, [piece, at, cut]) => {
					const position = at % (text.length + 1);
					return text.slice(0, position) + piece + text.slice(position + cut);
				}, body),
			);
		fc.assert(fc.property(mutated, expectSoundScan), { numRuns: 3000 });
	});

	it('keeps the size limit and the refusals of the full path', () => {
		const t7 = vector('TV7').inbound!;
		const body = `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[${t7.encrypt}]]></Encrypt></xml>`;
		expect(() => parseEnvelope(body, { maxBytes: body.length - 1 })).toThrow(/byte limit/);
		expect(parseEnvelope(body, { maxBytes: body.length }).encrypt).toBe(t7.encrypt);
		expect(() => parseEnvelope('<xml><Encrypt><![CDATA[]]></Encrypt></xml>')).toThrow(
			WeChatCryptoError,
		);
		expect(() => parseEnvelope(`<!DOCTYPE xml>${body}`)).toThrow(/Not a WeChat push envelope/);
		expect(() => parseEnvelope(` <?xml version="1.0"?>${body}`)).toThrow(/Not a WeChat/);
		expect(() => parseEnvelope(`${body}<?pi?>`)).toThrow(/Not a WeChat/);
		expect(() => parseEnvelope(`${body}<xml/>`)).toThrow(WeChatCryptoError);
		expect(() =>
			parseEnvelope(`<xml><Encrypt><![CDATA[a]]></Encrypt><Encrypt><![CDATA[b]]></Encrypt></xml>`),
		).toThrow(/single Encrypt/);
	});

	it('refuses at once what WeChat never sends, without the XML validator', () => {
		const encrypt = vector('TV7').inbound!.encrypt;
		// Forged bodies of ~200 KB made of many small elements: the kind that cost the full
		// validator 50-330 ms each before the signature was even checked.
		const many = (open: string) =>
			`<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt>${open.repeat(20_000)}</xml>`;
		const forged = [
			many('<a>1</a>'),
			many('<a/>'),
			`<xml>${'<a>'.repeat(30_000)}</xml>`,
			`<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt><!--${'x'.repeat(200_000)}--></xml>`,
			`<xml><Encrypt>${'&amp;'.repeat(40_000)}</Encrypt></xml>`,
			`<xml><Encrypt a="1"><![CDATA[${encrypt}]]></Encrypt></xml>`,
			`<xml><Encrypt><![CDATA[${encrypt}]]><![CDATA[x]]></Encrypt></xml>`,
			`<xml><Outer><Encrypt><![CDATA[${encrypt}]]></Encrypt></Outer></xml>`,
			Array.from({ length: 17 }, (_, i) => `<F${i}>v</F${i}>`).join('') +
				`<Encrypt>${encrypt}</Encrypt>`,
			'<html><body>hello</body></html>',
			'{"Encrypt":"abc"}',
		];
		for (const body of forged) {
			expect(body.length).toBeLessThanOrEqual(256 * 1024);
			let thrown: unknown;
			expect(
				parserCalls(() => {
					try {
						parseEnvelope(body, { maxBytes: 256 * 1024 });
					} catch (error) {
						thrown = error;
					}
				}),
			).toBe(0);
			expect([body.slice(0, 60), thrown]).toEqual([
				body.slice(0, 60),
				expect.any(WeChatCryptoError),
			]);
		}
	});
});
