import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { WeChatPlatform } from '../../../core/platform';

/** What every operation gets besides `this`: the platform of the node's credential. */
export interface OperationContext {
	platform: WeChatPlatform;
}

/**
 * One operation = one file holding its fields and this function. It returns the items for one
 * input item; the node adds `pairedItem` and handles "Continue On Fail".
 */
export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
) => Promise<INodeExecutionData[]>;

export interface ResourceDefinition {
	/** The `operation` options property shown for this resource. */
	operations: INodeProperties;
	/** Every field of every operation of the resource, each with its own `displayOptions`. */
	fields: INodeProperties[];
	execute: Record<string, OperationExecute>;
}
