import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IDataObject,
} from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { toItems } from '../../shared/output';
import type { OperationContext } from '../../shared/types';

const show = showFor('menu', 'get');

export const description: INodeProperties[] = [
	authorizerField(show),
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		default: 'api',
		displayOptions: show,
		options: [
			{
				name: 'Menu Set Through the API',
				value: 'api',
				description:
					'The menu created with Menu → Create (or any API), including conditional menus',
			},
			{
				name: 'Menu Users See Now',
				value: 'current',
				description: 'Whatever is live, also when it was set in the WeChat admin console',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const source = this.getNodeParameter('source', itemIndex, 'api') as string;
	const path = source === 'current' ? '/cgi-bin/get_current_selfmenu_info' : '/cgi-bin/menu/get';
	const menu = await platform.authorizerRequest<IDataObject>(appId, { method: 'GET', path });
	return toItems(withoutTokens(menu));
}
