import { miniProgramQuery } from '../../shared/miniProgram';

// The account's categories with audit_status (1 under audit, 2 rejected, 3 approved) and quota:
// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/category-management/getSettingCategories.html
export const { description, execute } = miniProgramQuery(
	'miniProgramProfile',
	'getCategories',
	'/cgi-bin/wxopen/getcategory',
);
