import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { accountOperation } from '../../shared/operation';
import { getOpenId, openIdField } from '../../shared/openId';
import { requiredText } from '../../shared/required';

export const { description, execute } = accountOperation('templateMessage', 'send', {
	fields: (show) => [
		openIdField(show, 'The OpenID of the user who receives the notification'),
		{
			displayName: 'Template ID',
			name: 'templateId',
			type: 'string',
			default: '',
			required: true,
			description: "The template_id from the account's template library",
			displayOptions: show,
		},
		{
			displayName: 'Template Data',
			name: 'data',
			type: 'fixedCollection',
			placeholder: 'Add Field',
			typeOptions: { multipleValues: true },
			default: {},
			description: 'One entry per placeholder of the template, e.g. key "first" for {{first.DATA}}',
			displayOptions: show,
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{
							displayName: 'Key',
							name: 'key',
							type: 'string',
							default: '',
							placeholder: 'keyword1',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						{
							displayName: 'Color',
							name: 'color',
							type: 'color',
							default: '',
							description: 'Text color, e.g. #173177 (ignored by newer templates)',
						},
					],
				},
			],
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: '',
					description: 'Web page opened when the user taps the notification',
				},
				{
					displayName: 'Mini Program AppID',
					name: 'miniProgramAppId',
					type: 'string',
					default: '',
					description:
						'Open this Mini Program instead of the URL (it must be linked to the account)',
				},
				{
					displayName: 'Mini Program Page Path',
					name: 'miniProgramPagePath',
					type: 'string',
					default: '',
					placeholder: 'pages/index/index?sku=1',
				},
				{
					displayName: 'Client Message ID',
					name: 'clientMsgId',
					type: 'string',
					default: '',
					description:
						'An ID of your own: WeChat sends a message with the same ID only once (deduplication)',
				},
			],
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const openId = getOpenId(context, itemIndex);
		const templateId = requiredText(context, itemIndex, 'templateId', 'Template ID');
		const fields = context.getNodeParameter('data.field', itemIndex, []) as IDataObject[];
		const data: IDataObject = {};
		for (const field of fields) {
			const key = String(field.key ?? '').trim();
			if (!key)
				throw new NodeOperationError(context.getNode(), 'Every template data field needs a key', {
					itemIndex,
				});
			const entry: IDataObject = { value: String(field.value ?? '') };
			if (typeof field.color === 'string' && field.color) entry.color = field.color;
			data[key] = entry;
		}
		const extra = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = { touser: openId, template_id: templateId, data };
		if (extra.url) body.url = String(extra.url);
		if (extra.miniProgramAppId) {
			body.miniprogram = {
				appid: String(extra.miniProgramAppId),
				pagepath: String(extra.miniProgramPagePath ?? ''),
			};
		}
		if (extra.clientMsgId) body.client_msg_id = String(extra.clientMsgId);
		const response = await platform.authorizerRequest<IDataObject>(appId, {
			method: 'POST',
			path: '/cgi-bin/message/template/send',
			body,
		});
		return [
			{
				json: {
					success: true,
					authorizerAppId: appId,
					toUser: openId,
					templateId,
					msgId: response.msgid === undefined ? undefined : String(response.msgid),
				},
			},
		];
	},
});
