import type { INodeExecutionData } from 'n8n-workflow';

import { decryptUserData } from '../../../../core/miniProgram/userData';
import { getAuthorizerAppId } from '../../shared/authorizer';
import { miniProgramField } from '../../shared/miniProgram';
import { defineOperation } from '../../shared/operation';
import { requiredText } from '../../shared/required';

export const { description, execute } = defineOperation('miniProgramUser', 'decryptUserData', {
	fields: (show) => [
		{
			...miniProgramField(show),
			description:
				"The mini program the data comes from: its AppID must be the data's watermark, or the data is refused",
		},
		{
			displayName: 'Session Key',
			name: 'sessionKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The user's session_key from Code to Session (with Include Session Key in Output), or from where you stored it",
			displayOptions: show,
		},
		{
			displayName: 'Encrypted Data',
			name: 'encryptedData',
			type: 'string',
			default: '={{ $json.body?.encryptedData }}',
			required: true,
			description: 'The encryptedData the mini program received (base64)',
			displayOptions: show,
		},
		{
			displayName: 'IV',
			name: 'iv',
			type: 'string',
			default: '={{ $json.body?.iv }}',
			required: true,
			description: 'The iv the mini program received with the data (base64)',
			displayOptions: show,
		},
	],
	async run(context, itemIndex) {
		const appId = getAuthorizerAppId(context, itemIndex);
		const hint = 'Pass the value the mini program received, unchanged';
		const data = decryptUserData({
			appId,
			sessionKey: requiredText(
				context,
				itemIndex,
				'sessionKey',
				'Session Key',
				'Use Code to Session with Include Session Key in Output, right after wx.login',
			),
			encryptedData: requiredText(context, itemIndex, 'encryptedData', 'Encrypted Data', hint),
			iv: requiredText(context, itemIndex, 'iv', 'IV', hint),
		});
		return [{ json: data as INodeExecutionData['json'] }];
	},
});
