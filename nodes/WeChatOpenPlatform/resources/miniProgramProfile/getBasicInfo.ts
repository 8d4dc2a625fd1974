import { onBehalfOperation } from '../../shared/operation';

// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/basic-info-management/getAccountBasicInfo.html
export const { description, execute } = onBehalfOperation('miniProgramProfile', 'getBasicInfo', {
	method: 'GET',
	path: '/cgi-bin/account/getaccountbasicinfo',
	account: 'miniProgram',
	output: 'answer',
});
