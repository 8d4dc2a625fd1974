import { onBehalfOperation } from '../../shared/operation';
import { requiredText } from '../../shared/required';

// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/basic-info-management/setSignature.html
export const { description, execute } = onBehalfOperation('miniProgramProfile', 'setSignature', {
	method: 'POST',
	path: '/cgi-bin/account/modifysignature',
	account: 'miniProgram',
	fields: (show) => [
		{
			displayName: 'Signature',
			name: 'signature',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			description:
				"The introduction shown on the mini program's profile (4 to 120 characters; 5 changes a month)",
			displayOptions: show,
		},
	],
	read(context, itemIndex) {
		const signature = requiredText(
			context,
			itemIndex,
			'signature',
			'Signature',
			'Enter the introduction',
		);
		return { body: { signature } };
	},
});
