import { accountOperation } from '../../shared/onBehalf';

export const { description, execute } = accountOperation('menu', 'delete', {
	async run(_context, _itemIndex, { platform, appId }) {
		await platform.authorizerRequest(appId, { method: 'GET', path: '/cgi-bin/menu/delete' });
		return [{ json: { success: true, authorizerAppId: appId } }];
	},
});
