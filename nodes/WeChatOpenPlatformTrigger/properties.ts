import type { INodeProperties } from 'n8n-workflow';

import { AUTHORIZATION_EVENTS, EVENT_TYPES, MESSAGE_TYPES } from './notificationOptions';

export const RESPONSE_MODE_ACKNOWLEDGE = 'onReceived';
export const RESPONSE_MODE_REPLY_NODE = 'responseNode';

export const ALL = '*';

/**
 * The message URL's path. n8n stores a dynamic path without the node's webhookId, and (method, path)
 * is unique in its webhook table, so a fixed `:appid/callback` collides between every two active
 * triggers. In version 1 (the default for new nodes) the `:param` is named
 * `appid_<webhookId>`, which makes the stored path unique per node; the URL stays
 * `/webhook/<webhookId>/<AppID>/callback` because n8n fills a `:param` by position. Version 1.1 keeps
 * `:appid/callback`, so an active 1.1 workflow's stored webhooks still match after an update.
 */
export const APPID_PARAM_PREFIX = 'appid_';
export const CALLBACK_PATH = `={{($nodeVersion === 1 ? ":${APPID_PARAM_PREFIX}" + $webhookId : ":appid") + "/callback"}}`;

/**
 * The same URL for n8n's test mode. n8n keys a test webhook by its webhookId only when the path's
 * segments after the first hold a `:param` (test-webhooks.js / webhook.service.js `isDynamicPath`,
 * 2.41.1 and 1.123.81), and then matches a request's static segments by value: `:appid…/callback`
 * never matches, `:appid_<webhookId>/:callback` does (no static segment). Registered next to
 * CALLBACK_PATH and hidden in the panel; for a live request n8n prefers the template whose static
 * segment (`callback`) matches, and the node refuses any other last segment (route.ts).
 */
export const TEST_CALLBACK_PATH = `={{":${APPID_PARAM_PREFIX}" + $webhookId + "/:callback"}}`;

/** What n8n makes of CALLBACK_PATH (the unit test checks it against n8n's own evaluation). */
export function callbackPathOf(typeVersion: number, webhookId: string | undefined): string {
	return `${typeVersion === 1 ? `:${APPID_PARAM_PREFIX}${webhookId}` : ':appid'}/callback`;
}

/** What n8n makes of TEST_CALLBACK_PATH. */
export function testCallbackPathOf(webhookId: string | undefined): string {
	return `:${APPID_PARAM_PREFIX}${webhookId}/:callback`;
}

/** Version 1: n8n skips its own body parsing when `options.binaryData` is truthy (see README). */
const V1 = { show: { '@version': [1] } };
const V1_1 = { show: { '@version': [1.1] } };

/** Settings shared by both versions; under `triggerOptions` in version 1, `options` in 1.1. */
const USER_OPTIONS: INodeProperties['options'] = [
	{
		displayName: 'Answer Release Tests Automatically',
		name: 'answerReleaseTests',
		type: 'boolean',
		default: true,
		description:
			"Whether to answer WeChat's full-network release tests (全网发布接入检测) from its test accounts without running the workflow",
	},
	{
		displayName: 'Authorization Type',
		name: 'authType',
		type: 'options',
		default: '3',
		options: [
			{ name: 'Official Accounts Only', value: '1' },
			{ name: 'Mini Programs Only', value: '2' },
			{ name: 'Official Accounts and Mini Programs', value: '3' },
		],
		description: 'Which kind of account merchants can connect on the /authorize page',
	},
	{
		displayName: 'Exchange Authorization Code',
		name: 'exchangeAuthorizationCode',
		type: 'boolean',
		default: true,
		description:
			"Whether to exchange the authorization code of a new or updated authorization at once and store the account's tokens",
	},
	{
		displayName: 'Max Request Age (Seconds)',
		name: 'maxRequestAgeSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 300,
		description:
			'Pushes whose signed timestamp is further than this from the n8n clock are refused as replays. 0 turns the check off.',
	},
	{
		displayName: 'Only These Accounts',
		name: 'authorizerAppIds',
		type: 'string',
		default: '',
		placeholder: 'wx1234567890abcdef, wxfedcba0987654321',
		description:
			'Comma-separated AppIDs of the accounts whose messages and authorization events start the workflow. Empty = every account.',
	},
	{
		displayName: 'Platform Name',
		name: 'platformName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Acme Shop Builder',
		description:
			'The name merchants know your platform by, shown on the /authorize page ("Connect your account to …")',
	},
	{
		displayName: 'Restrict to One Account (Biz AppID)',
		name: 'bizAppId',
		type: 'string',
		default: '',
		placeholder: 'wx1234567890abcdef',
		description:
			'If set, the /authorize page only lets the merchant authorize this one account (biz_appid)',
	},
];

