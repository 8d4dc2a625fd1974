import type { IDataObject } from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { accountOperation } from '../../shared/operation';
import { toItems } from '../../shared/output';

export const { description, execute } = accountOperation('menu', 'get', {
	fields: (show) => [
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
	],
	async run(context, itemIndex, { platform, appId }) {
		const source = context.getNodeParameter('source', itemIndex, 'api') as string;
		const path = source === 'current' ? '/cgi-bin/get_current_selfmenu_info' : '/cgi-bin/menu/get';
		const menu = await platform.authorizerRequest<IDataObject>(appId, { method: 'GET', path });
		return toItems(withoutTokens(menu));
	},
});
