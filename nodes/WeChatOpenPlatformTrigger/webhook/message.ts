import type { ServerResponse } from 'node:http';

import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import type { XmlObject } from '../../../core/xml';
import { REPLY_CONTEXT_FIELD, replyContext } from '../../shared/replyContext';
import { accountAllowed, messageAllowed } from '../filters';
import { acknowledge, acknowledgeAndStart } from './http';
import { answerReleaseTest, isReleaseTestAccount } from './releaseTest';
import { guardWeChatResponse } from './responseGuard';
import { dedupeTtlMs, errorText, str, type HandlerEnv } from './types';
import type { VerifiedPush } from './verify';

/**
 * Retries carry the same MsgId; events have none, so FromUserName + CreateTime (+ Event, as two
 * events can share a second) identify them, as WeChat's documentation says.
 */
export function dedupeKey(appId: string, fields: XmlObject): string {
	const msgId = str(fields, 'MsgId') || str(fields, 'MsgID');
	if (msgId !== '' && str(fields, 'MsgType') !== 'event') return `trigger:msg:${appId}:${msgId}`;
	return `trigger:evt:${appId}:${str(fields, 'FromUserName')}:${str(fields, 'CreateTime')}:${str(fields, 'Event')}`;
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
		if (!(await env.platform.markSeen(dedupeKey(appId, fields), dedupeTtlMs(settings)))) {
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
