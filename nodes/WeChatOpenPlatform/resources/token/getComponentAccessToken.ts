import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { tokenNotice } from './notice';

export const description: INodeProperties[] = [
	tokenNotice(showFor('token', 'getComponentAccessToken')),
];

export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const token = await platform.getComponentAccessToken();
	return [{ json: { componentAppId: platform.componentAppId, componentAccessToken: token } }];
}
