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

import { WeChatCryptoError, WeChatCryptoErrorCode } from './crypto';

export const DEFAULT_MAX_XML_BYTES = 1024 * 1024;

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
	[k: string]: XmlValue;
}

export interface XmlLimits {
	/** Largest accepted document in bytes (UTF-8). Defaults to DEFAULT_MAX_XML_BYTES. */
	maxBytes?: number;
}

export interface Envelope {
	/** The exact text inside `<Encrypt>` (what msg_signature covers). */
	encrypt: string;
	/** The OA / mini program original id, on message-and-event pushes. */
	toUserName?: string;
	/** The component AppID, on authorization-event pushes. */
	appId?: string;
}

function refuse(message: string): never {
	throw new WeChatCryptoError(WeChatCryptoErrorCode.ParseXmlError, message);
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

function toText(body: unknown, limits: XmlLimits | undefined): string {
	const maxBytes = limits?.maxBytes ?? DEFAULT_MAX_XML_BYTES;
	if (!Number.isFinite(maxBytes) || maxBytes <= 0) {
		throw new RangeError('maxBytes must be a positive number');
	}
	let text: string;
	if (Buffer.isBuffer(body)) {
		if (body.length > maxBytes) refuse(`XML is larger than the ${maxBytes}-byte limit`);
		text = body.toString('utf8');
	} else if (typeof body === 'string') {
		// A UTF-16 unit is 1 to 3 UTF-8 bytes: count bytes only when the cheap bounds can't decide.
		if (
			body.length > maxBytes ||
			(body.length * 3 > maxBytes && Buffer.byteLength(body) > maxBytes)
		) {
			refuse(`XML is larger than the ${maxBytes}-byte limit`);
		}
		text = body;
	} else {
		refuse('XML must be a string or a Buffer');
	}
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

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

/*
 * Envelope scan. This runs on bodies anyone can send, before msg_signature is checked, so it does
 * only a bounded, linear amount of work and never calls the XML validator or parser: the full
 * parser (parseMessage) runs on the decrypted plaintext only, once the signature holds.
 *
 * What WeChat pushes is `<xml>` with a few flat children, e.g. (WeChat's message encryption
 * documentation and the third-party platform's authorization event notices)
 *   <xml><ToUserName><![CDATA[gh_…]]></ToUserName><Encrypt><![CDATA[base64]]></Encrypt></xml>
 *   <xml><AppId><![CDATA[wx…]]></AppId><Encrypt><![CDATA[base64]]></Encrypt></xml>
 * with optional formatting whitespace, an XML declaration and a BOM; in an account's compatible
 * mode the plaintext fields sit next to Encrypt. Accepted: at most MAX_ENVELOPE_FIELDS children,
 * each a distinct element name (not one of Object.prototype's) without attributes holding one CDATA section or text without `<`
 * or `&`. Anything else (comments, entities, nesting, DOCTYPE, attributes, …) is refused at once:
 * WeChat never sends it, and a forged body must not cost more than reading it once.
 */
const MAX_ENVELOPE_FIELDS = 16;
const DECLARATION = /<\?xml version="1\.0"(?: encoding="(?:UTF|utf)-8")?\?>/y;
const SPACE = /[ \t\r\n]*/y;
const FIELD_OPEN = /<([A-Za-z_][A-Za-z0-9_]{0,63})>/y;
const NOT_AN_ENVELOPE = 'Not a WeChat push envelope';

const NO_ENCRYPT = 'The XML has no single Encrypt element with text';

function skipSpace(text: string, position: number): number {
	SPACE.lastIndex = position;
	SPACE.test(text);
	return SPACE.lastIndex;
}

/** The flat children of the envelope's `<xml>`, or a refusal. Linear in the body's length. */
function scanEnvelope(text: string): Map<string, string> {
	let position = 0;
	DECLARATION.lastIndex = 0;
	if (DECLARATION.test(text)) position = DECLARATION.lastIndex;
	position = skipSpace(text, position);
	if (!text.startsWith('<xml>', position)) refuse(NOT_AN_ENVELOPE);
	position += 5;
	const fields = new Map<string, string>();
	for (;;) {
		position = skipSpace(text, position);
		if (text.startsWith('</xml>', position)) {
			position += 6;
			break;
		}
		FIELD_OPEN.lastIndex = position;
		const open = FIELD_OPEN.exec(text);
		if (open === null) refuse(NOT_AN_ENVELOPE);
		const name = open[1];
		// Names such as `constructor` or `toString` are refused by the full parser too.
		if (name in Object.prototype) refuse(NOT_AN_ENVELOPE);
		if (fields.has(name)) refuse(name === 'Encrypt' ? NO_ENCRYPT : NOT_AN_ENVELOPE);
		if (fields.size === MAX_ENVELOPE_FIELDS) refuse(NOT_AN_ENVELOPE);
		position = FIELD_OPEN.lastIndex;
		let value: string;
		if (text.startsWith('<![CDATA[', position)) {
			const end = text.indexOf(']]>', position + 9);
			if (end === -1) refuse(NOT_AN_ENVELOPE);
			value = text.slice(position + 9, end);
			position = end + 3;
		} else {
			const end = text.indexOf('<', position);
			if (end === -1) refuse(NOT_AN_ENVELOPE);
			value = text.slice(position, end);
			if (value.indexOf('&') !== -1 || value.indexOf('>') !== -1) refuse(NOT_AN_ENVELOPE);
			position = end;
		}
		const close = `</${name}>`;
		if (!text.startsWith(close, position)) refuse(NOT_AN_ENVELOPE);
		position += close.length;
		// XML normalises line ends (the full parser does the same inside CDATA).
		fields.set(name, value.indexOf('\r') === -1 ? value : value.replace(/\r\n?/g, '\n'));
	}
	if (skipSpace(text, position) !== text.length) refuse(NOT_AN_ENVELOPE);
	return fields;
}

/**
 * Reads the encrypted envelope of a push: `Encrypt`, plus `ToUserName` or `AppId` when present.
 * Only the cheap envelope scan above runs; see there for what is accepted.
 */
export function parseEnvelope(body: string | Buffer, limits?: XmlLimits): Envelope {
	const fields = scanEnvelope(toText(body, limits));
	const encrypt = fields.get('Encrypt');
	if (encrypt === undefined || encrypt === '') refuse(NO_ENCRYPT);
	const envelope: Envelope = { encrypt };
	const toUserName = fields.get('ToUserName');
	if (toUserName !== undefined) envelope.toUserName = toUserName;
	const appId = fields.get('AppId');
	if (appId !== undefined) envelope.appId = appId;
	return envelope;
}
