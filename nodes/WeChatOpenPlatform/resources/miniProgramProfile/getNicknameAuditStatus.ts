import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { miniProgramField, requiredText } from '../../shared/miniProgram';
import { toItems } from '../../shared/output';
import type { OperationContext } from '../../shared/types';

const show = showFor('miniProgramProfile', 'getNicknameAuditStatus');

export const description: INodeProperties[] = [
	miniProgramField(show),
	{
		displayName: 'Audit ID',
		name: 'auditId',
		type: 'string',
		default: '={{ $json.audit_id }}',
		required: true,
		description: 'The audit_id Set Nickname returned',
		displayOptions: show,
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const auditId = requiredText(
		this,
		itemIndex,
		'auditId',
		'Audit ID',
		'Use the audit_id of Set Nickname',
	);
	// audit_stat: 1 under audit, 2 rejected (fail_reason), 3 approved.
	const status = await platform.authorizerRequest<IDataObject>(appId, {
		method: 'POST',
		path: '/wxa/api_wxa_querynickname',
		body: { audit_id: /^\d+$/.test(auditId) ? Number(auditId) : auditId },
	});
	return toItems({ authorizerAppId: appId, ...withoutTokens(status) });
}
