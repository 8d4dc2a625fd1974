import type { IDataObject } from 'n8n-workflow';

import { onBehalfOperation } from '../../shared/operation';
import { requiredText } from '../../shared/required';

const list = (value: unknown): string[] =>
	String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);

// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/apply-api/applyPrivacyInterface.html
export const { description, execute } = onBehalfOperation('miniProgramPrivacy', 'applyInterface', {
	method: 'POST',
	path: '/wxa/security/apply_privacy_interface',
	account: 'miniProgram',
	fields: (show) => [
		{
			displayName: 'API Name',
			name: 'apiName',
			type: 'string',
			default: '={{ $json.api_name }}',
			required: true,
			placeholder: 'wx.getLocation',
			description: 'The interface to apply for, as Get Privacy Interfaces names it (api_name)',
			displayOptions: show,
		},
		{
			displayName: 'Reason',
			name: 'content',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			description: "Why the mini program needs it, for WeChat's reviewers",
			displayOptions: show,
		},
		{
			displayName: 'Options',
			name: 'applyOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'Page URLs',
					name: 'urlList',
					type: 'string',
					default: '',
					description: 'Web pages that show the use, comma-separated',
				},
				{
					displayName: 'Picture URLs',
					name: 'picList',
					type: 'string',
					default: '',
					description: 'Screenshots of the use, comma-separated URLs',
				},
				{
					displayName: 'Video URLs',
					name: 'videoList',
					type: 'string',
					default: '',
					description: 'Screen recordings of the use, comma-separated URLs',
				},
			],
		},
	],
	read(context, itemIndex) {
		const options = context.getNodeParameter('applyOptions', itemIndex, {}) as IDataObject;
		const body: IDataObject = {
			api_name: requiredText(
				context,
				itemIndex,
				'apiName',
				'API Name',
				'Use an api_name from Get Privacy Interfaces',
			),
			content: requiredText(
				context,
				itemIndex,
				'content',
				'Reason',
				'Describe why the mini program needs the interface',
			),
		};
		for (const [option, field] of [
			['urlList', 'url_list'],
			['picList', 'pic_list'],
			['videoList', 'video_list'],
		] as const) {
			const values = list(options[option]);
			if (values.length) body[field] = values;
		}
		return { body, echo: { api_name: body.api_name } };
	},
});
