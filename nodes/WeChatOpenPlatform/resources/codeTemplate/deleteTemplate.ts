import { readNumericId } from '../../shared/numericId';
import { componentOperation } from '../../shared/operation';
import { RESOURCE } from './list';

/**
 * /wxa/deletetemplate: removes a code template (mini programs committed from it keep their code):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/thirdparty-management/template-management/deleteTemplate.html
 */
export const { description, execute } = componentOperation(RESOURCE, 'deleteTemplate', {
	method: 'POST',
	path: '/wxa/deletetemplate',
	tokenParam: 'access_token',
	fields: (show) => [
		{
			displayName: 'Template ID',
			name: 'templateId',
			type: 'string',
			default: '={{ $json.template_id }}',
			required: true,
			description: 'The template_id from Get Many Templates',
			displayOptions: show,
		},
	],
	read(context, itemIndex) {
		const templateId = readNumericId(context, itemIndex, 'templateId', 'Template ID');
		return { body: { template_id: templateId }, echo: { templateId } };
	},
});
