import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { accountOperation } from '../../shared/operation';

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

export const { description, execute } = accountOperation('authorization', 'getAuthorizerOption', {
	fields: (show) => [optionNameField(show)],
	async run(context, itemIndex, { platform, appId }) {
		const name = context.getNodeParameter('optionName', itemIndex) as string;
		const option = withoutTokens(await platform.getAuthorizerOption(appId, name));
		return [{ json: { authorizerAppId: appId, ...option } }];
	},
});
