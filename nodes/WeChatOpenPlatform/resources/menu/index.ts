import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as del from './delete';
import * as get from './get';

export { create, del as delete, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['menu'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: "Replace the account's custom menu",
				action: 'Create a menu',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: "Remove the account's custom menu",
				action: 'Delete the menu',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get the account's custom menu",
				action: 'Get the menu',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...del.description,
];
