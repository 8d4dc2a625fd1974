import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { miniProgramField, requiredText } from '../../shared/miniProgram';
import { okResult } from '../../shared/output';
import type { OperationContext } from '../../shared/types';

const show = showFor('miniProgramProfile', 'setSignature');

export const description: INodeProperties[] = [
	miniProgramField(show),
	{
		displayName: 'Signature',
		name: 'signature',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description:
			"The introduction shown on the mini program's profile (4 to 120 characters; 5 changes a month)",
		displayOptions: show,
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const signature = requiredText(
		this,
		itemIndex,
		'signature',
		'Signature',
		'Enter the introduction',
	);
	// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/basic-info-management/setSignature.html
	const response = await platform.authorizerRequest(appId, {
		method: 'POST',
		path: '/cgi-bin/account/modifysignature',
		body: { signature },
	});
	return okResult(response, { authorizerAppId: appId });
}
