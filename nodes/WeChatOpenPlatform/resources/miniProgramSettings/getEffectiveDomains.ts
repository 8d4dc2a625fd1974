import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { toItems } from '../../shared/output';
import type { OperationContext } from '../../shared/types';
import { answerFields, RESOURCE } from './domains';

/**
 * /wxa/get_effective_domain: the merchant's own (mp_domain), the platform's (third_domain), the
 * directly configured (direct_domain) and the server domains in effect (effective_domain).
 */
export const description: INodeProperties[] = [
	authorizerField(showFor(RESOURCE, 'getEffectiveDomains')),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const response = await platform.authorizerRequest<IDataObject>(appId, {
		method: 'POST',
		path: '/wxa/get_effective_domain',
		body: {},
	});
	return toItems({ authorizerAppId: appId, ...answerFields(response) });
}
