import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { getOpenId, openIdField } from '../../shared/openId';
import type { OperationContext } from '../../shared/types';

const show = showFor('message', 'typing');

export const description: INodeProperties[] = [
	authorizerField(show),
	openIdField(show),
	{
		displayName: 'Typing',
		name: 'typing',
		type: 'boolean',
		default: true,
		description:
			'Whether to show "typing…" to the user (on) or stop showing it (off). WeChat shows it for up to 15 seconds or until the next message.',
		displayOptions: show,
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const openId = getOpenId(this, itemIndex);
	const command = this.getNodeParameter('typing', itemIndex, true) ? 'Typing' : 'CancelTyping';
	await platform.authorizerRequest(appId, {
		method: 'POST',
		path: '/cgi-bin/message/custom/typing',
		body: { touser: openId, command },
	});
	return [{ json: { success: true, authorizerAppId: appId, toUser: openId, command } }];
}
