import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { miniProgramField } from '../../shared/miniProgram';
import { toItems } from '../../shared/output';
import type { OperationContext } from '../../shared/types';

const show = showFor('miniProgramProfile', 'getBasicInfo');

export const description: INodeProperties[] = [miniProgramField(show)];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/basic-info-management/getAccountBasicInfo.html
	const info = await platform.authorizerRequest<IDataObject>(appId, {
		method: 'GET',
		path: '/cgi-bin/account/getaccountbasicinfo',
	});
	return toItems(withoutTokens(info));
}
