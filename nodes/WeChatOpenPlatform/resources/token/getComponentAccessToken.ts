import { defineOperation } from '../../shared/operation';
import { tokenNotice } from './notice';

export const { description, execute } = defineOperation('token', 'getComponentAccessToken', {
	fields: (show) => [tokenNotice(show)],
	async run(_context, _itemIndex, { platform }) {
		const token = await platform.getComponentAccessToken();
		return [{ json: { componentAppId: platform.componentAppId, componentAccessToken: token } }];
	},
});
