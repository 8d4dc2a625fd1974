import { categoryOperation } from '../../shared/miniProgram';

// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/category-management/deleteCategory.html
export const { description, execute } = categoryOperation(
	'deleteCategory',
	'/cgi-bin/wxopen/deletecategory',
	{
		withCertificates: false,
	},
);
