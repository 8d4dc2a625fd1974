import { onBehalfOperation } from '../../shared/operation';
import { RESOURCE } from './resource';

/**
 * /wxa/revertgrayrelease: stops a running gray release; everyone keeps the previous version:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/revertGrayRelease.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'revertGrayRelease', {
	method: 'GET',
	path: '/wxa/revertgrayrelease',
});
