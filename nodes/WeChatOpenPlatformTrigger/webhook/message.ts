import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { accountAllowed, messageAllowed } from '../filters';
import { acknowledge, acknowledgeAndStart } from './http';
import { answerReleaseTest, isReleaseTestAccount } from './releaseTest';
import { guardWeChatResponse } from './responseGuard';
import { dedupeTtlMs, errorText, str, type HandlerEnv, type ResponseMode } from './types';
import type { VerifiedPush } from './verify';

/** WeChat drops the connection after 5 s; a passive reply must be sent before this. */
export const REPLY_WINDOW_MS = 4500;

/**
 * What the action node's Reply → Send needs to answer this message, kept out of WeChat's own
 * field names. Nothing here is secret: the nonce and timestamp were in the request's URL.
 */
export interface WeChatReplyContext {
	/** How the trigger answers: `responseNode` = the HTTP request waits for Reply → Send. */
	responseMode: ResponseMode;
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

/**
 * A retry is the same message: WeChat sends the same XML again, re-encrypted. The SHA-256 of the
 * decrypted plaintext identifies it; the plaintext names the account (ToUserName) and everything
 * that tells two events apart (MsgId/MsgID, EventKey, …), so distinct events of the same second
 * each get their own key. The AppID in the URL is not part of it: the signature does not cover the
 * URL, and one push replayed to other paths must not start another run.
 */
export function dedupeKey(plaintext: string): string {
	return `trigger:push:${createHash('sha256').update(plaintext).digest('hex')}`;
}

export async function handleMessage(
	env: HandlerEnv,
	appId: string,
	push: VerifiedPush,
): Promise<IWebhookResponseData> {
	const { fields } = push;
	const { settings, context } = env;

	if (settings.answerReleaseTests && isReleaseTestAccount(appId, str(fields, 'ToUserName'))) {
		const answered = answerReleaseTest(env, appId, push);
		if (answered) return answered;
	}

	if (!accountAllowed(settings.filters, appId)) return acknowledge(context);
	if (!messageAllowed(settings.filters, str(fields, 'MsgType'), str(fields, 'Event'))) {
		return acknowledge(context);
	}

	try {
		if (!(await env.platform.markSeen(dedupeKey(push.plaintext), dedupeTtlMs(settings)))) {
			// A retry: the first delivery already started the run. In reply mode the reply goes to
			// the first connection, which WeChat has given up on; the Reply node's
			// customer-service fallback covers that.
			return acknowledge(context);
		}
	} catch (error) {
		// Running twice is better than losing the message.
		context.logger.warn(`WeChat Open Platform Trigger: dedupe unavailable (${errorText(error)})`);
	}

	const wechat: WeChatReplyContext = {
		responseMode: settings.responseMode,
		timestamp: push.timestamp,
		nonce: push.nonce,
		usedPreviousKey: push.usedPreviousKey,
		webhookAt: env.nowMs,
		replyDeadline: env.nowMs + REPLY_WINDOW_MS,
	};
	const item: IDataObject = {
		...(fields as IDataObject),
		authorizerAppId: appId,
		receivedAt: new Date(env.nowMs).toISOString(),
		_wechat: wechat as unknown as IDataObject,
	};
	const workflowData = [[{ json: item }]];

	if (settings.responseMode === 'responseNode') {
		guardWeChatResponse(context.getResponseObject() as unknown as ServerResponse);
		return { workflowData };
	}
	return acknowledgeAndStart(context, workflowData);
}
