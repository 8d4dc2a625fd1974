import { NodeOperationError, jsonParse, type IDataObject } from 'n8n-workflow';

import { accountOperation } from '../../shared/operation';

const EXAMPLE = JSON.stringify(
	{
		button: [
			{ type: 'click', name: 'Today', key: 'TODAY' },
			{
				name: 'More',
				sub_button: [{ type: 'view', name: 'Website', url: 'https://example.com/' }],
			},
		],
	},
	null,
	2,
);

export const { description, execute } = accountOperation('menu', 'create', {
	fields: (show) => [
		{
			displayName: 'Menu (JSON)',
			name: 'menu',
			type: 'json',
			default: EXAMPLE,
			required: true,
			description:
				'The menu as WeChat expects it: {"button": [...]}, up to 3 buttons with up to 5 sub_button each. Replaces the current menu.',
			displayOptions: show,
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const raw = context.getNodeParameter('menu', itemIndex);
		let menu: unknown = raw;
		if (typeof raw === 'string') {
			menu = jsonParse(raw, {
				errorMessage: 'Menu (JSON) is not valid JSON',
			});
		}
		// Accept a bare list of buttons too: it is what people copy from the menu's "button" field.
		if (Array.isArray(menu)) menu = { button: menu };
		if (!menu || typeof menu !== 'object' || !Array.isArray((menu as IDataObject).button)) {
			throw new NodeOperationError(
				context.getNode(),
				'Menu (JSON) must be an object with a "button" list',
				{
					itemIndex,
				},
			);
		}
		await platform.authorizerRequest(appId, {
			method: 'POST',
			path: '/cgi-bin/menu/create',
			body: menu,
		});
		return [{ json: { success: true, authorizerAppId: appId } }];
	},
});
