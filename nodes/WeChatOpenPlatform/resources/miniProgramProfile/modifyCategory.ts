import { categoryOperation } from '../../shared/miniProgram';

// Only the qualifications of a rejected category can change (53307 otherwise):
// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/category-management/modifyCategory.html
export const { description, execute } = categoryOperation(
	'modifyCategory',
	'/cgi-bin/wxopen/modifycategory',
	{
		withCertificates: true,
	},
);
