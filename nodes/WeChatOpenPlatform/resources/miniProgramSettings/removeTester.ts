import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { RESOURCE } from './domains';

const show = showFor(RESOURCE, 'removeTester');

/** /wxa/unbind_tester, by WeChat ID or by the `userstr` that Add Tester and Get Many Testers return. */
export const description: INodeProperties[] = [
	authorizerField(show),
	{
		displayName: 'Identify Tester By',
		name: 'identifyBy',
		type: 'options',
		default: 'wechatid',
		displayOptions: show,
		options: [
			{ name: 'WeChat ID', value: 'wechatid' },
			{
				name: 'User String',
				value: 'userstr',
				description: 'The userstr that Add Tester or Get Many Testers returned',
			},
		],
	},
	{
		displayName: 'WeChat ID',
		name: 'wechatId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: showFor(RESOURCE, 'removeTester', { identifyBy: ['wechatid'] }),
	},
	{
		displayName: 'User String',
		name: 'userstr',
		type: 'string',
		default: '={{ $json.userstr }}',
		required: true,
		displayOptions: showFor(RESOURCE, 'removeTester', { identifyBy: ['userstr'] }),
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const by = this.getNodeParameter('identifyBy', itemIndex, 'wechatid') as 'wechatid' | 'userstr';
	const value = String(
		this.getNodeParameter(by === 'wechatid' ? 'wechatId' : 'userstr', itemIndex, ''),
	).trim();
	if (!value) {
		throw new NodeOperationError(
			this.getNode(),
			`${by === 'wechatid' ? 'WeChat ID' : 'User String'} is required`,
			{ itemIndex },
		);
	}
	await platform.authorizerRequest(appId, {
		method: 'POST',
		path: '/wxa/unbind_tester',
		body: { [by]: value },
	});
	return [{ json: { success: true, authorizerAppId: appId, [by]: value } }];
}
