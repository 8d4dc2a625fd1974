import type { IDataObject } from 'n8n-workflow';

import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { defineOperation } from '../../shared/operation';
import { requiredText } from '../../shared/required';

export const { description, execute } = defineOperation('jsSdk', 'getConfig', {
	fields: (show) => [
		{
			...authorizerField(show),
			displayName: 'Official Account',
			description:
				"The Official Account whose JS-SDK the page uses (its JS interface safe domain must include the page's domain)",
		},
		{
			displayName: 'Page URL',
			name: 'pageUrl',
			type: 'string',
			default: '={{ $json.query?.url }}',
			required: true,
			placeholder: 'https://shop.example.com/pay?order=1',
			description:
				'The full URL of the page that calls wx.config (location.href); anything after # is left out, as WeChat signs it',
			displayOptions: show,
		},
		{
			displayName: 'Options',
			name: 'jsSdkOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'Force Ticket Refresh',
					name: 'forceRefresh',
					type: 'boolean',
					default: false,
					description:
						'Whether to fetch a new jsapi_ticket instead of the cached one (each fetch counts against the daily quota; only when a page reports "invalid signature" with a correct URL)',
				},
			],
		},
	],
	async run(context, itemIndex, { platform }) {
		const appId = getAuthorizerAppId(context, itemIndex);
		const url = requiredText(
			context,
			itemIndex,
			'pageUrl',
			'Page URL',
			'Pass the URL of the page that calls wx.config, e.g. as the "url" query parameter of a Webhook',
		);
		const options = context.getNodeParameter('jsSdkOptions', itemIndex, {}) as IDataObject;
		const config = await platform.getJsSdkConfig(appId, url, {
			forceRefresh: options.forceRefresh === true,
		});
		return [{ json: { ...config } }];
	},
});
