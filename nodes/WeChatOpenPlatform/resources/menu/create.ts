import {
	NodeOperationError,
	jsonParse,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';

const show = showFor('menu', 'create');

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

export const description: INodeProperties[] = [
	authorizerField(show),
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
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const raw = this.getNodeParameter('menu', itemIndex);
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
			this.getNode(),
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
}
