import { accountOperation } from '../../shared/operation';

export const { description, execute } = accountOperation('menu', 'delete', {
	async run(_context, _itemIndex, { platform, appId }) {
		await platform.authorizerRequest(appId, { method: 'GET', path: '/cgi-bin/menu/delete' });
		return [{ json: { success: true, authorizerAppId: appId } }];
	},
});
