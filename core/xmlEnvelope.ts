import { refuse, toText, type XmlLimits } from './xmlInput';

export interface Envelope {
	/** The exact text inside `<Encrypt>` (what msg_signature covers). */
	encrypt: string;
	/** The OA / mini program original id, on message-and-event pushes. */
	toUserName?: string;
	/** The component AppID, on authorization-event pushes. */
	appId?: string;
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
