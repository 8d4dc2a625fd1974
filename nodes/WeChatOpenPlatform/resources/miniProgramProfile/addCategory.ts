import { categoryOperation } from '../../shared/miniProgram';

// Sensitive categories go to audit (Get Categories shows audit_status):
// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/category-management/addCategory.html
export const { description, execute } = categoryOperation(
	'addCategory',
	'/cgi-bin/wxopen/addcategory',
	{
		withCertificates: true,
		body: (category) => ({ categories: [category] }),
	},
);
