import { miniProgramQuery } from '../../shared/miniProgram';

// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/basic-info-management/getAccountBasicInfo.html
export const { description, execute } = miniProgramQuery(
	'miniProgramProfile',
	'getBasicInfo',
	'/cgi-bin/account/getaccountbasicinfo',
);
