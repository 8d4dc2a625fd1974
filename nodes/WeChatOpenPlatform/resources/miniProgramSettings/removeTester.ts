import { showFor } from '../../shared/display';
import { accountOperation } from '../../shared/operation';
import { RESOURCE } from './domains';
import { requiredText } from '../../shared/required';

/** /wxa/unbind_tester, by WeChat ID or by the `userstr` that Add Tester and Get Many Testers return. */
export const { description, execute } = accountOperation(RESOURCE, 'removeTester', {
	fields: (show) => [
		{
			displayName: 'Identify Tester By',
			name: 'identifyBy',
			type: 'options',
			default: 'wechatid',
			displayOptions: show,
			options: [
				{ name: 'WeChat ID', value: 'wechatid' },
				{
					name: 'User String',
					value: 'userstr',
					description: 'The userstr that Add Tester or Get Many Testers returned',
				},
			],
		},
		{
			displayName: 'WeChat ID',
			name: 'wechatId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: showFor(RESOURCE, 'removeTester', { identifyBy: ['wechatid'] }),
		},
		{
			displayName: 'User String',
			name: 'userstr',
			type: 'string',
			default: '={{ $json.userstr }}',
			required: true,
			displayOptions: showFor(RESOURCE, 'removeTester', { identifyBy: ['userstr'] }),
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const by = context.getNodeParameter('identifyBy', itemIndex, 'wechatid') as
			| 'wechatid'
			| 'userstr';
		const value =
			by === 'wechatid'
				? requiredText(context, itemIndex, 'wechatId', 'WeChat ID')
				: requiredText(context, itemIndex, 'userstr', 'User String');
		await platform.authorizerRequest(appId, {
			method: 'POST',
			path: '/wxa/unbind_tester',
			body: { [by]: value },
		});
		return [{ json: { success: true, authorizerAppId: appId, [by]: value } }];
	},
});
