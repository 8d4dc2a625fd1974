import { onBehalfOperation } from '../../shared/operation';
import { RESOURCE } from './resource';

/**
 * /wxa/getgrayreleaseplan: the gray release's status (1 running, 2 paused, 3 done, 4 deleted) and percentage:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getGrayReleasePlan.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'getGrayReleasePlan', {
	method: 'GET',
	path: '/wxa/getgrayreleaseplan',
});
