import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { getOpenId, openIdField } from '../../shared/openId';
import type { OperationContext } from '../../shared/types';

const show = showFor('user', 'updateRemark');

export const description: INodeProperties[] = [
	authorizerField(show),
	openIdField(show),
	{
		displayName: 'Remark',
		name: 'remark',
		type: 'string',
		default: '',
		description:
			'The note the account keeps about this user (fewer than 30 characters); empty clears it',
		displayOptions: show,
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const openId = getOpenId(this, itemIndex);
	const remark = String(this.getNodeParameter('remark', itemIndex, ''));
	await platform.authorizerRequest(appId, {
		method: 'POST',
		path: '/cgi-bin/user/info/updateremark',
		body: { openid: openId, remark },
	});
	return [{ json: { success: true, authorizerAppId: appId, openid: openId, remark } }];
}
