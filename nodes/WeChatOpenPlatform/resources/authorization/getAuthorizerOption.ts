import type {
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';

const show = showFor('authorization', 'getAuthorizerOption');

const OPTION_NAMES = [
	{ name: 'Customer Service', value: 'customer_service', description: '0 off, 1 on' },
	{
		name: 'Location Report',
		value: 'location_report',
		description: '0 off, 1 once when a session starts, 2 every 5 seconds',
	},
	{ name: 'Voice Recognition', value: 'voice_recognize', description: '0 off, 1 on' },
];

/** The option to read or write; Set Authorizer Option offers the same choice. */
export function optionNameField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Option',
		name: 'optionName',
		type: 'options',
		default: 'location_report',
		options: OPTION_NAMES,
		displayOptions,
	};
}

export const description: INodeProperties[] = [authorizerField(show), optionNameField(show)];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const appId = getAuthorizerAppId(this, itemIndex);
	const name = this.getNodeParameter('optionName', itemIndex) as string;
	const option = withoutTokens(await platform.getAuthorizerOption(appId, name));
	return [{ json: { authorizerAppId: appId, ...option } }];
}
