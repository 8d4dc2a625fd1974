import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { miniProgramField, privacyVersionField } from '../../shared/miniProgram';
import { toItems } from '../../shared/output';
import type { OperationContext } from '../../shared/types';

const show = showFor('miniProgramPrivacy', 'getSettings');

export const description: INodeProperties[] = [miniProgramField(show), privacyVersionField(show)];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	// The account's own token, although the path is under /component/:
	// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/privacy-management/getPrivacySetting.html
	const settings = await platform.authorizerRequest<IDataObject>(appId, {
		method: 'POST',
		path: '/cgi-bin/component/getprivacysetting',
		body: { privacy_ver: Number(this.getNodeParameter('privacyVersion', itemIndex, 2)) },
	});
	return toItems({ authorizerAppId: appId, ...withoutTokens(settings) });
}
