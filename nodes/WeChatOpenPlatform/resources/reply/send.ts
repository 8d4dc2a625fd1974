import { randomInt } from 'node:crypto';

import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import {
	buildEncryptedReply,
	buildReplyXml,
	isReplyNonce,
	type PassiveReply,
} from '../../../../core/reply';
import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { readInbound, type InboundReplyContext } from '../../shared/inbound';
import {
	contentFields,
	customerServiceBody,
	readContent,
	type ContentType,
	type MessageContent,
} from '../../shared/messageContent';
import type { OperationContext } from '../../shared/types';

const REPLY_TYPES: ContentType[] = [
	'text',
	'image',
	'voice',
	'video',
	'music',
	'news',
	'transfer_customer_service',
	'success',
];

/** Execution-wide flag: WeChat accepts exactly one answer to its HTTP request. */
const REPLIED_FLAG = 'wechatOpenPlatformPassiveReplySent';

/** WeChat gives up after 5 s; the rest of the margin is for n8n and the network. */
const DEFAULT_WINDOW_SECONDS = 4.5;

export const description: INodeProperties[] = [
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
				default: DEFAULT_WINDOW_SECONDS,
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
];

function toPassiveReply(content: MessageContent): PassiveReply | undefined {
	switch (content.type) {
		case 'text':
			return { type: 'text', content: content.content };
		case 'image':
		case 'voice':
			return { type: content.type, mediaId: content.mediaId };
		case 'video':
			return {
				type: 'video',
				mediaId: content.mediaId,
				title: content.title,
				description: content.description,
			};
		case 'music':
			return {
				type: 'music',
				thumbMediaId: content.thumbMediaId,
				title: content.title,
				description: content.description,
				musicUrl: content.musicUrl,
				hqMusicUrl: content.hqMusicUrl,
			};
		case 'news':
			return { type: 'news', articles: content.articles };
		case 'transfer_customer_service':
			return { type: 'transfer_customer_service', kfAccount: content.kfAccount };
		default:
			return undefined;
	}
}

/**
 * The trigger's deadline, unless the user set their own window; without a known arrival time a
 * passive reply is never attempted (nothing says WeChat still waits).
 */
function replyDeadline(inbound: InboundReplyContext, windowSeconds: unknown): number {
	if (inbound.receivedAt === undefined) return -Infinity;
	if (typeof windowSeconds === 'number') return inbound.receivedAt + windowSeconds * 1000;
	return inbound.replyDeadline ?? inbound.receivedAt + DEFAULT_WINDOW_SECONDS * 1000;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const item = this.getInputData()[itemIndex].json;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const toUserName = text(options.toUserName) || text(item.FromUserName);
	const fromUserName = text(options.fromUserName) || text(item.ToUserName);
	if (!toUserName || !fromUserName) {
		throw new NodeOperationError(this.getNode(), 'The input item is not a WeChat message', {
			itemIndex,
			description:
				'Place this node after the WeChat Open Platform Trigger (its items carry FromUserName and ToUserName), or set Recipient OpenID and Account Original ID under Options',
		});
	}
	const content = readContent(this, itemIndex, 'replyType');
	const inbound = readInbound(item);
	const now = Date.now();
	const elapsedMs = inbound.receivedAt === undefined ? undefined : now - inbound.receivedAt;
	const flow = this.getContext('flow');
	const alreadyReplied = flow[REPLIED_FLAG] === true;
	const late = now > replyDeadline(inbound, options.replyWindowSeconds);
	const summary: IDataObject = { messageType: content.type, toUserName, fromUserName };
	if (elapsedMs !== undefined) summary.elapsedMs = elapsedMs;

	const respond = async (body: string, contentType: string): Promise<void> => {
		await this.sendResponse({ body, headers: { 'content-type': contentType }, statusCode: 200 });
		flow[REPLIED_FLAG] = true;
	};

	if (inbound.waiting && !alreadyReplied && !late && inbound.nonce) {
		const reply = toPassiveReply(content);
		if (!reply) {
			// `success` (and an empty body) must go out unencrypted: WeChat then does nothing.
			await respond('success', 'text/plain');
		} else {
			const xml = buildReplyXml(reply, { toUserName, fromUserName });
			const encrypted = buildEncryptedReply(platform.crypto, xml, {
				timestamp: String(Math.floor(now / 1000)),
				// The signed query's nonce is echoed, as WeChat allows, when it is safe inside CDATA.
				nonce: isReplyNonce(inbound.nonce) ? inbound.nonce : String(randomInt(1e9)),
				usePreviousKey: inbound.usedPreviousKey,
			});
			await respond(encrypted, 'application/xml');
		}
		return [{ json: { deliveredAs: 'passiveReply', ...summary } }];
	}

	const reason = alreadyReplied ? 'alreadyReplied' : inbound.waiting ? 'late' : 'notWaiting';
	// WeChat still holds the connection: release it so the user does not see "service unavailable"
	// and WeChat does not retry, then answer through the customer-service API.
	if (inbound.waiting && !alreadyReplied) await respond('success', 'text/plain');

	const fallback = options.fallbackToCustomerService !== false;
	const body = customerServiceBody(toUserName, content);
	if (!body) {
		const why = content.type === 'success' ? 'nothingToSend' : 'transferNeedsPassiveReply';
		return [{ json: { deliveredAs: 'none', reason, detail: why, ...summary } }];
	}
	if (!fallback) {
		return [{ json: { deliveredAs: 'none', reason, detail: 'fallbackDisabled', ...summary } }];
	}
	const authorizerAppId = getAuthorizerAppId(this, itemIndex);
	await platform.authorizerRequest(authorizerAppId, {
		method: 'POST',
		path: '/cgi-bin/message/custom/send',
		body,
	});
	return [{ json: { deliveredAs: 'customerServiceMessage', reason, authorizerAppId, ...summary } }];
}
