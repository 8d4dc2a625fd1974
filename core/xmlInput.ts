/** The input rules both XML readers share: Buffer or string, a byte limit, a leading BOM dropped. */
import { WeChatCryptoError, WeChatCryptoErrorCode } from './cryptoErrors';

export const DEFAULT_MAX_XML_BYTES = 1024 * 1024;

export interface XmlLimits {
	/** Largest accepted document in bytes (UTF-8). Defaults to DEFAULT_MAX_XML_BYTES. */
	maxBytes?: number;
}

/** Every refusal of WeChat XML is the official sample's ParseXmlError (-40002). */
export function refuse(message: string): never {
	throw new WeChatCryptoError(WeChatCryptoErrorCode.ParseXmlError, message);
}

/** The document as text, refused when larger than the limit. */
export function toText(body: unknown, limits: XmlLimits | undefined): string {
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
