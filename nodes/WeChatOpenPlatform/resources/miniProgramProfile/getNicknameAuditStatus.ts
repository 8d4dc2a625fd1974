import { onBehalfOperation } from '../../shared/operation';
import { requiredText } from '../../shared/required';

// audit_stat: 1 under audit, 2 rejected (fail_reason), 3 approved.
export const { description, execute } = onBehalfOperation(
	'miniProgramProfile',
	'getNicknameAuditStatus',
	{
		method: 'POST',
		path: '/wxa/api_wxa_querynickname',
		account: 'miniProgram',
		output: 'answer',
		fields: (show) => [
			{
				displayName: 'Audit ID',
				name: 'auditId',
				type: 'string',
				default: '={{ $json.audit_id }}',
				required: true,
				description: 'The audit_id Set Nickname returned',
				displayOptions: show,
			},
		],
		read(context, itemIndex) {
			const auditId = requiredText(
				context,
				itemIndex,
				'auditId',
				'Audit ID',
				'Use the audit_id of Set Nickname',
			);
			return { body: { audit_id: /^\d+$/.test(auditId) ? Number(auditId) : auditId } };
		},
	},
);
