import type { INodeProperties } from 'n8n-workflow';

import * as getAuthorizerAccessToken from './getAuthorizerAccessToken';
import * as getComponentAccessToken from './getComponentAccessToken';

export { getAuthorizerAccessToken, getComponentAccessToken };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['token'] } },
		options: [
			{
				name: 'Get Authorizer Access Token',
				value: 'getAuthorizerAccessToken',
				description: 'A fresh access token of an authorized account, e.g. for an HTTP Request node',
				action: 'Get an authorizer access token',
			},
			{
				name: 'Get Component Access Token',
				value: 'getComponentAccessToken',
				description:
					'A fresh component access token of the platform, e.g. for an HTTP Request node',
				action: 'Get the component access token',
			},
		],
		default: 'getAuthorizerAccessToken',
	},
	...getAuthorizerAccessToken.description,
	...getComponentAccessToken.description,
];
