import { accountOperation } from '../../shared/operation';
import { getRedirectUri } from '../../shared/redirectUri';

export const { description, execute } = accountOperation('oauth', 'getAuthorizeUrl', {
	fields: (show) => [
		{
			displayName: 'Redirect URL',
			name: 'redirectUri',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://shop.example.com/wechat/return',
			description:
				"Where WeChat sends the user with ?code=…&state=…; its domain must be the platform's web development domain",
			displayOptions: show,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'options',
			default: 'snsapi_base',
			displayOptions: show,
			options: [
				{
					name: 'OpenID Only (Silent)',
					value: 'snsapi_base',
					description: 'No consent screen; gives the OpenID',
				},
				{
					name: 'Profile (Asks the User)',
					value: 'snsapi_userinfo',
					description: 'Shows a consent screen; allows Get User Info',
				},
			],
		},
		{
			displayName: 'State',
			name: 'state',
			type: 'string',
			default: '',
			description:
				'Returned unchanged to the redirect URL (up to 128 letters and digits), e.g. to tie the visit to an order',
			displayOptions: show,
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const redirectUri = getRedirectUri(context, itemIndex);
		const scope = context.getNodeParameter('scope', itemIndex) as string;
		const state = String(context.getNodeParameter('state', itemIndex, ''));
		const url = platform.buildOAuthUrl({ appId, redirectUri, scope, state });
		return [{ json: { authorizerAppId: appId, url, scope, state } }];
	},
});
