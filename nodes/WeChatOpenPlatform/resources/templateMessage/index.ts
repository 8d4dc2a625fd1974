import type { ResourceDefinition } from '../../shared/types';
import * as send from './send';

export const templateMessage: ResourceDefinition = {
	operations: {
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
	fields: [...send.description],
	execute: { send: send.execute },
};
