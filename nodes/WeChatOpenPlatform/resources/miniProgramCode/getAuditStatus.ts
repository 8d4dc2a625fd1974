import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { authorizerField } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { RESOURCE, callOnBehalf } from './call';
import { auditIdField, readAuditId } from './auditId';

const show = showFor(RESOURCE, 'getAuditStatus');

/**
 * /wxa/get_latest_auditstatus or /wxa/get_auditstatus (by auditid): `status` 0 approved, 1 rejected
 * (with `reason` and `ScreenShot`), 2 auditing, 3 withdrawn, 4 delayed:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getAuditStatus.html
 */
export const description: INodeProperties[] = [
	authorizerField(show),
	{
		displayName: 'Audit',
		name: 'audit',
		type: 'options',
		default: 'latest',
		displayOptions: show,
		options: [
			{ name: 'Latest Submitted', value: 'latest' },
			{ name: 'By Audit ID', value: 'byId' },
		],
	},
	auditIdField(showFor(RESOURCE, 'getAuditStatus', { audit: ['byId'] })),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const which = this.getNodeParameter('audit', itemIndex, 'latest') as string;
	if (which === 'latest') {
		return await callOnBehalf(this, itemIndex, context, {
			method: 'GET',
			path: '/wxa/get_latest_auditstatus',
		});
	}
	const auditid = readAuditId(this, itemIndex);
	if (auditid === undefined)
		throw new NodeOperationError(this.getNode(), 'Audit ID must be a number', { itemIndex });
	return await callOnBehalf(
		this,
		itemIndex,
		context,
		{ method: 'POST', path: '/wxa/get_auditstatus', body: { auditid } },
		{ auditid },
	);
}
