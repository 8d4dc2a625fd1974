import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger puts on each item so that a later Reply can answer the same HTTP request:
 * nothing secret, only the request's nonce/timestamp, which key decrypted it and whether n8n holds
 * the answer for a Reply (`responseMode: 'responseNode'`).
 */
export interface InboundReplyContext {
	waiting: boolean;
	nonce?: string;
	timestamp?: string;
	usedPreviousKey: boolean;
	receivedAt?: number;
}

const str = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

export function readInbound(json: IDataObject): InboundReplyContext {
	const meta = (json._wechat && typeof json._wechat === 'object' ? json._wechat : {}) as IDataObject;
	const receivedAt = Date.parse(str(json.receivedAt) ?? str(meta.receivedAt) ?? '');
	return {
		waiting: meta.responseMode === 'responseNode',
		nonce: str(meta.nonce),
		timestamp: str(meta.timestamp),
		usedPreviousKey: meta.usedPreviousKey === true,
		receivedAt: Number.isFinite(receivedAt) ? receivedAt : undefined,
	};
}
