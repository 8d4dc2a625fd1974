import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { showFor } from '../../shared/display';
import { okResult } from '../../shared/output';
import type { OperationContext } from '../../shared/types';
import { RESOURCE } from './list';

const show = showFor(RESOURCE, 'deleteTemplate');

/**
 * /wxa/deletetemplate: removes a code template (mini programs committed from it keep their code):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/thirdparty-management/template-management/deleteTemplate.html
 */
export const description: INodeProperties[] = [
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '={{ $json.template_id }}',
		required: true,
		description: 'The template_id from Get Many Templates',
		displayOptions: show,
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const raw = String(this.getNodeParameter('templateId', itemIndex, '')).trim();
	if (!/^\d{1,16}$/.test(raw))
		throw new NodeOperationError(this.getNode(), 'Template ID must be a number', { itemIndex });
	const templateId = Number(raw);
	const response = await platform.componentRequest({
		method: 'POST',
		path: '/wxa/deletetemplate',
		body: { template_id: templateId },
		tokenParam: 'access_token',
	});
	return okResult(response, { templateId });
}
