import { onBehalfOperation } from '../../shared/operation';
import { RESOURCE } from './resource';

/**
 * /wxa/change_visitstatus: takes the released mini program offline (users see it is paused) or
 * back online:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/setVisitStatus.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'setVisitStatus', {
	method: 'POST',
	path: '/wxa/change_visitstatus',
	fields: (show) => [
		{
			displayName: 'Visit Status',
			name: 'visitStatus',
			type: 'options',
			default: 'close',
			displayOptions: show,
			options: [
				{ name: 'Closed (Paused for Users)', value: 'close' },
				{ name: 'Open', value: 'open' },
			],
		},
	],
	read(context, itemIndex) {
		const action = context.getNodeParameter('visitStatus', itemIndex) as string;
		return { body: { action }, echo: { visitStatus: action } };
	},
});
