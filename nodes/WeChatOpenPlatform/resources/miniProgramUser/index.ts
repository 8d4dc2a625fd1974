import type { INodeProperties } from 'n8n-workflow';

import * as codeToSession from './codeToSession';
import * as decryptUserData from './decryptUserData';
import * as getPhoneNumber from './getPhoneNumber';

export { codeToSession, decryptUserData, getPhoneNumber };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['miniProgramUser'] } },
		options: [
			{
				name: 'Code to Session',
				value: 'codeToSession',
				description: "Log a user in: exchange wx.login's code for the user's OpenID",
				action: 'Exchange a login code for a session',
			},
			{
				name: 'Decrypt User Data',
				value: 'decryptUserData',
				description: 'Open encryptedData from the mini program with the session key',
				action: 'Decrypt user data',
			},
			{
				name: 'Get Phone Number',
				value: 'getPhoneNumber',
				description: "Get the user's phone number from a getPhoneNumber button's code",
				action: 'Get a phone number',
			},
		],
		default: 'codeToSession',
	},
	...codeToSession.description,
	...decryptUserData.description,
	...getPhoneNumber.description,
];
