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

const show = showFor('miniProgramPrivacy', 'getInterfaces');

export const description: INodeProperties[] = [miniProgramField(show)];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	// status: 1 to apply for, 2 no permission, 3 under review, 4 rejected, 5 open:
	// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/apply-api/getPrivacyInterface.html
	const answer = await platform.authorizerRequest<{ interface_list?: IDataObject[] }>(appId, {
		method: 'GET',
		path: '/wxa/security/get_privacy_interface',
	});
	// One item per interface: a Filter on status finds what still needs an application.
	return toItems(
		(answer.interface_list ?? []).map((entry) => ({
			authorizerAppId: appId,
			...withoutTokens(entry),
		})),
	);
}
