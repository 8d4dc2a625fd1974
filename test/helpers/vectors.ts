/**
 * The published WeChat test vectors (official doc, official WXBizMsgCrypt samples, wechatpy), kept
 * in test/fixtures so the repository is self-contained.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExpectedDecryption {
	random: string;
	msg: string;
	receiveId: string;
}

export interface InboundVector {
	timestamp: string;
	nonce: string;
	msg_signature: string;
	encrypt: string;
	expected: ExpectedDecryption;
	url?: string;
	signature?: string;
	envelopeToUserName?: string;
	postBody?: string;
	body?: string;
}

export interface Vector {
	id: string;
	source: string;
	token: string;
	encodingAESKey: string;
	receiveId: string;
	inbound?: InboundVector;
	reply?: {
		random: string;
		plaintext: string;
		timestamp: string;
		nonce: string;
		encrypt?: string;
		msg_signature?: string;
		expectedReplyXml?: string;
	};
	encrypt?: Array<{ random: string; plaintext: string; expectedEncrypt: string }>;
	verifyUrl?: {
		msg_signature: string;
		timestamp: string;
		nonce: string;
		echostr: string;
		expected: ExpectedDecryption;
	};
}

export const vectors: Vector[] = JSON.parse(
	readFileSync(join(__dirname, '..', 'fixtures', 'vectors.json'), 'utf8'),
) as Vector[];

export function vector(idPrefix: string): Vector {
	const found = vectors.find((v) => v.id.startsWith(idPrefix));
	if (!found) throw new Error(`No test vector ${idPrefix}`);
	return found;
}
