import { onBehalfOperation } from '../../shared/operation';
import { RESOURCE } from './resource';

/**
 * /wxa/undocodeaudit: withdraws the running audit (WeChat allows one withdrawal a day, 10 a month):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/undoAudit.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'withdrawAudit', {
	method: 'GET',
	path: '/wxa/undocodeaudit',
});
