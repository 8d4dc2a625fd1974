import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['qrCode'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a QR code that carries a scene value to the subscribe/SCAN event',
				action: 'Create a QR code',
			},
		],
		default: 'create',
	},
	...create.description,
];
