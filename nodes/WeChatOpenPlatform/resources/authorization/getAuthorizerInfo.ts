import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';

export const description: INodeProperties[] = [
	authorizerField(showFor('authorization', 'getAuthorizerInfo')),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const info = withoutTokens(await platform.getAuthorizerInfo(appId));
	return [{ json: { authorizerAppId: appId, ...info } }];
}
