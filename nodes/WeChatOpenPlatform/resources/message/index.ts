import type { INodeProperties } from 'n8n-workflow';

import * as send from './send';
import * as typing from './typing';

export { send, typing };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description: 'Send a customer-service message to a user who wrote in the last 48 hours',
				action: 'Send a customer service message',
			},
			{
				name: 'Set Typing Indicator',
				value: 'typing',
				description: 'Show or hide "typing…" to a user',
				action: 'Set the typing indicator',
			},
		],
		default: 'send',
	},
	...send.description,
	...typing.description,
];
