import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { getLanguage, languageOptionsField } from '../../shared/language';
import { getOpenId, openIdField } from '../../shared/openId';
import { toItems } from '../../shared/output';
import type { OperationContext } from '../../shared/types';

const show = showFor('user', 'get');

export const description: INodeProperties[] = [
	authorizerField(show),
	openIdField(show),
	languageOptionsField(show),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const openId = getOpenId(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const user = await platform.authorizerRequest<IDataObject>(appId, {
		method: 'GET',
		path: '/cgi-bin/user/info',
		query: { openid: openId, lang: getLanguage(options) },
	});
	return toItems(withoutTokens(user));
}
