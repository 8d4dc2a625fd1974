/* eslint-disable n8n-nodes-base/node-filename-against-convention --
   The rule derives "Wechat…" from the type name; the manifest (package.json n8n.nodes) and the
   spec fix the file as WeChatOpenPlatformTrigger.node.ts, matching the brand's spelling. */
import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';

import type { WeChatCrypto } from '../../core/crypto';
import { freshPlatformFor, platformReusedFor } from '../shared/platform';
import { filtersFrom } from './filters';
import {
	ALL,
	CALLBACK_PATH,
	RESPONSE_MODE_ACKNOWLEDGE,
	TEST_CALLBACK_PATH,
	RESPONSE_MODE_REPLY_NODE,
	triggerProperties,
} from './properties';
import { handleAuthorizationEvent } from './webhook/authorizationEvent';
import { reject, respond } from './webhook/http';
import { handleMessage } from './webhook/message';
import { serveAuthorizedPage, serveAuthorizePage } from './webhook/onboarding';
import { startTicketPush } from './webhook/lifecycle';
import { mayRereadCredential } from './webhook/recheck';
import { routeOf } from './webhook/route';
import { errorText, type HandlerEnv, type TriggerSettings } from './webhook/types';
import { readRawBody } from './webhook/body';
import { MAX_PUSH_BYTES, verifyEcho, verifyPush, type Verified } from './webhook/verify';

/**
 * The user's settings: `triggerOptions` in version 1 (whose `options` parameter is n8n's body-parsing
 * switch), `options` in 1.1. A version-1 node saved before that split keeps its settings in `options`;
 * they still apply, under any set in `triggerOptions`.
 */
export function userOptionsOf(context: IWebhookFunctions): Record<string, unknown> {
	const legacy = context.getNodeParameter('options', {}) as Record<string, unknown>;
	if (context.getNode().typeVersion !== 1) return legacy;
	const settings = { ...legacy };
	delete settings.binaryData; // n8n's switch, not a setting
	return {
		...settings,
		...(context.getNodeParameter('triggerOptions', {}) as Record<string, unknown>),
	};
}

function settingsOf(context: IWebhookFunctions): TriggerSettings {
	const options = userOptionsOf(context);
	const maxAge = Number(options.maxRequestAgeSeconds ?? 300);
	return {
		responseMode:
			context.getNodeParameter('responseMode', RESPONSE_MODE_ACKNOWLEDGE) ===
			RESPONSE_MODE_REPLY_NODE
				? 'responseNode'
				: 'onReceived',
		filters: filtersFrom({
			messageTypes: context.getNodeParameter('messageTypes', ['*']),
			eventTypes: context.getNodeParameter('eventTypes', ['*']),
			authorizationEvents: context.getNodeParameter('authorizationEvents', [ALL]),
			authorizerAppIds: options.authorizerAppIds,
		}),
		answerReleaseTests: options.answerReleaseTests !== false,
		exchangeAuthorizationCode: options.exchangeAuthorizationCode !== false,
		maxAgeSeconds: Number.isFinite(maxAge) && maxAge > 0 ? maxAge : 0,
		authType: ['1', '2', '3'].includes(String(options.authType)) ? String(options.authType) : '3',
		bizAppId: typeof options.bizAppId === 'string' ? options.bizAppId.trim() : '',
		platformName:
			typeof options.platformName === 'string' ? options.platformName.trim().slice(0, 80) : '',
	};
}

/**
 * The message URL's responseMode follows the Response parameter. Declared with n8n-workflow's
 * webhookDescriptionFields where it exists (n8n 2.x) so that n8n resolves it without its expression
 * engine on every push; n8n 1.x has no such helper and gets the same template.
 */
function responseModeFromParameter(): { responseMode: string } {
	const helpers = n8nWorkflow as Partial<typeof n8nWorkflow>;
	if (
		typeof helpers.webhookDescriptionFields !== 'function' ||
		typeof helpers.fromParameter !== 'function'
	) {
		return { responseMode: '={{$parameter["responseMode"]}}' };
	}
	return helpers.webhookDescriptionFields({ responseMode: helpers.fromParameter('responseMode') });
}

