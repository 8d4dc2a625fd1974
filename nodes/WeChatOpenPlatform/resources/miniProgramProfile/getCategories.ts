import { onBehalfOperation } from '../../shared/operation';

// The account's categories with audit_status (1 under audit, 2 rejected, 3 approved) and quota:
// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/category-management/getSettingCategories.html
export const { description, execute } = onBehalfOperation('miniProgramProfile', 'getCategories', {
	method: 'GET',
	path: '/cgi-bin/wxopen/getcategory',
	account: 'miniProgram',
	output: 'answer',
});
