import type { IDataObject } from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { accountOperation } from '../../shared/operation';
import { toItems } from '../../shared/output';

export const { description, execute } = accountOperation('miniProgramPrivacy', 'getInterfaces', {
	account: 'miniProgram',
	async run(_context, _itemIndex, { platform, appId }) {
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
	},
});
