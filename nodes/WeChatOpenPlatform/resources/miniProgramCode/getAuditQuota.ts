import { onBehalfOperation } from '../../shared/operation';
import { RESOURCE } from './resource';

/**
 * /wxa/queryquota: audits left this month (`rest` of `limit`) and speed-ups left (`speedup_rest`):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/setCodeAuditQuota.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'getAuditQuota', {
	method: 'GET',
	path: '/wxa/queryquota',
});
