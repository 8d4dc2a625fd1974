import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { decryptUserData } from '../../../../core/miniProgram/userData';
import { getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { miniProgramField, requiredText } from '../../shared/miniProgram';

const show = showFor('miniProgramUser', 'decryptUserData');

export const description: INodeProperties[] = [
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
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const hint = 'Pass the value the mini program received, unchanged';
	const data = decryptUserData({
		appId,
		sessionKey: requiredText(
			this,
			itemIndex,
			'sessionKey',
			'Session Key',
			'Use Code to Session with Include Session Key in Output, right after wx.login',
		),
		encryptedData: requiredText(this, itemIndex, 'encryptedData', 'Encrypted Data', hint),
		iv: requiredText(this, itemIndex, 'iv', 'IV', hint),
	});
	return [{ json: data as INodeExecutionData['json'] }];
}
