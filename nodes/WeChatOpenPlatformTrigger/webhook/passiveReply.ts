import type { IWebhookResponseData } from 'n8n-workflow';

import { buildPassiveReply } from '../../../core/reply';
import { acknowledge, respond, XML } from './http';
import { errorText, type HandlerEnv } from './types';
import type { VerifiedPush } from './verify';

/** An encrypted passive text reply to `push` (core/reply.ts buildPassiveReply, as Reply → Send). */
export function passiveText(
	env: HandlerEnv,
	push: VerifiedPush,
	content: string,
): IWebhookResponseData {
	const { fields } = push;
	try {
		const body = buildPassiveReply(
			env.platform.crypto,
			{ type: 'text', content },
			{
				toUserName: String(fields.FromUserName ?? ''),
				fromUserName: String(fields.ToUserName ?? ''),
				nowMs: env.nowMs,
				inboundNonce: push.nonce,
				usePreviousKey: push.usedPreviousKey,
			},
		);
		return respond(env.context, 200, body, XML);
	} catch (error) {
		// WeChat accepts "success" and shows nothing; better than an error page for the user.
		env.context.logger.error(
			`WeChat Open Platform Trigger: could not build a passive reply (${errorText(error)})`,
		);
		return acknowledge(env.context);
	}
}
