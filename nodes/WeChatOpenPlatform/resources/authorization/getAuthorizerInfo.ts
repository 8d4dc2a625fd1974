import { withoutTokens } from '../../../../core/api/redact';
import { accountOperation } from '../../shared/operation';

export const { description, execute } = accountOperation('authorization', 'getAuthorizerInfo', {
	async run(_context, _itemIndex, { platform, appId }) {
		const info = withoutTokens(await platform.getAuthorizerInfo(appId));
		return [{ json: { authorizerAppId: appId, ...info } }];
	},
});
