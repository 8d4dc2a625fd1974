import type { INodeProperties } from 'n8n-workflow';

import * as call from './call';

export { call };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['apiRequest'] } },
		options: [
			{
				name: 'Call',
				value: 'call',
				description: 'Call any WeChat API with the right token and automatic token refresh',
				action: 'Call any endpoint',
			},
		],
		default: 'call',
	},
	...call.description,
];
