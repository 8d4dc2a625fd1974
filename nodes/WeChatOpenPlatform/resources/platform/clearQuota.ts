import { defineOperation } from '../../shared/operation';
import { scopeFields, scopeJson, scopeOf } from './scope';

export const { description, execute } = defineOperation('platform', 'clearQuota', {
	fields: (show) => [
		{
			displayName:
				'Resets every API quota of the platform or of one account. WeChat allows 10 resets per account and month.',
			name: 'clearQuotaNotice',
			type: 'notice',
			default: '',
			displayOptions: show,
		},
		...scopeFields(show),
	],
	async run(context, itemIndex, { platform }) {
		const target = scopeOf(context, itemIndex);
		// clear_quota/v2 needs no token, so it also works when the token API's own quota is used up.
		const result = await platform.clearQuota(target.appId);
		return [
			{
				json: {
					...scopeJson(target),
					cleared: result.errcode === 0,
					...result,
				},
			},
		];
	},
});
