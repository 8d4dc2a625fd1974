import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { tokenNotice } from './notice';

const show = showFor('token', 'getAuthorizerAccessToken');

export const description: INodeProperties[] = [tokenNotice(show), authorizerField(show)];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const token = await platform.getAuthorizerAccessToken(appId);
	return [{ json: { authorizerAppId: appId, authorizerAccessToken: token } }];
}
