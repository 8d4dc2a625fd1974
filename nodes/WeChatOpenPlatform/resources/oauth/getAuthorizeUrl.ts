import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { getRedirectUri } from '../../shared/redirectUri';
import type { OperationContext } from '../../shared/types';

const show = showFor('oauth', 'getAuthorizeUrl');

export const description: INodeProperties[] = [
	authorizerField(show),
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
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const redirectUri = getRedirectUri(this, itemIndex);
	const scope = this.getNodeParameter('scope', itemIndex) as string;
	const state = String(this.getNodeParameter('state', itemIndex, ''));
	const url = platform.buildOAuthUrl({ appId, redirectUri, scope, state });
	return [{ json: { authorizerAppId: appId, url, scope, state } }];
}
