import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { optionNameField } from './getAuthorizerOption';

const show = showFor('authorization', 'setAuthorizerOption');

export const description: INodeProperties[] = [
	authorizerField(show),
	optionNameField(show),
	{
		displayName: 'Value',
		name: 'optionValue',
		type: 'options',
		default: '1',
		displayOptions: show,
		options: [
			{ name: '0 (Off)', value: '0' },
			{ name: '1 (On / Once per Session)', value: '1' },
			{ name: '2 (Location Every 5 Seconds)', value: '2', description: 'Location Report only' },
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const name = this.getNodeParameter('optionName', itemIndex) as string;
	const value = String(this.getNodeParameter('optionValue', itemIndex));
	if (value === '2' && name !== 'location_report') {
		throw new NodeOperationError(
			this.getNode(),
			`Value 2 exists only for Location Report, not for ${name}`,
			{
				itemIndex,
			},
		);
	}
	await platform.setAuthorizerOption(appId, name, value);
	return [
		{ json: { success: true, authorizerAppId: appId, option_name: name, option_value: value } },
	];
}
