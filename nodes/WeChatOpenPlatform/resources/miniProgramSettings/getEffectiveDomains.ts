import type { IDataObject } from 'n8n-workflow';

import { accountOperation } from '../../shared/operation';
import { toItems } from '../../shared/output';
import { answerFields, RESOURCE } from './domains';

/**
 * /wxa/get_effective_domain: the merchant's own (mp_domain), the platform's (third_domain), the
 * directly configured (direct_domain) and the server domains in effect (effective_domain).
 */
export const { description, execute } = accountOperation(RESOURCE, 'getEffectiveDomains', {
	async run(_context, _itemIndex, { platform, appId }) {
		const response = await platform.authorizerRequest<IDataObject>(appId, {
			method: 'POST',
			path: '/wxa/get_effective_domain',
			body: {},
		});
		return toItems({ authorizerAppId: appId, ...answerFields(response) });
	},
});
