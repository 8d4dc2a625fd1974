import { onBehalfOperation } from '../../shared/operation';
import { RESOURCE } from './resource';

/**
 * /wxa/get_page: the pages of the committed test version (`page_list`), e.g. for the `address` of Submit for Audit's items:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getCodePage.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'getPages', {
	method: 'GET',
	path: '/wxa/get_page',
});
