import { onBehalfOperation } from '../../shared/operation';
import { RESOURCE } from './resource';

/**
 * /wxa/get_category: the service categories the mini program may choose in Submit for Audit's items (`category_list`):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/category-management/getAllCategoryName.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'getCategories', {
	method: 'GET',
	path: '/wxa/get_category',
});
