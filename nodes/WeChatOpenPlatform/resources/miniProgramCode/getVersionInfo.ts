import { onBehalfOperation } from '../../shared/operation';
import { RESOURCE } from './resource';

/**
 * /wxa/getversioninfo: the test version (`exp_info`) and the released version (`release_info`):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getVersionInfo.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'getVersionInfo', {
	method: 'POST',
	path: '/wxa/getversioninfo',
	body: {},
});
