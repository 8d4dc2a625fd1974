import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { categoryFields, miniProgramField, readCategory } from '../../shared/miniProgram';
import { okResult } from '../../shared/output';
import type { OperationContext } from '../../shared/types';

const show = showFor('miniProgramProfile', 'addCategory');

export const description: INodeProperties[] = [
	miniProgramField(show),
	...categoryFields(show, true),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const category = readCategory(this, itemIndex, true);
	// Sensitive categories go to audit (Get Categories shows audit_status): https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/category-management/addCategory.html
	const response = await platform.authorizerRequest(appId, {
		method: 'POST',
		path: '/cgi-bin/wxopen/addcategory',
		body: { categories: [category] },
	});
	return okResult(response, {
		authorizerAppId: appId,
		first: category.first,
		second: category.second,
	});
}
