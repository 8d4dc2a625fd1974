import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { WeChatPlatform } from '../../../core/platform';

/** What every operation gets besides `this`: the platform of the node's credential. */
export interface OperationContext {
	platform: WeChatPlatform;
}

/**
 * One operation = one file declaring its fields and this function (with `shared/operation.ts`). It
 * returns the items for one input item; the node adds `pairedItem` and handles "Continue On Fail".
 */
export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
) => Promise<INodeExecutionData[]>;

/** What each operation file exports; a resource's index re-exports it under the operation's value. */
export interface Operation {
	/** The operation's fields, each shown only for its resource and operation. */
	description: INodeProperties[];
	execute: OperationExecute;
}
