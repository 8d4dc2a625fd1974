import type { INodeProperties } from 'n8n-workflow';

import * as send from './send';

export { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['reply'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description: 'Answer the message that started this execution (passive reply)',
				action: 'Send a reply',
			},
		],
		default: 'send',
	},
	...send.description,
];
