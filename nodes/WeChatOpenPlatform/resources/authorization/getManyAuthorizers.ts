import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';

const show = showFor('authorization', 'getManyAuthorizers');
/** WeChat's maximum page size for api_get_authorizer_list. */
const PAGE_SIZE = 500;

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: show,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: showFor('authorization', 'getManyAuthorizers', { returnAll: [false] }),
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
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
