import type { INodeProperties } from 'n8n-workflow';

import * as send from './send';

export { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['templateMessage'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description: 'Send a template notification to a follower',
				action: 'Send a template message',
			},
		],
		default: 'send',
	},
	...send.description,
];
