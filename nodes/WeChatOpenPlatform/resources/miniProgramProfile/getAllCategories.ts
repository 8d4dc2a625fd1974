import { onBehalfOperation } from '../../shared/operation';

// Every category WeChat offers (id, name, level, father, children, sensitive_type, qualify):
// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/category-management/getAllCategories.html
export const { description, execute } = onBehalfOperation(
	'miniProgramProfile',
	'getAllCategories',
	{
		method: 'GET',
		path: '/cgi-bin/wxopen/getallcategories',
		account: 'miniProgram',
		output: 'answer',
	},
);
