import { defineOperation } from '../../shared/operation';
import { listFields, listItems, RESOURCE } from './list';

/**
 * /wxa/gettemplatelist: the platform's code templates, one item per template (`template_id`,
 * `template_type` 0 normal / 1 standard, `user_version`, `user_desc`, `create_time`):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/thirdparty-management/template-management/getTemplateList.html
 */
export const { description, execute } = defineOperation(RESOURCE, 'getManyTemplates', {
	fields: (show) =>
		listFields('getManyTemplates', [
			{
				displayName: 'Template Type',
				name: 'templateType',
				type: 'options',
				default: 'all',
				displayOptions: show,
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Normal Templates', value: '0' },
					{ name: 'Standard Templates', value: '1' },
				],
			},
		]),
	async run(context, itemIndex, operationContext) {
		const type = context.getNodeParameter('templateType', itemIndex, 'all') as string;
		return await listItems(
			context,
			itemIndex,
			operationContext,
			{ path: '/wxa/gettemplatelist', query: type === 'all' ? undefined : { template_type: type } },
			'template_list',
		);
	},
});
