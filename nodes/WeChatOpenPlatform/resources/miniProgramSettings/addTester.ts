import { accountOperation } from '../../shared/operation';
import { RESOURCE } from './domains';
import { requiredText } from '../../shared/required';

/**
 * /wxa/bind_tester: a WeChat user may then open the mini program's test version. WeChat answers the
 * tester's `userstr`, the id Remove Tester and Get Many Testers use:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/member-management/bindTester.html
 */
export const { description, execute } = accountOperation(RESOURCE, 'addTester', {
	fields: (show) => [
		{
			displayName: 'WeChat ID',
			name: 'wechatId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'zhang_san_88',
			description:
				"The user's WeChat ID (微信号), not an OpenID; the user must allow being found by it",
			displayOptions: show,
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const wechatid = requiredText(context, itemIndex, 'wechatId', 'WeChat ID');
		const response = await platform.authorizerRequest<{ userstr?: string }>(appId, {
			method: 'POST',
			path: '/wxa/bind_tester',
			body: { wechatid },
		});
		return [
			{
				json: { success: true, authorizerAppId: appId, wechatid, userstr: response.userstr ?? '' },
			},
		];
	},
});
