import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { getLimit, returnAllFields } from '../../shared/returnAll';
import type { OperationContext } from '../../shared/types';
import { RESOURCE } from './domains';

/** /wxa/memberauth action get_experiencer: one item per tester (WeChat gives only their userstr). */
export const description: INodeProperties[] = [
	authorizerField(showFor(RESOURCE, 'getManyTesters')),
	...returnAllFields(RESOURCE, 'getManyTesters'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const limit = getLimit(this, itemIndex);
	const response = await platform.authorizerRequest<{ members?: Array<{ userstr?: string }> }>(
		appId,
		{ method: 'POST', path: '/wxa/memberauth', body: { action: 'get_experiencer' } },
	);
	return (response.members ?? [])
		.slice(0, limit)
		.map((member) => ({ json: { authorizerAppId: appId, userstr: member.userstr ?? '' } }));
}
