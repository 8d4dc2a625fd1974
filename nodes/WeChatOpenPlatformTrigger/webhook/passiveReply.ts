import { randomInt } from 'node:crypto';

import type { IWebhookResponseData } from 'n8n-workflow';

import { buildEncryptedReply, buildReplyXml, isReplyNonce } from '../../../core/reply';
import { acknowledge, respond, XML } from './http';
import { errorText, type HandlerEnv } from './types';
import type { VerifiedPush } from './verify';

/**
 * An encrypted passive text reply to `push`, with the key that decrypted it (so a message that
 * only the previous EncodingAESKey opened is answered with that key, as WeChat expects during
 * rotation). The inbound nonce is echoed when it is usable, as WeChat's documentation allows.
 */
export function passiveText(
	env: HandlerEnv,
	push: VerifiedPush,
	content: string,
): IWebhookResponseData {
	const { fields } = push;
	try {
		const xml = buildReplyXml(
			{ type: 'text', content },
			{
				toUserName: String(fields.FromUserName ?? ''),
				fromUserName: String(fields.ToUserName ?? ''),
				createTime: Math.floor(env.nowMs / 1000),
			},
		);
		const body = buildEncryptedReply(env.platform.crypto, xml, {
			timestamp: String(Math.floor(env.nowMs / 1000)),
			nonce: isReplyNonce(push.nonce) ? push.nonce : String(randomInt(1e9)),
			usePreviousKey: push.usedPreviousKey,
		});
		return respond(env.context, 200, body, XML);
	} catch (error) {
		// WeChat accepts "success" and shows nothing; better than an error page for the user.
		env.context.logger.error(
			`WeChat Open Platform Trigger: could not build a passive reply (${errorText(error)})`,
		);
		return acknowledge(env.context);
	}
}