async function dispatch(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = context.getRequestObject();
	const route = routeOf(request.method, request.path ?? request.url, context.getParamsData());
	if (route.kind === 'unknown') return respond(context, 404, 'not found');
	if (route.kind === 'callback' && !route.appIdValid) {
		return reject(context, { status: 400, reason: 'invalid appid' });
	}

	let env: HandlerEnv;
	let reused: boolean;
	try {
		const credential = await platformReusedFor(context);
		reused = credential.reused;
		env = {
			context,
			platform: credential.platform,
			settings: settingsOf(context),
			nowMs: Date.now(),
		};
	} catch (error) {
		// A broken credential (e.g. a key that is not 43 characters): nothing can be verified.
		context.logger.error(`WeChat Open Platform Trigger is not usable: ${errorText(error)}`);
		return respond(context, 503, 'not configured');
	}
	const freshness = { maxAgeSeconds: env.settings.maxAgeSeconds, nowMs: env.nowMs };
	/**
	 * Checks with the credential read a moment ago; if that fails, once more with the credential as
	 * it is now, so that a new Token/EncodingAESKey works from its first push (see CREDENTIAL_REUSE_MS).
	 */
	const verified = async <T>(
		check: (crypto: WeChatCrypto) => Verified<T>,
	): Promise<Verified<T>> => {
		const first = check(env.platform.crypto);
		if (first.ok || !reused || !mayRereadCredential(context, first.rejection, env.nowMs)) {
			return first;
		}
		const current = await freshPlatformFor(context);
		if (current === env.platform) return first;
		env = { ...env, platform: current };
		return check(current.crypto);
	};

	switch (route.kind) {
		case 'authorize':
			return await serveAuthorizePage(env);
		case 'authorized':
			return await serveAuthorizedPage(env);
		case 'echo': {
			const echo = await verified((crypto) =>
				verifyEcho(crypto, context.getQueryData(), freshness),
			);
			if (echo.ok) return respond(context, 200, echo.value);
			env.platform.health.rejected(echo.rejection.reason);
			return reject(context, echo.rejection);
		}
		case 'authorization':
		case 'callback': {
			const rawBody = await readRawBody(request, MAX_PUSH_BYTES);
			const push = await verified((crypto) =>
				verifyPush(crypto, context.getQueryData(), rawBody, freshness),
			);
			if (!push.ok) {
				env.platform.health.rejected(push.rejection.reason);
				return reject(context, push.rejection);
			}
			// Memory only; written with this process's health record at most once a minute.
			env.platform.health.pushed(route.kind === 'authorization' ? 'authorization' : 'message');
			return route.kind === 'authorization'
				? await handleAuthorizationEvent(env, push.value)
				: await handleMessage(env, route.appId, push.value);
		}
	}
}

export class WeChatOpenPlatformTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat Open Platform Trigger',
		name: 'wechatOpenPlatformTrigger',
		icon: { light: 'file:../../icons/wechat.svg', dark: 'file:../../icons/wechat.dark.svg' },
		group: ['trigger'],
		// n8n leaves the body of a push unparsed only for a version-1 trigger whose
		// options.binaryData is truthy (hidden parameter, see properties.ts), so new nodes get 1.
		// 1.1 (the default for a while) lets n8n's shared XML parser see every push; it still works
		// and its panel asks to replace the node. Nothing else differs between the two.
		version: [1, 1.1],
		defaultVersion: 1,
		subtitle:
			'={{$parameter["responseMode"] === "responseNode" ? "Reply in workflow" : "Acknowledge immediately"}}',
		description:
			'Starts the workflow on messages and events of the WeChat accounts that authorized your third-party platform, and on authorization changes',
		defaults: { name: 'WeChat Open Platform Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wechatOpenPlatformApi', required: true }],
		webhooks: [
			// The first one is also the base of the onboarding return address (see onboarding.ts).
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'authorization',
			},
			{
				name: 'default',
				httpMethod: 'POST',
				...responseModeFromParameter(),
				// Unique per node (see CALLBACK_PATH); served at /webhook/<webhookId>/<AppID>/callback.
				path: CALLBACK_PATH,
				// n8n keys a path with a `:param` by the node's webhookId itself; without isFullPath
				// it would prefix the webhookId a second time and serve `/webhook/<id>/<id>/<appid>/…`.
				isFullPath: true,
			},
			{
				// The message URL again, for n8n's test mode only (see TEST_CALLBACK_PATH).
				name: 'default',
				httpMethod: 'POST',
				...responseModeFromParameter(),
				path: TEST_CALLBACK_PATH,
				isFullPath: true,
				ndvHideUrl: true,
			},
			{
				name: 'default',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'authorize',
			},
			{
				name: 'default',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'authorized',
				ndvHideUrl: true,
			},
			{
				name: 'default',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'authorization',
				ndvHideUrl: true,
			},
			{
				name: 'default',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: CALLBACK_PATH,
				isFullPath: true,
				ndvHideUrl: true,
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Nothing is registered at WeChat: the URLs are pasted into its console by hand.
				// Answering false lets create() ask for a fresh ticket on every activation.
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await startTicketPush(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		try {
			return await dispatch(this);
		} catch (error) {
			// Whatever went wrong, WeChat gets a short answer and no execution starts; never a 500.
			this.logger.error(`WeChat Open Platform Trigger failed on a request: ${errorText(error)}`);
			return respond(this, 400, 'bad request');
		}
	}
}
