import type { ResourceDefinition } from '../../shared/types';
import * as call from './call';

export const apiRequest: ResourceDefinition = {
	operations: {
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
	fields: [...call.description],
	execute: { call: call.execute },
};
