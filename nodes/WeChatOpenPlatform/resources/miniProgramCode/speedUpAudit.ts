import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { authorizerField } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { auditIdField, readAuditId } from './auditId';
import { RESOURCE, callOnBehalf } from './call';

const show = showFor(RESOURCE, 'speedUpAudit');

/**
 * /wxa/speedupaudit: asks WeChat to review a running audit sooner (a few per month; Get Audit Quota
 * shows `speedup_rest`):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/speedupCodeAudit.html
 */
export const description: INodeProperties[] = [authorizerField(show), auditIdField(show)];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const auditid = readAuditId(this, itemIndex);
	if (auditid === undefined)
		throw new NodeOperationError(this.getNode(), 'Audit ID must be a number', { itemIndex });
	return await callOnBehalf(
		this,
		itemIndex,
		context,
		{ method: 'POST', path: '/wxa/speedupaudit', body: { auditid } },
		{ auditid },
	);
}
