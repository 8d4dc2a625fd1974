import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readNumericId } from '../../shared/numericId';

/** The audit ID field of Get Audit Status and Speed Up Audit; follows Submit for Audit's output. */
export function auditIdField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Audit ID',
		name: 'auditId',
		type: 'string',
		default: '={{ $json.auditid }}',
		required: true,
		description: 'The auditid Submit for Audit returned',
		displayOptions,
	};
}

/** The audit ID as WeChat's number; an error when it is not one. */
export function readAuditId(context: IExecuteFunctions, itemIndex: number): number {
	return readNumericId(context, itemIndex, 'auditId', 'Audit ID');
}
