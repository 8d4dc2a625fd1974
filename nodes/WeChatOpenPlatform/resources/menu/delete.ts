import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';

export const description: INodeProperties[] = [authorizerField(showFor('menu', 'delete'))];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	await platform.authorizerRequest(appId, { method: 'GET', path: '/cgi-bin/menu/delete' });
	return [{ json: { success: true, authorizerAppId: appId } }];
}
