import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { authorizerField } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { RESOURCE, callOnBehalf } from './call';

/**
 * /wxa/release: publishes the approved version. WeChat takes exactly `{}` as the body (an empty body is
 * 47001, "data format error"):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/release.html
 */
export const description: INodeProperties[] = [authorizerField(showFor(RESOURCE, 'release'))];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	return await callOnBehalf(this, itemIndex, context, {
		method: 'POST',
		path: '/wxa/release',
		body: {},
	});
}
