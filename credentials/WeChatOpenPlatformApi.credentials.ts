import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

export class WeChatOpenPlatformApi implements ICredentialType {
	name = 'wechatOpenPlatformApi';

	displayName = 'WeChat Open Platform API';

	icon: Icon = {
		light: 'file:../icons/wechat.svg',
		dark: 'file:../icons/wechat.dark.svg',
	};

	// This package's own README (where each field is found in WeChat's console), not WeChat's docs.
	documentationUrl =
		'https://www.npmjs.com/package/n8n-nodes-wechat-open-platform#2-credential-wechat-open-platform-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Component AppID',
			name: 'componentAppId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'wx1234567890abcdef',
			description:
				'The AppID of your third-party platform (第三方平台 AppID), from Open Platform → Third-party Platform → Details',
		},
		{
			displayName: 'Component AppSecret',
			name: 'componentAppSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The AppSecret of your third-party platform',
		},
		{
			displayName: 'Message Verification Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The "消息校验Token" from the platform\'s development settings, used to sign every push',
		},
		{
			displayName: 'Message Encryption Key',
			name: 'encodingAESKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The 43-character "消息加解密Key" (EncodingAESKey) from the platform\'s development settings',
		},
		{
			displayName: 'Previous Message Encryption Key',
			name: 'previousEncodingAESKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'While you rotate the key in the WeChat console, put the old key here so that pushes still encrypted with it are accepted',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: 'https://api.weixin.qq.com',
			description:
				'Where WeChat API calls go. Change it only for a forward proxy on your whitelisted egress IP, or for the local WeChat simulator.',
		},
		{
			displayName: 'Token Store',
			name: 'store',
			type: 'options',
			default: 'file',
			options: [
				{
					name: 'File (This n8n Host)',
					value: 'file',
					description:
						'Tickets and tokens live in a folder under the n8n user folder. For one n8n process or several on one host.',
				},
				{
					name: 'Redis (Queue Mode, Several Hosts)',
					value: 'redis',
					description:
						'Tickets and tokens live in Redis, shared by every n8n main, webhook and worker process',
				},
			],
			description: 'Where the verify ticket, access tokens and refresh tokens are kept',
		},
		{
			displayName: 'Redis URL',
			name: 'redisUrl',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'redis://:password@redis-host:6379/0',
			displayOptions: { show: { store: ['redis'] } },
			description: 'Connection URL of the Redis server that holds the tokens',
		},
	];

	// Proves AppID + AppSecret + IP whitelist in one call that needs no ticket and changes nothing
	// but restarting ticket pushes, which is harmless.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiBaseUrl.replace(/\\/+$/, "")}}',
			url: '/cgi-bin/component/api_start_push_ticket',
			method: 'POST',
			body: {
				component_appid: '={{$credentials.componentAppId}}',
				component_secret: '={{$credentials.componentAppSecret}}',
			},
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 61004,
					message:
						"WeChat refused this n8n's IP address (61004). Add this n8n's egress IP to the platform's IP whitelist.",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40013,
					message: 'The Component AppID is not valid (40013).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40125,
					message: 'The Component AppSecret is wrong (40125).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 61011,
					message: 'The Component AppID is not a valid third-party platform (61011).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 41004,
					message: 'The Component AppSecret is missing (41004).',
				},
			},
		],
	};
}
