import type { IDataObject } from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { getLanguage, languageOption } from '../../shared/language';
import { accountOperation } from '../../shared/operation';
import { requiredText } from '../../shared/required';

export const { description, execute } = accountOperation('oauth', 'exchangeCode', {
	fields: (show) => [
		{
			displayName: 'Code',
			name: 'code',
			type: 'string',
			typeOptions: { password: true },
			default: '={{ $json.query?.code }}',
			required: true,
			description: 'The code WeChat appended to the redirect URL (valid 5 minutes, usable once)',
			displayOptions: show,
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'Fetch User Profile',
					name: 'fetchUserInfo',
					type: 'boolean',
					default: false,
					description:
						'Whether to also fetch the user\'s nickname and avatar (needs scope "Profile"), so that no user token has to leave this node',
				},
				{
					displayName: 'Include User Tokens in Output',
					name: 'includeTokens',
					type: 'boolean',
					default: false,
					description:
						"Whether to output the user's access_token and refresh_token (then saved with the execution), e.g. to call Get User Info later",
				},
				languageOption,
			],
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const code = requiredText(context, itemIndex, 'code', 'Code');
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const grant = await platform.exchangeOAuthCode(appId, code);
		const json: IDataObject = {
			authorizerAppId: appId,
			...withoutTokens(grant as unknown as IDataObject),
		};
		if (options.fetchUserInfo) {
			const lang = getLanguage(options);
			json.userInfo = withoutTokens(
				await platform.getOAuthUserInfo(grant.access_token, grant.openid, lang),
			) as IDataObject;
		}
		if (options.includeTokens) {
			json.access_token = grant.access_token;
			json.refresh_token = grant.refresh_token;
		}
		return [{ json }];
	},
});
