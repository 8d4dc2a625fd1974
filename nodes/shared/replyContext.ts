import type { IDataObject } from 'n8n-workflow';

/**
 * The contract between the trigger and Reply → Send: what the trigger puts on each message item
 * under `_wechat` so that a later Reply can answer the same HTTP request. Nothing here is secret:
 * the nonce and timestamp were in the request's URL. This module is the only writer and the only
 * reader, so both sides share one type.
 */
export const REPLY_CONTEXT_FIELD = '_wechat';

/**
 * WeChat drops the connection after 5 s; a passive reply must be sent before this (the rest of
 * the margin is for n8n and the network).
 */
export const REPLY_WINDOW_SECONDS = 4.5;
export const REPLY_WINDOW_MS = REPLY_WINDOW_SECONDS * 1000;

/** Whether n8n holds WeChat's request for a Reply (`responseNode`) or has already answered it. */
export type ReplyResponseMode = 'onReceived' | 'responseNode';

export interface ReplyContext {
	/** How the trigger answers: `responseNode` = the HTTP request waits for Reply → Send. */
	responseMode: ReplyResponseMode;
	/** The push's signed query values, echoed into the encrypted reply envelope. */
	timestamp: string;
	nonce: string;
	/** True when only the previous EncodingAESKey decrypted the push: reply with that key. */
	usedPreviousKey: boolean;
	/** When the trigger received the push (ms since the epoch). */
	webhookAt: number;
	/** After this (ms since the epoch) WeChat no longer waits: use the customer-service API. */
	replyDeadline: number;
}

/** What the trigger writes for a push it received at `nowMs`. */
export function replyContext(
	push: { timestamp: string; nonce: string; usedPreviousKey: boolean },
	responseMode: ReplyResponseMode,
	nowMs: number,
): ReplyContext {
	return {
		responseMode,
		timestamp: push.timestamp,
		nonce: push.nonce,
		usedPreviousKey: push.usedPreviousKey,
		webhookAt: nowMs,
		replyDeadline: nowMs + REPLY_WINDOW_MS,
	};
}

const num = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * The context as read back from an item (which may have gone through other nodes, expressions or
 * a user's hands): each field only when it has its type, and `webhookAt` falling back to the
 * item's `receivedAt`.
 */
export function readReplyContext(item: IDataObject): Partial<ReplyContext> {
	const raw = item[REPLY_CONTEXT_FIELD];
	const stored = (raw && typeof raw === 'object' ? raw : {}) as {
		[K in keyof ReplyContext]?: unknown;
	};
	const parsed = typeof item.receivedAt === 'string' ? Date.parse(item.receivedAt) : NaN;
	const context: Partial<ReplyContext> = {
		usedPreviousKey: stored.usedPreviousKey === true,
	};
	if (stored.responseMode === 'responseNode' || stored.responseMode === 'onReceived') {
		context.responseMode = stored.responseMode;
	}
	if (typeof stored.timestamp === 'string') context.timestamp = stored.timestamp;
	if (typeof stored.nonce === 'string' && stored.nonce !== '') context.nonce = stored.nonce;
	const webhookAt = num(stored.webhookAt) ?? (Number.isFinite(parsed) ? parsed : undefined);
	if (webhookAt !== undefined) context.webhookAt = webhookAt;
	const replyDeadline = num(stored.replyDeadline);
	if (replyDeadline !== undefined) context.replyDeadline = replyDeadline;
	return context;
}

/**
 * Until when a passive reply is attempted: the trigger's deadline, unless the user set their own
 * window; without a known arrival time never (nothing says WeChat still waits).
 */
export function replyDeadline(context: Partial<ReplyContext>, windowSeconds?: unknown): number {
	if (context.webhookAt === undefined) return -Infinity;
	if (typeof windowSeconds === 'number') return context.webhookAt + windowSeconds * 1000;
	return context.replyDeadline ?? context.webhookAt + REPLY_WINDOW_MS;
}
