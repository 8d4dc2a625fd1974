import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { defineOperation } from '../../shared/operation';
import { tokenNotice } from './notice';

export const { description, execute } = defineOperation('token', 'getAuthorizerAccessToken', {
	fields: (show) => [tokenNotice(show), authorizerField(show)],
	async run(context, itemIndex, { platform }) {
		const appId = getAuthorizerAppId(context, itemIndex);
		const token = await platform.getAuthorizerAccessToken(appId);
		return [{ json: { authorizerAppId: appId, authorizerAccessToken: token } }];
	},
});
