import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { getLanguage, languageOptionsField } from '../../shared/language';
import { defineOperation } from '../../shared/operation';
import { toItems } from '../../shared/output';

export const { description, execute } = defineOperation('oauth', 'getUserInfo', {
	fields: (show) => [
		{
			displayName: 'User Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '={{ $json.access_token }}',
			required: true,
			description:
				'The user\'s access_token from Exchange Code (with "Include User Tokens in Output" on)',
			displayOptions: show,
		},
		{
			displayName: 'User OpenID',
			name: 'openId',
			type: 'string',
			default: '={{ $json.openid }}',
			required: true,
			displayOptions: show,
		},
		languageOptionsField(show),
	],
	async run(context, itemIndex, { platform }) {
		const accessToken = String(context.getNodeParameter('accessToken', itemIndex, '') ?? '').trim();
		const openId = String(context.getNodeParameter('openId', itemIndex, '') ?? '').trim();
		if (!accessToken || !openId) {
			throw new NodeOperationError(
				context.getNode(),
				'User Access Token and User OpenID are both required',
				{ itemIndex },
			);
		}
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const lang = getLanguage(options);
		return toItems(
			withoutTokens((await platform.getOAuthUserInfo(accessToken, openId, lang)) as IDataObject),
		);
	},
});
