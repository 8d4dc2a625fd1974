import { showFor } from '../../shared/display';
import { onBehalfOperation } from '../../shared/operation';
import { auditIdField, readAuditId } from './auditId';
import { RESOURCE } from './resource';

/**
 * /wxa/get_latest_auditstatus or /wxa/get_auditstatus (by auditid): `status` 0 approved, 1 rejected
 * (with `reason` and `ScreenShot`), 2 auditing, 3 withdrawn, 4 delayed:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getAuditStatus.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'getAuditStatus', {
	method: 'GET',
	path: '/wxa/get_latest_auditstatus',
	fields: (show) => [
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
	],
	read(context, itemIndex) {
		if (context.getNodeParameter('audit', itemIndex, 'latest') === 'latest') return {};
		const auditid = readAuditId(context, itemIndex);
		return { method: 'POST', path: '/wxa/get_auditstatus', body: { auditid }, echo: { auditid } };
	},
});
