import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { authorizerField } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { RESOURCE, callOnBehalf } from './call';

/**
 * /wxa/undocodeaudit: withdraws the running audit (WeChat allows one withdrawal a day, 10 a month):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/undoAudit.html
 */
export const description: INodeProperties[] = [authorizerField(showFor(RESOURCE, 'withdrawAudit'))];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	return await callOnBehalf(this, itemIndex, context, {
		method: 'GET',
		path: '/wxa/undocodeaudit',
	});
}
