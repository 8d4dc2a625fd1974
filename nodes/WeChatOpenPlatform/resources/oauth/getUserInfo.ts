import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type IDataObject,
} from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { showFor } from '../../shared/display';
import { getLanguage, languageOptionsField } from '../../shared/language';
import { toItems } from '../../shared/output';
import type { OperationContext } from '../../shared/types';

const show = showFor('oauth', 'getUserInfo');

export const description: INodeProperties[] = [
	{
		displayName: 'User Access Token',
		name: 'accessToken',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.access_token }}',
		required: true,
		description:
			'The user\'s access_token from Exchange Code (with "Include User Tokens in Output" on)',
		displayOptions: show,
	},
	{
		displayName: 'User OpenID',
		name: 'openId',
		type: 'string',
		default: '={{ $json.openid }}',
		required: true,
		displayOptions: show,
	},
	languageOptionsField(show),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const accessToken = String(this.getNodeParameter('accessToken', itemIndex, '') ?? '').trim();
	const openId = String(this.getNodeParameter('openId', itemIndex, '') ?? '').trim();
	if (!accessToken || !openId) {
		throw new NodeOperationError(
			this.getNode(),
			'User Access Token and User OpenID are both required',
			{ itemIndex },
		);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const lang = getLanguage(options);
	return toItems(
		withoutTokens((await platform.getOAuthUserInfo(accessToken, openId, lang)) as IDataObject),
	);
}
