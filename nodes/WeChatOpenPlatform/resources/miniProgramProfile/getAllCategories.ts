import { miniProgramQuery } from '../../shared/miniProgram';

// Every category WeChat offers (id, name, level, father, children, sensitive_type, qualify):
// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/category-management/getAllCategories.html
export const { description, execute } = miniProgramQuery(
	'miniProgramProfile',
	'getAllCategories',
	'/cgi-bin/wxopen/getallcategories',
);
