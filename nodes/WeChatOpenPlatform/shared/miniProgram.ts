import {
	NodeOperationError,
	type IDisplayOptions,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { authorizerField } from './authorizer';

/** The authorized mini program the operation works for (the same locator as every resource). */
export function miniProgramField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		...authorizerField(displayOptions),
		displayName: 'Mini Program',
		description: 'The mini program that authorized your platform',
	};
}

/** A required text parameter, trimmed; a clear error when it is empty. */
export function requiredText(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	hint: string,
): string {
	const raw = context.getNodeParameter(name, itemIndex, '');
	const value = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
	if (!value) {
		throw new NodeOperationError(context.getNode(), `${label} is empty`, {
			itemIndex,
			description: hint,
		});
	}
	return value;
}
