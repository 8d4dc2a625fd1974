import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger puts on each item under `_wechat` so that a later Reply can answer the same
 * HTTP request (see WeChatReplyContext in the trigger): nothing secret, only the request's
 * nonce/timestamp, which key decrypted it, when it arrived and whether n8n holds the answer for a
 * Reply (`responseMode: 'responseNode'`).
 */
export interface InboundReplyContext {
	waiting: boolean;
	nonce?: string;
	usedPreviousKey: boolean;
	/** ms since the epoch. */
	receivedAt?: number;
	/** ms since the epoch, as the trigger computed it. */
	replyDeadline?: number;
}

const num = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isFinite(value) ? value : undefined;

export function readInbound(json: IDataObject): InboundReplyContext {
	const meta = (
		json._wechat && typeof json._wechat === 'object' ? json._wechat : {}
	) as IDataObject;
	const parsed = typeof json.receivedAt === 'string' ? Date.parse(json.receivedAt) : NaN;
	return {
		waiting: meta.responseMode === 'responseNode',
		nonce: typeof meta.nonce === 'string' && meta.nonce !== '' ? meta.nonce : undefined,
		usedPreviousKey: meta.usedPreviousKey === true,
		receivedAt: num(meta.webhookAt) ?? (Number.isFinite(parsed) ? parsed : undefined),
		replyDeadline: num(meta.replyDeadline),
	};
}
