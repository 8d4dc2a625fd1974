/**
 * What n8n reads from the trigger's description on every request: it must be resolvable without
 * n8n's expression engine (a V8 isolate per request under n8n 2.x's default engine).
 */
import {
	NodeHelpers,
	resolveWebhookDescriptionField,
	webhookDescriptionIsNativelyResolvable,
	Workflow,
	type INode,
	type INodeType,
	type IWebhookDescription,
} from 'n8n-workflow';

import { WeChatOpenPlatformTrigger } from '../../nodes/WeChatOpenPlatformTrigger/WeChatOpenPlatformTrigger.node';
import {
	callbackPathOf,
	TEST_CALLBACK_PATH,
	testCallbackPathOf,
} from '../../nodes/WeChatOpenPlatformTrigger/properties';
import { appIdParam, routeOf } from '../../nodes/WeChatOpenPlatformTrigger/webhook/route';

const trigger = new WeChatOpenPlatformTrigger();
const { description } = trigger;
const webhooks = description.webhooks as IWebhookDescription[];
const callback = webhooks.find(
	(w) => w.httpMethod === 'POST' && String(w.path).includes('callback'),
)!;

function node(typeVersion: number, parameters: INode['parameters'], webhookId: string): INode {
	return {
		id: `node-${webhookId}`,
		name: 'WeChat Open Platform Trigger',
		type: 'n8n-nodes-wechat-open-platform.wechatOpenPlatformTrigger',
		typeVersion,
		position: [0, 0],
		parameters,
		webhookId,
	};
}

/** A workflow as n8n builds it for a webhook request: parameter defaults filled in by n8n-workflow. */
function workflowOf(n: INode): Workflow {
	return new Workflow({
		nodes: [n],
		connections: {},
		active: true,
		nodeTypes: {
			getByName: () => trigger as INodeType,
			getByNameAndVersion: () => trigger as INodeType,
			getKnownTypes: () => ({}),
		},
	});
}

/** The expression n8n's parseRequestBody evaluates for a version-1 start node (2.41.1 and 1.123.81). */
const N8N_BINARY_DATA_SWITCH = '={{$parameter["options"]["binaryData"]}}';

function binaryDataSeenByN8n(n: INode): unknown {
	const workflow = workflowOf(n);
	return workflow.expression.getSimpleParameterValue(
		workflow.getNode(n.name)!,
		N8N_BINARY_DATA_SWITCH,
		'webhook',
		{},
		undefined,
		false,
	);
}

test('new nodes get version 1, the only version n8n leaves the body unparsed for', () => {
	expect(description.version).toEqual([1, 1.1]);
	expect(description.defaultVersion).toBe(1);
});

test('a new version-1 node, saved the way the editor saves it, makes n8n skip its body parser', () => {
	// The editor keeps only parameters that differ from their defaults (returnDefaults = false).
	const inEditor = NodeHelpers.getNodeParameters(
		description.properties,
		{},
		true,
		false,
		node(1, {}, 'a'),
		description,
	)!;
	const saved = NodeHelpers.getNodeParameters(
		description.properties,
		inEditor,
		false,
		false,
		node(1, {}, 'a'),
		description,
	)!;
	expect(saved).not.toHaveProperty('options');
	expect(binaryDataSeenByN8n(node(1, saved, 'a'))).toBe(true);
	// The user's settings live under another name, so setting them keeps the switch on.
	const withSettings = { ...saved, triggerOptions: { maxRequestAgeSeconds: 60 } };
	expect(binaryDataSeenByN8n(node(1, withSettings, 'a'))).toBe(true);
});

test('version 1.1 nodes keep their settings in options; n8n parses their bodies', () => {
	expect(
		binaryDataSeenByN8n(node(1.1, { options: { maxRequestAgeSeconds: 60 } }, 'a')),
	).toBeFalsy();
	const visible = description.properties.filter(
		(p) => p.name === 'options' && p.displayOptions?.show?.['@version']?.includes(1.1),
	);
	expect(visible.map((p) => p.type)).toEqual(['collection']);
	expect(
		description.properties.filter((p) => p.name === 'noticeReplaceNode')[0].displayOptions,
	).toEqual({ show: { '@version': [1.1] } });
});

