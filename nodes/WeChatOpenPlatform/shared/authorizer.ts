import {
	NodeOperationError,
	type IDisplayOptions,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { APP_ID_PATTERN, isAppId } from '../../../core/appId';

/**
 * The account (Official Account or Mini Program) that authorized the platform and on whose behalf
 * the operation runs. The default follows the trigger's output, so a node placed after the trigger
 * answers the account that received the message without any setup.
 */
export function authorizerField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Authorized Account',
		name: 'authorizer',
		type: 'resourceLocator',
		default: { mode: 'id', value: '={{ $json.authorizerAppId }}' },
		required: true,
		description: 'The Official Account or Mini Program that authorized your platform',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an authorized account...',
				typeOptions: {
					searchListMethod: 'searchAuthorizers',
					searchable: true,
				},
			},
			{
				displayName: 'By AppID',
				name: 'id',
				type: 'string',
				placeholder: 'wx1234567890abcdef',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: APP_ID_PATTERN,
							errorMessage: 'An AppID is "wx" followed by 16 lowercase hexadecimal characters',
						},
					},
				],
			},
		],
	};
}

/** The chosen account's AppID, checked, so that a wrong value fails here and not at WeChat. */
export function getAuthorizerAppId(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('authorizer', itemIndex, '', { extractValue: true });
	const appId = typeof raw === 'string' ? raw.trim() : '';
	if (!appId) {
		throw new NodeOperationError(context.getNode(), 'No authorized account chosen', {
			itemIndex,
			description:
				'Pick an account from the list, enter its AppID, or place this node after the WeChat Open Platform Trigger so that {{ $json.authorizerAppId }} has a value',
		});
	}
	if (!isAppId(appId as unknown)) {
		throw new NodeOperationError(context.getNode(), `"${appId.slice(0, 40)}" is not an AppID`, {
			itemIndex,
			description:
				'An AppID is "wx" followed by 16 lowercase hexadecimal characters, e.g. wx1234567890abcdef',
		});
	}
	return appId;
}
