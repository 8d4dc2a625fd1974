import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { customerServiceMessage } from '../../../../core/customerService';
import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { contentFields } from '../../shared/contentFields';
import { readContent } from '../../shared/readContent';
import { getOpenId, openIdField } from '../../shared/openId';
import type { OperationContext } from '../../shared/types';

const show = showFor('message', 'send');

export const description: INodeProperties[] = [
	authorizerField(show),
	openIdField(
		show,
		"The OpenID of the user. WeChat accepts customer-service messages within 48 hours of the user's last message.",
	),
	...contentFields(
		'message',
		'send',
		'messageType',
		['text', 'image', 'voice', 'video', 'music', 'news', 'mpnews', 'msgmenu', 'miniprogrampage'],
		'text',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Send as Customer-Service Account',
				name: 'kfAccount',
				type: 'string',
				default: '',
				placeholder: 'agent1@gh_1234567890ab',
				description: 'Show the message as sent by this customer-service agent',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const openId = getOpenId(this, itemIndex);
	const content = readContent(this, itemIndex, 'messageType');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const kfAccount =
		typeof options.kfAccount === 'string' && options.kfAccount.trim()
			? options.kfAccount.trim()
			: undefined;
	// readContent only yields customer-service kinds for this operation's type list.
	const body = customerServiceMessage(openId, content, kfAccount);
	await platform.authorizerRequest(appId, {
		method: 'POST',
		path: '/cgi-bin/message/custom/send',
		body,
	});
	return [
		{ json: { success: true, authorizerAppId: appId, toUser: openId, messageType: content.type } },
	];
}
