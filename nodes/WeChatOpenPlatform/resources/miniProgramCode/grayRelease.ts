import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { authorizerField } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import type { OperationContext } from '../../shared/types';
import { RESOURCE, callOnBehalf } from './call';

const show = showFor(RESOURCE, 'grayRelease');

/**
 * /wxa/grayrelease: releases the approved version to a percentage of users first; a later call may
 * only raise it (85082), 100 releases to everyone:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/grayRelease.html
 */
export const description: INodeProperties[] = [
	authorizerField(show),
	{
		displayName: 'Gray Percentage',
		name: 'grayPercentage',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 10,
		required: true,
		description: 'The share of users (1–100) who get the new version',
		displayOptions: show,
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const pct = Number(this.getNodeParameter('grayPercentage', itemIndex));
	if (!Number.isInteger(pct) || pct < 1 || pct > 100) {
		throw new NodeOperationError(
			this.getNode(),
			'Gray Percentage must be a whole number from 1 to 100',
			{
				itemIndex,
			},
		);
	}
	return await callOnBehalf(
		this,
		itemIndex,
		context,
		{ method: 'POST', path: '/wxa/grayrelease', body: { gray_percentage: pct } },
		{ grayPercentage: pct },
	);
}
