import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { getLimit, returnAllFields } from '../../shared/returnAll';
import type { OperationContext } from '../../shared/types';

export const RESOURCE = 'codeTemplate';

/** The listing fields of Get Many Drafts and Get Many Templates. */
export function listFields(operation: string, extra: INodeProperties[] = []): INodeProperties[] {
	return [...extra, ...returnAllFields(RESOURCE, operation)];
}

/**
 * One component-level listing (the component token goes as `access_token`, as WeChat's code-template
 * APIs take it); one item per entry of `field`.
 */
export async function listItems(
	context: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
	req: { path: string; query?: Record<string, string> },
	field: string,
): Promise<INodeExecutionData[]> {
	const limit = getLimit(context, itemIndex);
	const response = await platform.componentRequest<IDataObject>({
		method: 'GET',
		path: req.path,
		query: req.query,
		tokenParam: 'access_token',
	});
	const list = Array.isArray(response[field]) ? (response[field] as IDataObject[]) : [];
	return list.slice(0, limit).map((entry) => ({ json: entry }));
}
