import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { text } from '../../../../core/text';

/** A required text parameter, trimmed; a clear error names the field when it is empty. */
export function requiredText(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	const value = text(context.getNodeParameter(name, itemIndex, '')).trim();
	if (value === '') {
		throw new NodeOperationError(context.getNode(), `${label} is required`, { itemIndex });
	}
	return value;
}

/** Where WeChat reports the outcome, for the items of the register operations. */
export const RESULT_NOTE =
	'The result arrives at the WeChat Open Platform Trigger (authorization URL); on success the new mini program is authorized and stored';
