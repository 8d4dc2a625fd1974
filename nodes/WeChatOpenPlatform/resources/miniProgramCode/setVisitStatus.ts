import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { authorizerField } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { RESOURCE, callOnBehalf } from './call';

const show = showFor(RESOURCE, 'setVisitStatus');

/**
 * /wxa/change_visitstatus: takes the released mini program offline (users see it is paused) or
 * back online:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/setVisitStatus.html
 */
export const description: INodeProperties[] = [
	authorizerField(show),
	{
		displayName: 'Visit Status',
		name: 'visitStatus',
		type: 'options',
		default: 'close',
		displayOptions: show,
		options: [
			{ name: 'Closed (Paused for Users)', value: 'close' },
			{ name: 'Open', value: 'open' },
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const action = this.getNodeParameter('visitStatus', itemIndex) as string;
	return await callOnBehalf(
		this,
		itemIndex,
		context,
		{ method: 'POST', path: '/wxa/change_visitstatus', body: { action } },
		{ visitStatus: action },
	);
}
