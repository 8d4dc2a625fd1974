import { onBehalfOperation } from '../../shared/operation';
import { RESOURCE } from './resource';

/**
 * /wxa/release: publishes the approved version. WeChat takes exactly `{}` as the body (an empty body is
 * 47001, "data format error"):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/release.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'release', {
	method: 'POST',
	path: '/wxa/release',
	body: {},
});
