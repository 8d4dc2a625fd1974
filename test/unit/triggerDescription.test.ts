/**
 * What n8n reads from the trigger's description on every request: it must be resolvable without
 * n8n's expression engine (a V8 isolate per request under n8n 2.x's default engine).
 */
import {
	resolveWebhookDescriptionField,
	webhookDescriptionIsNativelyResolvable,
	type IWebhookDescription,
} from 'n8n-workflow';

import { WeChatOpenPlatformTrigger } from '../../nodes/WeChatOpenPlatformTrigger/WeChatOpenPlatformTrigger.node';

const { description } = new WeChatOpenPlatformTrigger();
const webhooks = description.webhooks as IWebhookDescription[];
const callback = webhooks.find((w) => w.httpMethod === 'POST' && w.path === ':appid/callback')!;

test('new workflows get version 1.1, which n8n does not evaluate options.binaryData for', () => {
	expect(description.version).toEqual([1, 1.1]);
	expect(description.defaultVersion).toBe(1.1);
});

test('every webhook description is natively resolvable', () => {
	for (const webhook of webhooks)
		expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
});

test.each(['onReceived', 'responseNode'])(
	'the message URL answers in the Response mode chosen (%s), without the engine',
	(mode) => {
		expect(callback.responseMode).toBe('={{$parameter["responseMode"]}}');
		expect(
			resolveWebhookDescriptionField(
				{ parameters: { responseMode: mode } },
				callback,
				'responseMode',
			),
		).toEqual({
			resolved: true,
			value: mode,
		});
	},
);

test('a Response mode given as an expression still goes to the engine', () => {
	const dynamic = { parameters: { responseMode: '={{ "responseNode" }}' } };
	expect(resolveWebhookDescriptionField(dynamic, callback, 'responseMode')).toEqual({
		resolved: false,
	});
});
