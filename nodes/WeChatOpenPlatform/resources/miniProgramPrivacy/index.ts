import type { INodeProperties } from 'n8n-workflow';

import * as applyInterface from './applyInterface';
import * as getInterfaces from './getInterfaces';
import * as getSettings from './getSettings';
import * as setSettings from './setSettings';
import * as uploadFile from './uploadFile';

export { applyInterface, getInterfaces, getSettings, setSettings, uploadFile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['miniProgramPrivacy'] } },
		options: [
			{
				name: 'Apply for Privacy Interface',
				value: 'applyInterface',
				description: 'Ask WeChat to open an interface such as wx.getLocation',
				action: 'Apply for a privacy interface',
			},
			{
				name: 'Get Privacy Interfaces',
				value: 'getInterfaces',
				description: 'Interfaces that need an application, and their status',
				action: 'Get privacy interfaces',
			},
			{
				name: 'Get Settings',
				value: 'getSettings',
				description: 'The privacy policy settings (what data is collected, contacts)',
				action: 'Get privacy settings',
			},
			{
				name: 'Set Settings',
				value: 'setSettings',
				description: 'Write the privacy policy settings a code submission needs',
				action: 'Set privacy settings',
			},
			{
				name: 'Upload Privacy File',
				value: 'uploadFile',
				description: 'Upload a supplementary privacy policy (.txt) from binary data',
				action: 'Upload a privacy file',
			},
		],
		default: 'getSettings',
	},
	...getSettings.description,
	...setSettings.description,
	...getInterfaces.description,
	...applyInterface.description,
	...uploadFile.description,
];
