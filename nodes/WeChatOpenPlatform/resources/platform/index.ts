import type { INodeProperties } from 'n8n-workflow';

import * as clearQuota from './clearQuota';
import * as getQuota from './getQuota';
import * as getStatus from './getStatus';
import * as lookUpRequestId from './lookUpRequestId';

export { clearQuota, getQuota, getStatus, lookUpRequestId };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['platform'] } },
		options: [
			{
				name: 'Clear Quota',
				value: 'clearQuota',
				description: 'Reset the API quota of the platform or of an authorized account',
				action: 'Clear the API quota',
			},
			{
				name: 'Get Quota',
				value: 'getQuota',
				description: 'Daily limit, used and remaining calls of one API',
				action: 'Get the quota of an API',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description:
					'Ticket, tokens, pushes, rejected requests and accounts that need attention, from the store',
				action: 'Get the platform status',
			},
			{
				name: 'Look Up Request ID',
				value: 'lookUpRequestId',
				description: 'What the call behind a WeChat error rid sent and got',
				action: 'Look up a request ID',
			},
		],
		default: 'getStatus',
	},
	...getStatus.description,
	...getQuota.description,
	...lookUpRequestId.description,
	...clearQuota.description,
];
