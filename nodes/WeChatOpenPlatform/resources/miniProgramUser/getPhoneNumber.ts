import type { IDataObject } from 'n8n-workflow';

import { unexpectedAnswerError } from '../../../../core/api/errors';
import { accountOperation } from '../../shared/operation';
import { requiredText } from '../../shared/required';

export const { description, execute } = accountOperation('miniProgramUser', 'getPhoneNumber', {
	account: 'miniProgram',
	fields: (show) => [
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
	],
	async run(context, itemIndex, { platform, appId }) {
		const code = requiredText(
			context,
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
	},
});
