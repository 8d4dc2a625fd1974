import { accountOperation } from '../../shared/operation';
import { getOpenId, openIdField } from '../../shared/openId';

export const { description, execute } = accountOperation('message', 'typing', {
	fields: (show) => [
		openIdField(show),
		{
			displayName: 'Typing',
			name: 'typing',
			type: 'boolean',
			default: true,
			description:
				'Whether to show "typing…" to the user (on) or stop showing it (off). WeChat shows it for up to 15 seconds or until the next message.',
			displayOptions: show,
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const openId = getOpenId(context, itemIndex);
		const command = context.getNodeParameter('typing', itemIndex, true) ? 'Typing' : 'CancelTyping';
		await platform.authorizerRequest(appId, {
			method: 'POST',
			path: '/cgi-bin/message/custom/typing',
			body: { touser: openId, command },
		});
		return [{ json: { success: true, authorizerAppId: appId, toUser: openId, command } }];
	},
});
