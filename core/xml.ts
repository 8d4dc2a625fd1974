/**
 * WeChat XML in and out of plain objects, with fast-xml-parser.
 *
 * Rules (what callers can rely on):
 * - The document must have exactly one root element named `xml`; its children become the result.
 * - Every leaf is a string, exactly as sent: no number parsing (a 64-bit MsgId stays exact, "007"
 *   stays "007"), no trimming, CDATA unwrapped (adjacent CDATA sections and text are joined),
 *   an empty element is "". The five predefined entities and numeric character references are
 *   decoded; line ends are normalised to "\n" as XML 1.0 requires.
 * - An element with child elements becomes an object. Whitespace between child elements is
 *   formatting and is dropped; other text beside child elements is kept under `#text`.
 * - `item` elements are ALWAYS arrays (WeChat's list element: `Articles`, `PicList`, ...), even
 *   when there is only one. Any other element name becomes an array only when it repeats.
 * - Attributes are ignored (WeChat does not use them). fast-xml-parser guards against prototype
 *   pollution: `constructor`/`__proto__` elements are refused, `toString`-like names get a `__` prefix.
 * - Refused with WeChatCryptoError -40002: DOCTYPE or any other `<!` declaration, processing
 *   instructions other than a leading XML declaration, references to entities other than the
 *   predefined five, malformed XML, documents larger than the byte limit (1 MiB by default).
 */
import { XMLParser, XMLValidator, type EntityDecoderOptions } from 'fast-xml-parser';

import { refuse, toText, type XmlLimits } from './xmlInput';

// The envelope of a push is read before its signature is checked, by its own bounded scan.
export { parseEnvelope, type Envelope } from './xmlEnvelope';
export { DEFAULT_MAX_XML_BYTES, type XmlLimits } from './xmlInput';

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
	[k: string]: XmlValue;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY_REF = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/g;
const ENTITY_AT = /&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});/y;

function decodeReference(match: string, name?: string, dec?: string, hex?: string): string {
	if (name !== undefined) return PREDEFINED[name];
	const codePoint = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
	if (codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
		refuse(`Illegal character reference ${match}`);
	}
	return String.fromCodePoint(codePoint);
}

/**
 * Only the predefined entities and character references exist here: DOCTYPE is refused before
 * parsing, so there is nothing to register and nothing to expand.
 */
const entityDecoder: EntityDecoderOptions = {
	setExternalEntities: () => undefined,
	addInputEntities: () => refuse('Entity declarations are not allowed'),
	reset: () => undefined,
	setXmlVersion: () => undefined,
	decode: (text: string) =>
		text.indexOf('&') === -1 ? text : text.replace(ENTITY_REF, decodeReference),
};

const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: true,
	parseTagValue: false,
	trimValues: false,
	processEntities: true,
	entityDecoder,
	ignoreDeclaration: true,
	ignorePiTags: true,
	commentPropName: false,
	// No callback here reads the path; building its string for every element costs ~10% of a parse.
	jPath: false,
});

/**
 * One pass over the markup (not the text between it) that refuses what fast-xml-parser would
 * otherwise accept: DOCTYPE (it would expand its entities), processing instructions, references
 * to undefined entities (it leaves them as literal text).
 */
function scan(text: string): void {
	let position = 0;
	if (text.startsWith('<?xml') && /[\s?]/.test(text.charAt(5))) {
		const end = text.indexOf('?>', 5);
		if (end === -1) refuse('Malformed XML declaration');
		position = end + 2;
	}
	let lt = text.indexOf('<', position);
	let amp = text.indexOf('&', position);
	while (lt !== -1 || amp !== -1) {
		if (amp !== -1 && (lt === -1 || amp < lt)) {
			ENTITY_AT.lastIndex = amp;
			if (!ENTITY_AT.test(text)) refuse('Only the predefined XML entities are allowed');
			amp = text.indexOf('&', amp + 1);
			continue;
		}
		let resume = lt + 1;
		const next = text.charCodeAt(lt + 1);
		if (next === 33 /* ! */) {
			if (text.startsWith('<![CDATA[', lt)) {
				const end = text.indexOf(']]>', lt + 9);
				if (end === -1) refuse('Unterminated CDATA section');
				resume = end + 3;
			} else if (text.startsWith('<!--', lt)) {
				const end = text.indexOf('-->', lt + 4);
				if (end === -1) refuse('Unterminated comment');
				resume = end + 3;
			} else {
				refuse('DOCTYPE and other declarations are not allowed');
			}
		} else if (next === 63 /* ? */) {
			refuse('Processing instructions are not allowed');
		}
		lt = text.indexOf('<', resume);
		if (amp !== -1 && amp < resume) amp = text.indexOf('&', resume);
	}
}

type OrderedNode = Record<string, unknown>;

function isWhitespace(text: string): boolean {
	return text.trim() === '';
}

function convert(children: OrderedNode[]): string | XmlObject {
	let text = '';
	let object: XmlObject | undefined;
	for (const node of children) {
		for (const key in node) {
			if (key === ':@') continue;
			const value = node[key];
			if (key === '#text') {
				text += String(value);
				continue;
			}
			object ??= {};
			const converted = convert(value as OrderedNode[]);
			if (Object.hasOwn(object, key)) {
				const existing = object[key];
				// convert() never returns an array, so an array here is already a list.
				if (Array.isArray(existing)) existing.push(converted);
				else object[key] = [existing, converted];
			} else {
				object[key] = key === 'item' ? [converted] : converted;
			}
		}
	}
	if (object === undefined) return text;
	if (!isWhitespace(text)) object['#text'] = text;
	return object;
}

function parseRoot(text: string): XmlObject {
	scan(text);
	const valid = XMLValidator.validate(text);
	if (valid !== true) refuse(`Malformed XML (line ${valid.err.line}, column ${valid.err.col})`);
	let nodes: OrderedNode[];
	try {
		nodes = parser.parse(text) as OrderedNode[];
	} catch {
		// fast-xml-parser refuses element names such as `constructor` (prototype pollution).
		refuse('Unsupported XML (reserved element name)');
	}
	let root: OrderedNode[] | undefined;
	for (const node of nodes) {
		for (const key in node) {
			if (key === ':@') continue;
			if (key === '#text') {
				if (!isWhitespace(String(node[key]))) refuse('Text outside the root element');
				continue;
			}
			if (key !== 'xml' || root !== undefined)
				refuse('The document must have one root element <xml>');
			root = node[key] as OrderedNode[];
		}
	}
	if (root === undefined) refuse('The document must have one root element <xml>');
	const converted = convert(root);
	return typeof converted === 'string' ? {} : converted;
}

/**
 * Parses a (decrypted) WeChat message or event: the children of `<xml>` with WeChat's own field
 * names, every leaf a string (see the rules at the top of this file).
 */
export function parseMessage(xml: string | Buffer, limits?: XmlLimits): XmlObject {
	return parseRoot(toText(xml, limits));
}
