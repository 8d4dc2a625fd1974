import { NodeOperationError } from 'n8n-workflow';

import { onBehalfOperation } from '../../shared/operation';
import { RESOURCE } from './resource';

/**
 * /wxa/grayrelease: releases the approved version to a percentage of users first; a later call may
 * only raise it (85082), 100 releases to everyone:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/grayRelease.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'grayRelease', {
	method: 'POST',
	path: '/wxa/grayrelease',
	fields: (show) => [
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
	],
	read(context, itemIndex) {
		const pct = Number(context.getNodeParameter('grayPercentage', itemIndex));
		if (!Number.isInteger(pct) || pct < 1 || pct > 100) {
			throw new NodeOperationError(
				context.getNode(),
				'Gray Percentage must be a whole number from 1 to 100',
				{ itemIndex },
			);
		}
		return { body: { gray_percentage: pct }, echo: { grayPercentage: pct } };
	},
});
