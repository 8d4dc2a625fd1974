import { NodeOperationError } from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { defineOperation } from '../../shared/operation';

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
			const code = String(context.getNodeParameter('authorizationCode', itemIndex, '')).trim();
			if (!code)
				throw new NodeOperationError(context.getNode(), 'Authorization Code is empty', {
					itemIndex,
				});
			const info = withoutTokens(await platform.queryAuth(code));
			return [{ json: { authorizerAppId: info.authorizer_appid, ...info } }];
		},
	},
);
