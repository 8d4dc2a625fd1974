import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { RESOURCE, listFields, listItems } from './list';

/**
 * /wxa/gettemplatelist: the platform's code templates, one item per template (`template_id`,
 * `template_type` 0 normal / 1 standard, `user_version`, `user_desc`, `create_time`):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/thirdparty-management/template-management/getTemplateList.html
 */
export const description: INodeProperties[] = listFields('getManyTemplates', [
	{
		displayName: 'Template Type',
		name: 'templateType',
		type: 'options',
		default: 'all',
		displayOptions: showFor(RESOURCE, 'getManyTemplates'),
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Normal Templates', value: '0' },
			{ name: 'Standard Templates', value: '1' },
		],
	},
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const type = this.getNodeParameter('templateType', itemIndex, 'all') as string;
	return await listItems(
		this,
		itemIndex,
		context,
		{ path: '/wxa/gettemplatelist', query: type === 'all' ? undefined : { template_type: type } },
		'template_list',
	);
}
