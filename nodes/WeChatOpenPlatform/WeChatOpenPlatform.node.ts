/* eslint-disable n8n-nodes-base/node-filename-against-convention */
// The type name `wechatOpenPlatform` and this file name are both fixed (saved workflows and package.json refer to them);
// the rule derives "Wechat" from the type name, but the product is spelled WeChat.
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resources, router } from './router';
import { searchAuthorizers } from './shared/listSearch';

export class WeChatOpenPlatform implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat Open Platform',
		name: 'wechatOpenPlatform',
		icon: { light: 'file:../../icons/wechat.svg', dark: 'file:../../icons/wechat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Reply to WeChat users and call WeChat APIs on behalf of the accounts that authorized your third-party platform',
		defaults: { name: 'WeChat Open Platform' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'wechatOpenPlatformApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'API Request',
						value: 'apiRequest',
						description: 'Call any WeChat API with the right token',
					},
					{
						name: 'Authorization',
						value: 'authorization',
						description: 'Onboard and manage authorized accounts',
					},
					{
						name: 'Code Template',
						value: 'codeTemplate',
						description: "The platform's mini-program code templates and drafts",
					},
					{
						name: 'JS-SDK',
						value: 'jsSdk',
						description: 'Signatures for wx.config in web pages of an Official Account',
					},
					{
						name: 'Media',
						value: 'media',
						description: 'Upload and download images, voice and video',
					},
					{ name: 'Menu', value: 'menu', description: 'The custom menu of an Official Account' },
					{ name: 'Message', value: 'message', description: 'Customer-service messages' },
					{
						name: 'Mini Program Code',
						value: 'miniProgramCode',
						description: 'Commit, audit, release and roll back the code of a mini program',
					},
					{
						name: 'Mini Program Privacy',
						value: 'miniProgramPrivacy',
						description: 'Privacy policy settings and privacy interfaces of a mini program',
					},
					{
						name: 'Mini Program Profile',
						value: 'miniProgramProfile',
						description: 'Name, avatar, introduction and categories of a mini program',
					},
					{
						name: 'Mini Program Registration',
						value: 'miniProgramRegistration',
						description: 'Create mini programs for merchants (fast registration)',
					},
					{
						name: 'Mini Program Setting',
						value: 'miniProgramSettings',
						description: 'Server and web-view domains, testers of a mini program',
					},
					{
						name: 'Mini Program User',
						value: 'miniProgramUser',
						description: 'Log mini-program users in, decrypt their data, get phone numbers',
					},
					{
						name: 'OAuth',
						value: 'oauth',
						description: 'Web page authorization on behalf of an account',
					},
					{
						name: 'Platform',
						value: 'platform',
						description: 'Status of the platform, API quotas and request IDs',
					},
					{ name: 'QR Code', value: 'qrCode', description: 'QR codes with a scene value' },
					{
						name: 'Reply',
						value: 'reply',
						description: 'Answer the message that started the workflow',
					},
					{
						name: 'Template Message',
						value: 'templateMessage',
						description: 'Template notifications',
					},
					{ name: 'Token', value: 'token', description: 'Access tokens for HTTP Request nodes' },
					{ name: 'User', value: 'user', description: 'Followers of an Official Account' },
				],
				default: 'reply',
			},
			...Object.values(resources).flatMap((resource) => resource.description),
		],
	};

	methods = {
		listSearch: { searchAuthorizers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
