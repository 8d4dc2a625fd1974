import type { INodeProperties } from 'n8n-workflow';

import * as get from './get';
import * as getMany from './getMany';
import * as updateRemark from './updateRemark';

export { get, getMany, updateRemark };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{ name: 'Get', value: 'get', description: "Get a follower's profile", action: 'Get a user' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the account's followers",
				action: 'Get many users',
			},
			{
				name: 'Update Remark',
				value: 'updateRemark',
				description: 'Set the note the account keeps about a follower',
				action: 'Update a user remark',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...updateRemark.description,
];
