import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { authorizerField } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { RESOURCE, callOnBehalf } from './call';

/**
 * /wxa/getgrayreleaseplan: the gray release's status (1 running, 2 paused, 3 done, 4 deleted) and percentage:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getGrayReleasePlan.html
 */
export const description: INodeProperties[] = [
	authorizerField(showFor(RESOURCE, 'getGrayReleasePlan')),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	return await callOnBehalf(this, itemIndex, context, {
		method: 'GET',
		path: '/wxa/getgrayreleaseplan',
	});
}
