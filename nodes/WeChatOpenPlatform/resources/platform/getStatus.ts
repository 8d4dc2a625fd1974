import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_TICKET_MAX_AGE_MINUTES } from '../../../../core/health';
import { defineOperation } from '../../shared/operation';

export const { description, execute } = defineOperation('platform', 'getStatus', {
	fields: (show) => [
		{
			displayName:
				'Reads what the trigger and the token code recorded in the platform store; it makes no call to WeChat',
			name: 'statusNotice',
			type: 'notice',
			default: '',
			displayOptions: show,
		},
		{
			displayName: 'Include Accounts',
			name: 'includeAccounts',
			type: 'boolean',
			default: false,
			description:
				'Whether to output one more item per authorized account (authorized at, token expiry, last refresh, last WeChat error, needs attention)',
			displayOptions: show,
		},
		{
			displayName: 'Options',
			name: 'statusOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'Ticket Max Age (Minutes)',
					name: 'ticketMaxAgeMinutes',
					type: 'number',
					typeOptions: { minValue: 11 },
					default: DEFAULT_TICKET_MAX_AGE_MINUTES,
					description:
						'The platform needs attention when the last component_verify_ticket is older than this (WeChat pushes one every 10 minutes)',
				},
			],
		},
	],
	async run(context, itemIndex, { platform }) {
		const includeAccounts = context.getNodeParameter(
			'includeAccounts',
			itemIndex,
			false,
		) as boolean;
		const options = context.getNodeParameter('statusOptions', itemIndex, {}) as {
			ticketMaxAgeMinutes?: number;
		};
		const status = await platform.getStatus({
			includeAccounts,
			ticketMaxAgeMinutes: options.ticketMaxAgeMinutes,
		});
		return [status.platform, ...status.accounts].map((json) => ({
			json: json as unknown as IDataObject,
		}));
	},
});
