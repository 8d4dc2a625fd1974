import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { isPassiveReply, PASSIVE_REPLY_TYPES, type ContentType } from '../../../../core/content';
import { customerServiceMessage } from '../../../../core/customerService';
import { buildPassiveReply } from '../../../../core/reply';
import { text } from '../../../../core/text';
import { defineOperation } from '../../shared/operation';
import {
	readReplyContext,
	REPLY_WINDOW_SECONDS,
	replyDeadline,
} from '../../../shared/replyContext';
import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { contentFields } from '../../shared/contentFields';
import { showFor } from '../../shared/display';
import { readContent } from '../../shared/readContent';

/** What WeChat accepts as a passive reply, plus answering "success" (nothing). */
const REPLY_TYPES: ContentType[] = [...PASSIVE_REPLY_TYPES, 'success'];

/** Execution-wide flag: WeChat accepts exactly one answer to its HTTP request. */
const REPLIED_FLAG = 'wechatOpenPlatformPassiveReplySent';

export const { description, execute } = defineOperation('reply', 'send', {
	fields: () => [
		{
			displayName:
				'Answers the message that started this execution. Set the WeChat Open Platform Trigger to wait for this node (Response: "Reply With the WeChat Open Platform Node"). If the answer is late or the trigger does not wait, the same content goes out as a customer-service message.',
			name: 'replyNotice',
			type: 'notice',
			default: '',
			displayOptions: showFor('reply', 'send'),
		},
		{
			...authorizerField(showFor('reply', 'send')),
			description:
				'The account that received the message. Used only when the reply falls back to a customer-service message.',
		},
		...contentFields('reply', 'send', 'replyType', REPLY_TYPES, 'text'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: showFor('reply', 'send'),
			options: [
				{
					displayName: 'Fall Back to Customer-Service Message',
					name: 'fallbackToCustomerService',
					type: 'boolean',
					default: true,
					description:
						'Whether to send the content as a customer-service message when a passive reply is no longer possible (too late, the trigger is not waiting, or this execution already replied)',
				},
				{
					displayName: 'Reply Window (Seconds)',
					name: 'replyWindowSeconds',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 5, numberPrecision: 1 },
					default: REPLY_WINDOW_SECONDS,
					description:
						"How long after the message arrived a passive reply is still attempted (default: the trigger's 4.5 seconds). WeChat waits 5 seconds.",
				},
				{
					displayName: 'Recipient OpenID',
					name: 'toUserName',
					type: 'string',
					default: '',
					description: 'Defaults to the FromUserName of the input item (the user who wrote)',
				},
				{
					displayName: 'Account Original ID',
					name: 'fromUserName',
					type: 'string',
					default: '',
					placeholder: 'gh_1234567890ab',
					description:
						'Defaults to the ToUserName of the input item (the account that received the message)',
				},
			],
		},
	],
	async run(context, itemIndex, { platform }) {
		const item = context.getInputData()[itemIndex].json;
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const toUserName = text(options.toUserName).trim() || text(item.FromUserName).trim();
		const fromUserName = text(options.fromUserName).trim() || text(item.ToUserName).trim();
		if (!toUserName || !fromUserName) {
			throw new NodeOperationError(context.getNode(), 'The input item is not a WeChat message', {
				itemIndex,
				description:
					'Place context node after the WeChat Open Platform Trigger (its items carry FromUserName and ToUserName), or set Recipient OpenID and Account Original ID under Options',
			});
		}
		const content = readContent(context, itemIndex, 'replyType');
		const inbound = readReplyContext(item);
		const waiting = inbound.responseMode === 'responseNode';
		const now = Date.now();
		const elapsedMs = inbound.webhookAt === undefined ? undefined : now - inbound.webhookAt;
		const flow = context.getContext('flow');
		const alreadyReplied = flow[REPLIED_FLAG] === true;
		const late = now > replyDeadline(inbound, options.replyWindowSeconds);
		const summary: IDataObject = { messageType: content.type, toUserName, fromUserName };
		if (elapsedMs !== undefined) summary.elapsedMs = elapsedMs;

		const respond = async (body: string, contentType: string): Promise<void> => {
			await context.sendResponse({
				body,
				headers: { 'content-type': contentType },
				statusCode: 200,
			});
			flow[REPLIED_FLAG] = true;
		};

		if (waiting && !alreadyReplied && !late && inbound.nonce) {
			if (!isPassiveReply(content)) {
				// `success` (and an empty body) must go out unencrypted: WeChat then does nothing.
				await respond('success', 'text/plain');
			} else {
				const encrypted = buildPassiveReply(platform.crypto, content, {
					toUserName,
					fromUserName,
					nowMs: now,
					inboundNonce: inbound.nonce,
					usePreviousKey: inbound.usedPreviousKey,
				});
				await respond(encrypted, 'application/xml');
			}
			return [{ json: { deliveredAs: 'passiveReply', ...summary } }];
		}

		const reason = alreadyReplied ? 'alreadyReplied' : waiting ? 'late' : 'notWaiting';
		// WeChat still holds the connection: release it so the user does not see "service unavailable"
		// and WeChat does not retry, then answer through the customer-service API.
		if (waiting && !alreadyReplied) await respond('success', 'text/plain');

		const fallback = options.fallbackToCustomerService !== false;
		const body = customerServiceMessage(toUserName, content);
		if (!body) {
			const why = content.type === 'success' ? 'nothingToSend' : 'transferNeedsPassiveReply';
			return [{ json: { deliveredAs: 'none', reason, detail: why, ...summary } }];
		}
		if (!fallback) {
			return [{ json: { deliveredAs: 'none', reason, detail: 'fallbackDisabled', ...summary } }];
		}
		const authorizerAppId = getAuthorizerAppId(context, itemIndex);
		await platform.authorizerRequest(authorizerAppId, {
			method: 'POST',
			path: '/cgi-bin/message/custom/send',
			body,
		});
		return [
			{ json: { deliveredAs: 'customerServiceMessage', reason, authorizerAppId, ...summary } },
		];
	},
});