test('the message URL path is unique per version-1 node and keeps the URL /<webhookId>/<AppID>/callback', () => {
	const ids = ['0e5c40a1-e40c-4e51-9c6e-7e0a2b1f0001', '6b3e9a02-e40c-4e51-9c6e-7e0a2b1f0002'];
	const pathOf = (typeVersion: number, webhookId: string) => {
		const n = node(typeVersion, {}, webhookId);
		const workflow = workflowOf(n);
		// As n8n's webhook service evaluates a description's path ('internal' mode).
		return String(
			workflow.expression.getSimpleParameterValue(
				workflow.getNode(n.name)!,
				callback.path,
				'internal',
				{},
			),
		);
	};
	const v1 = ids.map((id) => pathOf(1, id));
	expect(v1[0]).toBe(':appid_0e5c40a1-e40c-4e51-9c6e-7e0a2b1f0001/callback');
	expect(v1[1]).not.toBe(v1[0]);
	// 1.1 keeps the path n8n stored when such a workflow was published, so it keeps working.
	expect(pathOf(1.1, ids[0])).toBe(':appid/callback');
	for (const [version, id] of [
		[1, ids[0]],
		[1.1, ids[1]],
	] as const)
		expect(callbackPathOf(version, id)).toBe(pathOf(version, id));
	// Two segments: n8n serves it at /webhook/<webhookId>/<segment 1>/<segment 2>.
	for (const path of v1) expect(path.split('/')).toHaveLength(2);
	const get = webhooks.find((w) => w.httpMethod === 'GET' && w.path === callback.path);
	expect(get).toBeDefined();
	expect(callback.isFullPath).toBe(true);
	// The test-mode twin: the same URL, with no static segment (see TEST_CALLBACK_PATH).
	const twin = webhooks.filter((w) => w.httpMethod === 'POST' && w.path === TEST_CALLBACK_PATH);
	expect(twin).toHaveLength(1);
	expect(twin[0]).toMatchObject({ isFullPath: true, ndvHideUrl: true });
	expect(twin[0].responseMode).toBe(callback.responseMode);
	const n = node(1.1, {}, ids[0]);
	const workflow = workflowOf(n);
	expect(
		workflow.expression.getSimpleParameterValue(
			workflow.getNode(n.name)!,
			TEST_CALLBACK_PATH,
			'internal',
			{},
		),
	).toBe(testCallbackPathOf(ids[0]));
	expect(testCallbackPathOf(ids[0])).toBe(':appid_0e5c40a1-e40c-4e51-9c6e-7e0a2b1f0001/:callback');
});

test('through the test-mode template only …/callback is served', () => {
	const params = { appid_x: 'wx00000000e2e0a001', callback: 'authorization' };
	expect(routeOf('POST', '/webhook/x/wx00000000e2e0a001/authorization', params)).toEqual({
		kind: 'unknown',
	});
	expect(routeOf('GET', '/webhook/x/wx00000000e2e0a001/authorize', params)).toEqual({
		kind: 'unknown',
	});
	expect(
		routeOf('POST', '/webhook-test/x/wx00000000e2e0a001/callback', {
			...params,
			callback: 'callback',
		}),
	).toEqual({ kind: 'callback', appId: 'wx00000000e2e0a001', appIdValid: true });
});

test('the AppID is read from the unique parameter, and from the older `appid` one', () => {
	const params = { 'appid_0e5c40a1-e40c-4e51-9c6e-7e0a2b1f0001': 'wx00000000e2e0a001' };
	expect(appIdParam(params)).toBe('wx00000000e2e0a001');
	expect(appIdParam({ appid: 'wx00000000e2e0a001' })).toBe('wx00000000e2e0a001');
	expect(appIdParam({ other: 'wx00000000e2e0a001' })).toBeUndefined();
	expect(routeOf('POST', '/webhook/x/wx00000000e2e0a001/callback', params)).toEqual({
		kind: 'callback',
		appId: 'wx00000000e2e0a001',
		appIdValid: true,
	});
});

test('every webhook description but the message URL paths is natively resolvable', () => {
	for (const webhook of webhooks) {
		if (webhook.path === callback.path || webhook.path === TEST_CALLBACK_PATH) {
			expect(webhookDescriptionIsNativelyResolvable({ ...webhook, path: 'x' })).toBe(true);
		} else {
			expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
		}
	}
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
