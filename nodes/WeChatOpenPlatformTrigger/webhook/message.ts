import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { REPLY_CONTEXT_FIELD, replyContext } from '../../shared/replyContext';
import { accountAllowed, messageAllowed } from '../filters';
import { acknowledge, acknowledgeAndStart } from './http';
import { answerReleaseTest, isReleaseTestAccount } from './releaseTest';
import { guardWeChatResponse } from './responseGuard';
import { dedupeTtlMs, errorText, str, type HandlerEnv } from './types';
import type { VerifiedPush } from './verify';

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

	const item: IDataObject = {
		...(fields as IDataObject),
		authorizerAppId: appId,
		receivedAt: new Date(env.nowMs).toISOString(),
		[REPLY_CONTEXT_FIELD]: { ...replyContext(push, settings.responseMode, env.nowMs) },
	};
	const workflowData = [[{ json: item }]];

	if (settings.responseMode === 'responseNode') {
		guardWeChatResponse(context.getResponseObject() as unknown as ServerResponse);
		return { workflowData };
	}
	return acknowledgeAndStart(context, workflowData);
}
