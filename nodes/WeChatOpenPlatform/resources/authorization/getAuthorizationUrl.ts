import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../shared/operation';
import { getRedirectUri } from '../../shared/redirectUri';

export const { description, execute } = defineOperation('authorization', 'getAuthorizationUrl', {
	fields: (show) => [
		{
			displayName:
				'WeChat opens these pages only when the merchant arrives from a page on the platform\'s "authorization initiation domain" (it checks the Referer). The trigger\'s onboarding page does this for you.',
			name: 'authorizationUrlNotice',
			type: 'notice',
			default: '',
			displayOptions: show,
		},
		{
			displayName: 'Redirect URL',
			name: 'redirectUri',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://n8n.example.com/webhook/…/authorized',
			description:
				"Where WeChat sends the merchant after authorizing, with ?auth_code=…; must be on the platform's authorization initiation domain",
			displayOptions: show,
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'Account Types',
					name: 'authType',
					type: 'options',
					default: 3,
					options: [
						{ name: 'Official Accounts and Mini Programs', value: 3 },
						{ name: 'Official Accounts Only', value: 1 },
						{ name: 'Mini Programs Only', value: 2 },
					],
				},
				{
					displayName: 'Only This Account (AppID)',
					name: 'bizAppId',
					type: 'string',
					default: '',
					placeholder: 'wx1234567890abcdef',
					description: 'Let only this account authorize (wins over Account Types)',
				},
				{
					displayName: 'Permission Set IDs',
					name: 'categoryIdList',
					type: 'string',
					default: '',
					placeholder: '1,2,3',
					description:
						'Offer only these permission sets (comma-separated IDs); empty offers all the platform has',
				},
			],
		},
	],
	async run(context, itemIndex, { platform }) {
		const redirectUri = getRedirectUri(context, itemIndex);
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const categoryIdList = String(options.categoryIdList ?? '')
			.split(/[,|\s]+/)
			.filter(Boolean);
		const { preAuthCode, expiresIn } = await platform.createPreAuthCode();
		const common = {
			preAuthCode,
			redirectUri,
			authType: typeof options.authType === 'number' ? options.authType : 3,
			bizAppId:
				typeof options.bizAppId === 'string' && options.bizAppId.trim()
					? options.bizAppId.trim()
					: undefined,
			categoryIdList: categoryIdList.length ? categoryIdList : undefined,
		};
		return [
			{
				json: {
					url: platform.buildAuthorizationUrl(common),
					mobileUrl: platform.buildAuthorizationUrl({ ...common, mobile: true }),
					expiresIn,
					expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString(),
				},
			},
		];
	},
});
