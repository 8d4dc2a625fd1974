import { defineOperation } from '../../shared/operation';
import { listFields, listItems, RESOURCE } from './list';

/**
 * /wxa/gettemplatedraftlist: code the developer tool uploaded to the platform's draft box, one item
 * per draft (`draft_id`, `user_version`, `user_desc`, `create_time`):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/thirdparty-management/template-management/getTemplatedRaftList.html
 */
export const { description, execute } = defineOperation(RESOURCE, 'getManyDrafts', {
	fields: () => listFields('getManyDrafts'),
	run: async (context, itemIndex, operationContext) =>
		await listItems(
			context,
			itemIndex,
			operationContext,
			{ path: '/wxa/gettemplatedraftlist' },
			'draft_list',
		),
});
