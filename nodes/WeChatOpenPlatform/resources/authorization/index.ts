import type { INodeProperties } from 'n8n-workflow';

import * as exchangeAuthorizationCode from './exchangeAuthorizationCode';
import * as getAuthorizationUrl from './getAuthorizationUrl';
import * as getAuthorizerInfo from './getAuthorizerInfo';
import * as getAuthorizerOption from './getAuthorizerOption';
import * as getManyAuthorizers from './getManyAuthorizers';
import * as setAuthorizerOption from './setAuthorizerOption';
import * as startTicketPush from './startTicketPush';

export {
	exchangeAuthorizationCode,
	getAuthorizationUrl,
	getAuthorizerInfo,
	getAuthorizerOption,
	getManyAuthorizers,
	setAuthorizerOption,
	startTicketPush,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['authorization'] } },
		options: [
			{
				name: 'Exchange Authorization Code',
				value: 'exchangeAuthorizationCode',
				description: 'Store the tokens of an account that just authorized the platform',
				action: 'Exchange an authorization code',
			},
			{
				name: 'Get Authorization URL',
				value: 'getAuthorizationUrl',
				description: 'Create the link a merchant opens to authorize the platform',
				action: 'Get an authorization URL',
			},
			{
				name: 'Get Authorizer Info',
				value: 'getAuthorizerInfo',
				description: "Get an authorized account's names, type and granted permissions",
				action: 'Get authorizer info',
			},
			{
				name: 'Get Authorizer Option',
				value: 'getAuthorizerOption',
				description: 'Get location report, voice recognition or customer-service setting',
				action: 'Get an authorizer option',
			},
			{
				name: 'Get Many Authorizers',
				value: 'getManyAuthorizers',
				description: 'List the accounts that authorized the platform',
				action: 'Get many authorizers',
			},
			{
				name: 'Set Authorizer Option',
				value: 'setAuthorizerOption',
				description: 'Set location report, voice recognition or customer-service setting',
				action: 'Set an authorizer option',
			},
			{
				name: 'Start Ticket Push',
				value: 'startTicketPush',
				description: 'Ask WeChat to push a component_verify_ticket now',
				action: 'Start ticket push',
			},
		],
		default: 'getAuthorizationUrl',
	},
	...getAuthorizationUrl.description,
	...exchangeAuthorizationCode.description,
	...getAuthorizerInfo.description,
	...getManyAuthorizers.description,
	...getAuthorizerOption.description,
	...setAuthorizerOption.description,
	...startTicketPush.description,
];
