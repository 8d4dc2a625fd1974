import type { IDataObject } from 'n8n-workflow';

import { customerServiceMessage } from '../../../../core/customerService';
import { contentFields } from '../../shared/contentFields';
import { accountOperation } from '../../shared/operation';
import { getOpenId, openIdField } from '../../shared/openId';
import { readContent } from '../../shared/readContent';

export const { description, execute } = accountOperation('message', 'send', {
	fields: (show) => [
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
	],
	async run(context, itemIndex, { platform, appId }) {
		const openId = getOpenId(context, itemIndex);
		const content = readContent(context, itemIndex, 'messageType');
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const kfAccount =
			typeof options.kfAccount === 'string' && options.kfAccount.trim()
				? options.kfAccount.trim()
				: undefined;
		// readContent only yields customer-service kinds for context operation's type list.
		const body = customerServiceMessage(openId, content, kfAccount);
		await platform.authorizerRequest(appId, {
			method: 'POST',
			path: '/cgi-bin/message/custom/send',
			body,
		});
		return [
			{
				json: { success: true, authorizerAppId: appId, toUser: openId, messageType: content.type },
			},
		];
	},
});
