import { onBehalfOperation } from '../../shared/operation';
import { auditIdField, readAuditId } from './auditId';
import { RESOURCE } from './resource';

/**
 * /wxa/speedupaudit: asks WeChat to review a running audit sooner (a few per month; Get Audit Quota
 * shows `speedup_rest`):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/speedupCodeAudit.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'speedUpAudit', {
	method: 'POST',
	path: '/wxa/speedupaudit',
	fields: (show) => [auditIdField(show)],
	read(context, itemIndex) {
		const auditid = readAuditId(context, itemIndex);
		return { body: { auditid }, echo: { auditid } };
	},
});
