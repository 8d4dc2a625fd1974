import { readNumericId } from '../../shared/numericId';
import { componentOperation } from '../../shared/operation';
import { RESOURCE } from './list';

/**
 * /wxa/addtotemplate: a draft becomes a code template that Mini Program Code → Commit can use:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/thirdparty-management/template-management/addToTemplate.html
 */
export const { description, execute } = componentOperation(RESOURCE, 'addDraftToTemplates', {
	method: 'POST',
	path: '/wxa/addtotemplate',
	tokenParam: 'access_token',
	fields: (show) => [
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
	],
	read(context, itemIndex) {
		const templateType = Number(context.getNodeParameter('templateType', itemIndex, 0));
		const draftId = readNumericId(context, itemIndex, 'draftId', 'Draft ID');
		return {
			body: { draft_id: draftId, template_type: templateType },
			echo: { draftId, templateType },
		};
	},
});
