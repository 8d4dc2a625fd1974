import type { INodeProperties } from 'n8n-workflow';

import * as getStatus from './getStatus';
import * as register from './register';
import * as registerPersonal from './registerPersonal';
import * as registerTrial from './registerTrial';

export { getStatus, register, registerPersonal, registerTrial };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['miniProgramRegistration'] } },
		options: [
			{
				name: 'Get Registration Status',
				value: 'getStatus',
				description: 'Where an enterprise or personal registration stands',
				action: 'Get the status of a mini program registration',
			},
			{
				name: 'Register Mini Program',
				value: 'register',
				description:
					'Create a mini program for an enterprise without its visiting WeChat (fast registration)',
				action: 'Register a mini program for an enterprise',
			},
			{
				name: 'Register Personal Mini Program',
				value: 'registerPersonal',
				description: 'Create a mini program for a person',
				action: 'Register a personal mini program',
			},
			{
				name: 'Register Trial Mini Program',
				value: 'registerTrial',
				description: 'Create a trial mini program that can be verified later',
				action: 'Register a trial mini program',
			},
		],
		default: 'register',
	},
	...register.description,
	...getStatus.description,
	...registerPersonal.description,
	...registerTrial.description,
];
