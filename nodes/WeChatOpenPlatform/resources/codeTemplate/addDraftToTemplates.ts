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

const show = showFor(RESOURCE, 'addDraftToTemplates');

/**
 * /wxa/addtotemplate: a draft becomes a code template that Mini Program Code → Commit can use:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/thirdparty-management/template-management/addToTemplate.html
 */
export const description: INodeProperties[] = [
	{
		displayName: 'Draft ID',
		name: 'draftId',
		type: 'string',
		default: '={{ $json.draft_id }}',
		required: true,
		description: 'The draft_id from Get Many Drafts',
		displayOptions: show,
	},
	{
		displayName: 'Template Type',
		name: 'templateType',
		type: 'options',
		default: 0,
		displayOptions: show,
		options: [
			{ name: 'Normal Template', value: 0 },
			{
				name: 'Standard Template',
				value: 1,
				description: 'A template WeChat audits once, for mini programs created from it',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const raw = String(this.getNodeParameter('draftId', itemIndex, '')).trim();
	const templateType = Number(this.getNodeParameter('templateType', itemIndex, 0));
	if (!/^\d{1,16}$/.test(raw))
		throw new NodeOperationError(this.getNode(), 'Draft ID must be a number', { itemIndex });
	const draftId = Number(raw);
	const response = await platform.componentRequest({
		method: 'POST',
		path: '/wxa/addtotemplate',
		body: { draft_id: draftId, template_type: templateType },
		tokenParam: 'access_token',
	});
	return okResult(response, { draftId, templateType });
}
