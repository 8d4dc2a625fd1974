import type { INodeProperties } from 'n8n-workflow';

import * as getConfig from './getConfig';

export { getConfig };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['jsSdk'] } },
		options: [
			{
				name: 'Get Config',
				value: 'getConfig',
				description: "The appId, timestamp, nonceStr and signature of a page's wx.config",
				action: 'Get a JS-SDK config',
			},
		],
		default: 'getConfig',
	},
	...getConfig.description,
];
