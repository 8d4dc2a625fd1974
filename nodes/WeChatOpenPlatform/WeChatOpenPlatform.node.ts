/* eslint-disable n8n-nodes-base/node-filename-against-convention */
// The type name `wechatOpenPlatform` and this file name are both fixed by the spec and package.json;
// the rule derives "Wechat" from the type name, but the product is spelled WeChat.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { WeChatApiError, WeChatPlatformError } from '../../core/api/errors';
import { toNodeError } from '../shared/errors';
import { platformFor } from '../shared/platform';
import { apiRequest } from './resources/apiRequest';
import { authorization } from './resources/authorization';
import { media } from './resources/media';
import { menu } from './resources/menu';
import { message } from './resources/message';
import { oauth } from './resources/oauth';
import { qrCode } from './resources/qrCode';
import { reply } from './resources/reply';
import { templateMessage } from './resources/templateMessage';
import { token } from './resources/token';
import { user } from './resources/user';
import { searchAuthorizers } from './shared/listSearch';
import type { ResourceDefinition } from './shared/types';

const resources: Record<string, ResourceDefinition> = {
	reply,
	message,
	templateMessage,
	user,
	menu,
	media,
	qrCode,
	authorization,
	token,
	oauth,
	apiRequest,
};

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
						name: 'Media',
						value: 'media',
						description: 'Upload and download images, voice and video',
					},
					{ name: 'Menu', value: 'menu', description: 'The custom menu of an Official Account' },
					{ name: 'Message', value: 'message', description: 'Customer-service messages' },
					{
						name: 'OAuth',
						value: 'oauth',
						description: 'Web page authorization on behalf of an account',
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
			...Object.values(resources).flatMap((resource) => [resource.operations, ...resource.fields]),
		],
	};

	methods = {
		listSearch: { searchAuthorizers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		let platform;
		try {
			platform = await platformFor(this);
		} catch (error) {
			throw new NodeOperationError(
				this.getNode(),
				`The WeChat Open Platform credential cannot be used: ${(error as Error).message}`,
			);
		}
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const resource = this.getNodeParameter('resource', itemIndex) as string;
				const operation = this.getNodeParameter('operation', itemIndex) as string;
				const run = resources[resource]?.execute[operation];
				if (!run) {
					throw new NodeOperationError(
						this.getNode(),
						`The operation "${operation}" of "${resource}" is not supported`,
						{
							itemIndex,
						},
					);
				}
				const output = await run.call(this, itemIndex, { platform });
				returnData.push(
					...this.helpers.constructExecutionMetaData(output, { itemData: { item: itemIndex } }),
				);
			} catch (error) {
				const nodeError = toNodeError(this.getNode(), error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				returnData.push({ json: errorJson(error, nodeError), pairedItem: { item: itemIndex } });
			}
		}
		return [returnData];
	}
}

function errorJson(original: unknown, nodeError: Error): IDataObject {
	const json: IDataObject = { error: nodeError.message };
	if (original instanceof WeChatApiError) {
		json.errcode = original.errcode;
		json.errmsg = original.errmsg;
		if (original.hint) json.hint = original.hint;
	} else if (original instanceof WeChatPlatformError) {
		json.code = original.code;
		if (original.hint) json.hint = original.hint;
	} else {
		const description = (nodeError as { description?: unknown }).description;
		if (typeof description === 'string' && description) json.hint = description;
	}
	return json;
}
