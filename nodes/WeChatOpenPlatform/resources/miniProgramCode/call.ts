import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { AuthorizerRequest } from '../../../../core/platform';
import { getAuthorizerAppId } from '../../shared/authorizer';
import { okResult } from '../../shared/output';
import type { OperationContext } from '../../shared/types';

export const RESOURCE = 'miniProgramCode';

/**
 * One call on behalf of the chosen mini program; WeChat's answer (without tokens) is the item, with
 * `authorizerAppId` so that a later node (e.g. Release after Get Audit Status) finds the account.
 */
export async function callOnBehalf(
	context: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
	req: AuthorizerRequest,
	extra: IDataObject = {},
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(context, itemIndex);
	const response = await platform.authorizerRequest(appId, req);
	return okResult(response, { authorizerAppId: appId, ...extra });
}
