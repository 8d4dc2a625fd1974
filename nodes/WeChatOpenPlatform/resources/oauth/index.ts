import type { INodeProperties } from 'n8n-workflow';

import * as exchangeCode from './exchangeCode';
import * as getAuthorizeUrl from './getAuthorizeUrl';
import * as getUserInfo from './getUserInfo';

export { exchangeCode, getAuthorizeUrl, getUserInfo };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['oauth'] } },
		options: [
			{
				name: 'Exchange Code',
				value: 'exchangeCode',
				description: "Turn the code from the redirect into the user's OpenID (and profile)",
				action: 'Exchange a web authorization code',
			},
			{
				name: 'Get Authorize URL',
				value: 'getAuthorizeUrl',
				description: 'Create the web page authorization link for an authorized Official Account',
				action: 'Get a web authorization link',
			},
			{
				name: 'Get User Info',
				value: 'getUserInfo',
				description: "Get a user's profile with the user's access token",
				action: 'Get a web user profile',
			},
		],
		default: 'getAuthorizeUrl',
	},
	...getAuthorizeUrl.description,
	...exchangeCode.description,
	...getUserInfo.description,
];
