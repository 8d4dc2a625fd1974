import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { authorizerField } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { RESOURCE, callOnBehalf } from './call';

/**
 * /wxa/queryquota: audits left this month (`rest` of `limit`) and speed-ups left (`speedup_rest`):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/setCodeAuditQuota.html
 */
export const description: INodeProperties[] = [authorizerField(showFor(RESOURCE, 'getAuditQuota'))];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	return await callOnBehalf(this, itemIndex, context, { method: 'GET', path: '/wxa/queryquota' });
}
