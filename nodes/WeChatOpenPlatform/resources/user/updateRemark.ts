import { accountOperation } from '../../shared/operation';
import { getOpenId, openIdField } from '../../shared/openId';

export const { description, execute } = accountOperation('user', 'updateRemark', {
	fields: (show) => [
		openIdField(show),
		{
			displayName: 'Remark',
			name: 'remark',
			type: 'string',
			default: '',
			description:
				'The note the account keeps about this user (fewer than 30 characters); empty clears it',
			displayOptions: show,
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const openId = getOpenId(context, itemIndex);
		const remark = String(context.getNodeParameter('remark', itemIndex, ''));
		await platform.authorizerRequest(appId, {
			method: 'POST',
			path: '/cgi-bin/user/info/updateremark',
			body: { openid: openId, remark },
		});
		return [{ json: { success: true, authorizerAppId: appId, openid: openId, remark } }];
	},
});
