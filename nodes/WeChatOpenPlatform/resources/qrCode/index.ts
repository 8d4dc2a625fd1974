import type { ResourceDefinition } from '../../shared/types';
import * as create from './create';

export const qrCode: ResourceDefinition = {
	operations: {
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
	fields: [...create.description],
	execute: { create: create.execute },
};
