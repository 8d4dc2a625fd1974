import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from './display';

/** n8n's usual "Return All" switch and the "Limit" it hides, for a listing operation. */
export function returnAllFields(resource: string, operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: showFor(resource, operation),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: showFor(resource, operation, { returnAll: [false] }),
		},
	];
}

/** How many results to return: `Infinity` when Return All is on. */
export function getLimit(context: IExecuteFunctions, itemIndex: number): number {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? Infinity : (context.getNodeParameter('limit', itemIndex, 50) as number);
}