export const triggerProperties: INodeProperties[] = [
	{
		// Read by n8n itself, not by the node: for a version-1 trigger whose `options.binaryData` is
		// truthy n8n does not parse the body (webhook-helpers.js parseRequestBody), so a push never
		// reaches n8n's shared XML parser, which a stranger can wedge (docs/upstream-xml-body-parser.md).
		// A hidden parameter: never shown, and its default is what n8n sees when a saved workflow omits it.
		displayName: 'Body Handling',
		name: 'options',
		type: 'hidden',
		default: { binaryData: true },
		displayOptions: V1,
	},
	{
		displayName:
			'Paste the POST URL ending in <code>/authorization</code> into WeChat\'s "Authorization event URL" (授权事件接收配置) and the one ending in <code>/callback</code> into "Message and event URL" (消息与事件接收配置), with <code>$APPID$</code> in place of the <code>:appid_…</code> segment. Keep the workflow active: WeChat pushes a ticket every 10 minutes.',
		name: 'noticeUrls',
		type: 'notice',
		default: '',
	},
	{
		displayName:
			'This node is version 1.1, whose pushes n8n parses with a parser strangers can jam. Replace it with a new WeChat Open Platform Trigger (same settings; the URLs change).',
		name: 'noticeReplaceNode',
		type: 'notice',
		default: '',
		displayOptions: V1_1,
	},
	{
		displayName: 'Response',
		name: 'responseMode',
		type: 'options',
		default: RESPONSE_MODE_ACKNOWLEDGE,
		options: [
			{
				name: 'Acknowledge Immediately',
				value: RESPONSE_MODE_ACKNOWLEDGE,
				description:
					'Answer WeChat "success" at once and run the workflow. Answer users later with a customer-service message.',
			},
			{
				name: 'Reply With the WeChat Open Platform Node',
				value: RESPONSE_MODE_REPLY_NODE,
				description:
					'Hold the answer until a WeChat Open Platform node (Reply → Send) answers. WeChat waits 5 seconds at most.',
			},
		],
		description: "How WeChat's message pushes are answered",
	},
	{
		displayName:
			'WeChat waits at most 5 seconds for a reply. If the workflow fails or ends without a Reply, WeChat gets an empty "success" answer (the user sees nothing). A repeated delivery of the same message is answered "success" without a second run, so use the reply node\'s customer-service fallback for slow workflows.',
		name: 'noticeReplyMode',
		type: 'notice',
		default: '',
		displayOptions: { show: { responseMode: [RESPONSE_MODE_REPLY_NODE] } },
	},
	{
		displayName: 'Message Types',
		name: 'messageTypes',
		type: 'multiOptions',
		default: [ALL],
		options: [{ name: 'All Message Types', value: ALL }, ...MESSAGE_TYPES],
		description:
			'Which user messages start the workflow. Leave empty to ignore all messages. Ignored messages are answered "success" without a run.',
	},
	{
		displayName: 'Event Types',
		name: 'eventTypes',
		type: 'multiOptions',
		default: [ALL],
		options: [{ name: 'All Event Types', value: ALL }, ...EVENT_TYPES],
		description:
			'Which account events (follows, menu clicks, …) start the workflow. Leave empty to ignore all events.',
	},
	{
		displayName: 'Authorization Events',
		name: 'authorizationEvents',
		type: 'multiOptions',
		default: [ALL],
		options: [
			{
				name: 'All Notifications',
				value: ALL,
				description: 'Every notification, including kinds WeChat adds later',
			},
			...AUTHORIZATION_EVENTS,
		],
		description:
			'Which platform notifications start the workflow. Tickets are always stored and never start a run; authorizations are always recorded.',
	},
	{
		displayName: 'Options',
		name: 'triggerOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: V1,
		options: USER_OPTIONS,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: V1_1,
		options: USER_OPTIONS,
	},
];
