import { type IDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { requiredText } from './required';

/** The user a message goes to; after the trigger, the user who wrote. */
export function openIdField(
	displayOptions: IDisplayOptions,
	description = 'The OpenID of the user',
): INodeProperties {
	return {
		displayName: 'User OpenID',
		name: 'openId',
		type: 'string',
		default: '={{ $json.FromUserName }}',
		required: true,
		description,
		displayOptions,
	};
}

export function getOpenId(context: IExecuteFunctions, itemIndex: number): string {
	const value = requiredText(
		context,
		itemIndex,
		'openId',
		'User OpenID',
		'Enter the OpenID, or place this node after the trigger so that {{ $json.FromUserName }} has a value',
	);
	return value;
}
