import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { authorizerField } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { RESOURCE, callOnBehalf } from './call';

const show = showFor(RESOURCE, 'rollBackRelease');

/**
 * /wxa/revertcoderelease: the released version goes back to the previous one (or to `app_version`
 * from WeChat's release history); not during a gray release (87011):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/revertCodeRelease.html
 */
export const description: INodeProperties[] = [
	authorizerField(show),
	{
		displayName: 'App Version',
		name: 'appVersion',
		type: 'number',
		default: 0,
		description:
			'The app_version to return to, from the release history; 0 returns to the previous release',
		displayOptions: show,
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const appVersion = Number(this.getNodeParameter('appVersion', itemIndex, 0));
	const query = appVersion > 0 ? { app_version: String(appVersion) } : undefined;
	return await callOnBehalf(this, itemIndex, context, {
		method: 'GET',
		path: '/wxa/revertcoderelease',
		query,
	});
}
