import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/**
 * An ID WeChat takes as a number (auditid, draft_id, template_id) from a text field, so that an
 * expression such as `{{ $json.auditid }}` works; a clear error when it is not one.
 */
export function readNumericId(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): number {
	const raw = String(context.getNodeParameter(name, itemIndex, '')).trim();
	if (!/^\d{1,16}$/.test(raw))
		throw new NodeOperationError(context.getNode(), `${label} must be a number`, { itemIndex });
	return Number(raw);
}
