import type { IDataObject } from 'n8n-workflow';

import { unexpectedAnswerError } from '../../../../core/api/errors';
import { accountOperation } from '../../shared/operation';
import { requiredText } from '../../shared/required';

export const { description, execute } = accountOperation('miniProgramUser', 'codeToSession', {
	account: 'miniProgram',
	fields: (show) => [
		{
			displayName: 'JS Code',
			name: 'jsCode',
			type: 'string',
			typeOptions: { password: true },
			default: '={{ $json.body?.code }}',
			required: true,
			description:
				'The code wx.login gave the mini program (valid 5 minutes, usable once); by default the "code" field of a Webhook\'s JSON body',
			displayOptions: show,
		},
		{
			displayName: 'Options',
			name: 'sessionOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'Include Session Key in Output',
					name: 'includeSessionKey',
					type: 'boolean',
					default: false,
					description:
						"Whether to output the user's session_key (then saved with the execution). Only needed to decrypt user data later; never send it to the mini program.",
				},
			],
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const jsCode = requiredText(
			context,
			itemIndex,
			'jsCode',
			'JS Code',
			'Pass the code wx.login returned in the mini program, e.g. as the "code" field of the request to your Webhook',
		);
		const options = context.getNodeParameter('sessionOptions', itemIndex, {}) as IDataObject;
		// Third-party platforms call the component variant with their own token
		// (https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/login/thirdpartyCode2Session.html).
		const session = await platform.componentRequest<{
			openid?: string;
			unionid?: string;
			session_key?: string;
		}>({
			method: 'GET',
			path: '/sns/component/jscode2session',
			query: {
				appid: appId,
				js_code: jsCode,
				grant_type: 'authorization_code',
				component_appid: platform.componentAppId,
			},
		});
		if (!session.openid) throw unexpectedAnswerError('openid');
		const json: IDataObject = { authorizerAppId: appId, openid: session.openid };
		if (session.unionid) json.unionid = session.unionid;
		if (options.includeSessionKey === true && session.session_key) {
			json.session_key = session.session_key;
		}
		return [{ json }];
	},
});
