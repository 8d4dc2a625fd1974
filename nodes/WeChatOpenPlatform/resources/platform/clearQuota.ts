import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { scopeFields, scopeJson, scopeOf } from './scope';

const show = showFor('platform', 'clearQuota');

export const description: INodeProperties[] = [
	{
		displayName:
			'Resets every API quota of the platform or of one account. WeChat allows 10 resets per account and month.',
		name: 'clearQuotaNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	...scopeFields(show),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const target = scopeOf(this, itemIndex);
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
}
