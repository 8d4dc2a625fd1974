import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { unexpectedAnswerError } from '../../../../core/api/errors';
import { getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { miniProgramField, requiredText } from '../../shared/miniProgram';

const show = showFor('miniProgramUser', 'getPhoneNumber');

export const description: INodeProperties[] = [
	miniProgramField(show),
	{
		displayName: 'Phone Code',
		name: 'phoneCode',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.body?.code }}',
		required: true,
		description:
			"The code of the mini program's getPhoneNumber button (bindgetphonenumber event, valid 5 minutes, usable once)",
		displayOptions: show,
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const code = requiredText(
		this,
		itemIndex,
		'phoneCode',
		'Phone Code',
		"Pass the code from the mini program's getPhoneNumber button event (e.detail.code)",
	);
	// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html
	const response = await platform.authorizerRequest<{ phone_info?: IDataObject }>(appId, {
		method: 'POST',
		path: '/wxa/business/getuserphonenumber',
		body: { code },
	});
	if (!response.phone_info) throw unexpectedAnswerError('phone_info');
	return [{ json: { authorizerAppId: appId, ...response.phone_info } }];
}
