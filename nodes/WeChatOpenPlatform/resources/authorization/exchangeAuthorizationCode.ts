import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';

const show = showFor('authorization', 'exchangeAuthorizationCode');

export const description: INodeProperties[] = [
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
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const code = String(this.getNodeParameter('authorizationCode', itemIndex, '')).trim();
	if (!code)
		throw new NodeOperationError(this.getNode(), 'Authorization Code is empty', { itemIndex });
	const info = withoutTokens(await platform.queryAuth(code));
	return [{ json: { authorizerAppId: info.authorizer_appid, ...info } }];
}
