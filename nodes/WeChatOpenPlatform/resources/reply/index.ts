import type { ResourceDefinition } from '../../shared/types';
import * as send from './send';

export const reply: ResourceDefinition = {
	operations: {
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
	fields: [...send.description],
	execute: { send: send.execute },
};
