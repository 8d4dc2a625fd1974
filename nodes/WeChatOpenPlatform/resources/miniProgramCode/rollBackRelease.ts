import { onBehalfOperation } from '../../shared/operation';
import { RESOURCE } from './resource';

/**
 * /wxa/revertcoderelease: the released version goes back to the previous one (or to `app_version`
 * from WeChat's release history); not during a gray release (87011):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/revertCodeRelease.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'rollBackRelease', {
	method: 'GET',
	path: '/wxa/revertcoderelease',
	fields: (show) => [
		{
			displayName: 'App Version',
			name: 'appVersion',
			type: 'number',
			default: 0,
			description:
				'The app_version to return to, from the release history; 0 returns to the previous release',
			displayOptions: show,
		},
	],
	read(context, itemIndex) {
		const appVersion = Number(context.getNodeParameter('appVersion', itemIndex, 0));
		return { query: appVersion > 0 ? { app_version: String(appVersion) } : undefined };
	},
});
