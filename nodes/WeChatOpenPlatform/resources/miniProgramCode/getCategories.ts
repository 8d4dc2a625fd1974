import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { authorizerField } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { RESOURCE, callOnBehalf } from './call';

/**
 * /wxa/get_category: the service categories the mini program may choose in Submit for Audit's items (`category_list`):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/category-management/getAllCategoryName.html
 */
export const description: INodeProperties[] = [authorizerField(showFor(RESOURCE, 'getCategories'))];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	return await callOnBehalf(this, itemIndex, context, { method: 'GET', path: '/wxa/get_category' });
}
