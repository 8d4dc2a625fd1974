import type { IDataObject } from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { getLanguage, languageOptionsField } from '../../shared/language';
import { accountOperation } from '../../shared/operation';
import { getOpenId, openIdField } from '../../shared/openId';
import { toItems } from '../../shared/output';

export const { description, execute } = accountOperation('user', 'get', {
	fields: (show) => [openIdField(show), languageOptionsField(show)],
	async run(context, itemIndex, { platform, appId }) {
		const openId = getOpenId(context, itemIndex);
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const user = await platform.authorizerRequest<IDataObject>(appId, {
			method: 'GET',
			path: '/cgi-bin/user/info',
			query: { openid: openId, lang: getLanguage(options) },
		});
		return toItems(withoutTokens(user));
	},
});
