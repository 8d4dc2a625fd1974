import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { text } from '../../../core/text';

/**
 * The one rule for required text: trimmed, and an item error "<label> is empty" (with a hint where
 * one helps) when nothing is left. Nothing is sent to WeChat for such an item.
 */
export function nonEmpty(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
	hint?: string,
): string {
	const trimmed = text(value).trim();
	if (!trimmed) {
		throw new NodeOperationError(context.getNode(), `${label} is empty`, {
			itemIndex,
			...(hint ? { description: hint } : {}),
		});
	}
	return trimmed;
}

/** A required text parameter, read and checked by {@link nonEmpty}. */
export function requiredText(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	hint?: string,
): string {
	return nonEmpty(context, itemIndex, context.getNodeParameter(name, itemIndex, ''), label, hint);
}
