import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { OperationContext } from '../../shared/types';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const response = await platform.startPushTicket();
	// "ok": pushing was stopped and restarts now; "in a normal state": it was already running.
	return [{ json: { success: true, errmsg: response.errmsg } }];
}
