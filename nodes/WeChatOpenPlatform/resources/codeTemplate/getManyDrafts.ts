import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { OperationContext } from '../../shared/types';
import { listFields, listItems } from './list';

/**
 * /wxa/gettemplatedraftlist: code the developer tool uploaded to the platform's draft box, one item
 * per draft (`draft_id`, `user_version`, `user_desc`, `create_time`):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/thirdparty-management/template-management/getTemplatedRaftList.html
 */
export const description: INodeProperties[] = listFields('getManyDrafts');

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	return await listItems(
		this,
		itemIndex,
		context,
		{ path: '/wxa/gettemplatedraftlist' },
		'draft_list',
	);
}
