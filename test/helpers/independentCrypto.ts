/**
 * WeChat's reply envelope opened with node:crypto alone, following WeChat's published algorithm
 * (https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Before_Develop/Message_encryption_and_decryption.html; not the package's own WeChatCrypto), so a test of our encryption is not a test of our
 * decryption against itself.
 */
import { createDecipheriv, createHash } from 'node:crypto';

export interface OpenedReply {
	/** The decrypted reply XML. */
	plaintext: string;
	/** The receiveId at the end of the plaintext (must be the component AppID). */
	receiveId: string;
	timeStamp: string;
	nonce: string;
	/** Whether MsgSignature = sha1(sort(token, TimeStamp, Nonce, Encrypt)). */
	signatureValid: boolean;
}

function tag(xml: string, name: string): string {
	const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
	if (!m) throw new Error(`no <${name}> in the reply`);
	return m[1] ?? m[2];
}

export function decryptWeChat(
	encrypt: string,
	encodingAESKey: string,
): { message: string; receiveId: string } {
	const key = Buffer.from(`${encodingAESKey}=`, 'base64');
	if (key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes');
	const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
	decipher.setAutoPadding(false);
	const padded = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
	const pad = padded[padded.length - 1];
	if (pad < 1 || pad > 32 || padded.subarray(padded.length - pad).some((b) => b !== pad)) {
		throw new Error('bad PKCS#7 padding (block 32)');
	}
	const plain = padded.subarray(0, padded.length - pad);
	const length = plain.readUInt32BE(16);
	return {
		message: plain.subarray(20, 20 + length).toString('utf8'),
		receiveId: plain.subarray(20 + length).toString('utf8'),
	};
}

export function openReply(
	envelope: string,
	keys: { token: string; encodingAESKey: string },
): OpenedReply {
	const encrypt = tag(envelope, 'Encrypt');
	const signature = tag(envelope, 'MsgSignature');
	const timeStamp = tag(envelope, 'TimeStamp');
	const nonce = tag(envelope, 'Nonce');
	const expected = createHash('sha1')
		.update([keys.token, timeStamp, nonce, encrypt].sort().join(''))
		.digest('hex');
	const { message, receiveId } = decryptWeChat(encrypt, keys.encodingAESKey);
	return {
		plaintext: message,
		receiveId,
		timeStamp,
		nonce,
		signatureValid: expected === signature,
	};
}

/** The text of one element of a plain reply XML (CDATA unwrapped, split CDATA joined). */
export function replyField(xml: string, path: string): string | undefined {
	let scope = xml;
	const parts = path.split('.');
	for (const part of parts) {
		const m = new RegExp(`<${part}>([\\s\\S]*?)</${part}>`).exec(scope);
		if (!m) return undefined;
		scope = m[1];
	}
	return scope.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
}
