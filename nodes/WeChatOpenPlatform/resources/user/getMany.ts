import type { IDataObject } from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { getLanguage, languageOption } from '../../shared/language';
import { accountOperation } from '../../shared/operation';
import { toItems } from '../../shared/output';
import { getLimit, returnAllFields } from '../../shared/returnAll';

/** WeChat's limit for one batchget call. */
const BATCH_SIZE = 100;

export const { description, execute } = accountOperation('user', 'getMany', {
	fields: (show) => [
		...returnAllFields('user', 'getMany'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'Include Profiles',
					name: 'includeProfiles',
					type: 'boolean',
					default: false,
					description:
						"Whether to fetch each follower's profile (nickname, subscribe time, remark, tags…) in batches of 100 instead of returning only OpenIDs",
				},
				languageOption,
				{
					displayName: 'Start After OpenID',
					name: 'nextOpenId',
					type: 'string',
					default: '',
					description: "Continue a previous listing after this OpenID (WeChat's next_openid)",
				},
			],
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const limit = getLimit(context, itemIndex);
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const lang = getLanguage(options);

		const openIds: string[] = [];
		let next = typeof options.nextOpenId === 'string' ? options.nextOpenId.trim() : '';
		// WeChat pages by 10 000; an empty page or an unchanged cursor is the end.
		while (openIds.length < limit) {
			const page = await platform.authorizerRequest<UserListPage>(appId, {
				method: 'GET',
				path: '/cgi-bin/user/get',
				query: next ? { next_openid: next } : {},
			});
			const ids = page.data?.openid ?? [];
			openIds.push(...ids);
			if (!ids.length || !page.next_openid || page.next_openid === next) break;
			next = page.next_openid;
		}
		const wanted = openIds.slice(0, limit);

		if (!options.includeProfiles) return toItems(wanted.map((openid) => ({ openid })));
		const users: IDataObject[] = [];
		for (let start = 0; start < wanted.length; start += BATCH_SIZE) {
			const batch = wanted.slice(start, start + BATCH_SIZE);
			const response = await platform.authorizerRequest<{ user_info_list?: IDataObject[] }>(appId, {
				method: 'POST',
				path: '/cgi-bin/user/info/batchget',
				body: { user_list: batch.map((openid) => ({ openid, lang })) },
			});
			users.push(...(response.user_info_list ?? []));
		}
		return toItems(withoutTokens(users));
	},
});

interface UserListPage {
	total?: number;
	count?: number;
	data?: { openid?: string[] };
	next_openid?: string;
}
