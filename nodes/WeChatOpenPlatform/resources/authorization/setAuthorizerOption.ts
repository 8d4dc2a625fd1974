import { NodeOperationError } from 'n8n-workflow';

import { accountOperation } from '../../shared/operation';
import { optionNameField } from './getAuthorizerOption';

export const { description, execute } = accountOperation('authorization', 'setAuthorizerOption', {
	fields: (show) => [
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
	],
	async run(context, itemIndex, { platform, appId }) {
		const name = context.getNodeParameter('optionName', itemIndex) as string;
		const value = String(context.getNodeParameter('optionValue', itemIndex));
		if (value === '2' && name !== 'location_report') {
			throw new NodeOperationError(
				context.getNode(),
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
	},
});
