import { withoutTokens } from '../../../../core/api/redact';
import { defineOperation } from '../../shared/operation';
import { requiredText } from '../../shared/required';

export const { description, execute } = defineOperation(
	'authorization',
	'exchangeAuthorizationCode',
	{
		fields: (show) => [
			{
				displayName: 'Authorization Code',
				name: 'authorizationCode',
				type: 'string',
				typeOptions: { password: true },
				default: '={{ $json.AuthorizationCode }}',
				required: true,
				description:
					'The auth_code from the redirect, or AuthorizationCode of an "authorized" event. The tokens are stored for later calls; they are not part of the output.',
				displayOptions: show,
			},
		],
		async run(context, itemIndex, { platform }) {
			const code = requiredText(context, itemIndex, 'authorizationCode', 'Authorization Code');
			const info = withoutTokens(await platform.queryAuth(code));
			return [{ json: { authorizerAppId: info.authorizer_appid, ...info } }];
		},
	},
);
