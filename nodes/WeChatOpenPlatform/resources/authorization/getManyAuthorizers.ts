import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { getLimit, returnAllFields } from '../../shared/returnAll';
import type { OperationContext } from '../../shared/types';

/** WeChat's maximum page size for api_get_authorizer_list. */
const PAGE_SIZE = 500;

export const description: INodeProperties[] = returnAllFields(
	'authorization',
	'getManyAuthorizers',
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const limit = getLimit(this, itemIndex);
	const names = new Map((await platform.listAuthorizers()).map((known) => [known.appId, known]));
	const accounts: IDataObject[] = [];
	for (let offset = 0; accounts.length < limit; offset += PAGE_SIZE) {
		const page = await platform.getAuthorizerList(offset, PAGE_SIZE);
		for (const entry of page.list) {
			const known = names.get(entry.authorizer_appid);
			// `authorizerAppId` is what the node's account field reads by default, so the items can
			// feed a loop over every account without any mapping.
			accounts.push({
				authorizerAppId: entry.authorizer_appid,
				nickName: known?.nickName,
				userName: known?.userName,
				authTime: entry.auth_time,
				authorizedAt: entry.auth_time ? new Date(entry.auth_time * 1000).toISOString() : undefined,
			});
		}
		if (page.list.length < PAGE_SIZE || offset + PAGE_SIZE >= page.total_count) break;
	}
	return accounts.slice(0, limit).map((json) => ({ json }));
}
