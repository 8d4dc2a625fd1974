import type { IDataObject } from 'n8n-workflow';

import { isAccountType } from '../../../../core/accountType';
import { accountTypes } from '../../shared/accountType';
import { showFor } from '../../shared/display';
import { defineOperation } from '../../shared/operation';
import { getLimit, returnAllFields } from '../../shared/returnAll';

/** WeChat's maximum page size for api_get_authorizer_list. */
const PAGE_SIZE = 500;

export const { description, execute } = defineOperation('authorization', 'getManyAuthorizers', {
	fields: () => [
		{
			displayName: 'Account Type',
			name: 'accountType',
			type: 'options',
			default: 'all',
			description:
				'Only mini programs or only Official Accounts, e.g. to commit code to every authorized mini program',
			displayOptions: showFor('authorization', 'getManyAuthorizers'),
			options: [
				{ name: 'All', value: 'all' },
				{ name: 'Mini Programs', value: 'mini program' },
				{ name: 'Official Accounts', value: 'official account' },
			],
		},
		...returnAllFields('authorization', 'getManyAuthorizers'),
	],
	async run(context, itemIndex, { platform }) {
		const limit = getLimit(context, itemIndex);
		const wanted = context.getNodeParameter('accountType', itemIndex, 'all');
		const names = new Map((await platform.listAuthorizers()).map((known) => [known.appId, known]));
		const accounts: IDataObject[] = [];
		for (let offset = 0; accounts.length < limit; offset += PAGE_SIZE) {
			const page = await platform.getAuthorizerList(offset, PAGE_SIZE);
			// The type is recorded from the authorizer info; filtering looks it up for accounts without one.
			const types = isAccountType(wanted)
				? await accountTypes(
						platform,
						page.list.map((entry) => entry.authorizer_appid),
						Infinity,
					)
				: undefined;
			// A look-up also recorded the account's names.
			if (types)
				for (const known of await platform.listAuthorizers()) names.set(known.appId, known);
			for (const entry of page.list) {
				const accountType =
					types?.get(entry.authorizer_appid) ?? names.get(entry.authorizer_appid)?.accountType;
				if (isAccountType(wanted) && accountType !== wanted) continue;
				const known = names.get(entry.authorizer_appid);
				// `authorizerAppId` is what the node's account field reads by default, so the items can
				// feed a loop over every account without any mapping.
				accounts.push({
					authorizerAppId: entry.authorizer_appid,
					nickName: known?.nickName,
					userName: known?.userName,
					accountType,
					authTime: entry.auth_time,
					authorizedAt: entry.auth_time
						? new Date(entry.auth_time * 1000).toISOString()
						: undefined,
				});
			}
			if (page.list.length < PAGE_SIZE || offset + PAGE_SIZE >= page.total_count) break;
		}
		return accounts.slice(0, limit).map((json) => ({ json }));
	},
});
