import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { showFor } from '../../shared/display';
import { accountOperation } from '../../shared/operation';
import { toItems } from '../../shared/output';

const MAX_EXPIRE_SECONDS = 2_592_000;

export const { description, execute } = accountOperation('qrCode', 'create', {
	fields: (show) => [
		{
			displayName: 'Lifetime',
			name: 'lifetime',
			type: 'options',
			default: 'temporary',
			displayOptions: show,
			options: [
				{
					name: 'Temporary',
					value: 'temporary',
					description: 'Expires after up to 30 days; unlimited number',
				},
				{
					name: 'Permanent',
					value: 'permanent',
					description: 'Never expires; at most 100 000 per account',
				},
			],
		},
		{
			displayName: 'Scene Type',
			name: 'sceneType',
			type: 'options',
			default: 'string',
			displayOptions: show,
			description: 'What the QR code carries; it comes back as EventKey when a user scans it',
			options: [
				{ name: 'String', value: 'string', description: '1 to 64 characters' },
				{
					name: 'Number',
					value: 'id',
					description: 'Temporary: a 32-bit number; permanent: 1 to 100 000',
				},
			],
		},
		{
			displayName: 'Scene String',
			name: 'sceneStr',
			type: 'string',
			default: '',
			required: true,
			displayOptions: showFor('qrCode', 'create', { sceneType: ['string'] }),
		},
		{
			displayName: 'Scene Number',
			name: 'sceneId',
			type: 'number',
			default: 1,
			required: true,
			typeOptions: { minValue: 1 },
			displayOptions: showFor('qrCode', 'create', { sceneType: ['id'] }),
		},
		{
			displayName: 'Expires After (Seconds)',
			name: 'expireSeconds',
			type: 'number',
			default: 604800,
			typeOptions: { minValue: 60, maxValue: MAX_EXPIRE_SECONDS },
			description: 'Up to 2 592 000 (30 days)',
			displayOptions: showFor('qrCode', 'create', { lifetime: ['temporary'] }),
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const temporary = context.getNodeParameter('lifetime', itemIndex) === 'temporary';
		const byString = context.getNodeParameter('sceneType', itemIndex) === 'string';
		const scene: IDataObject = {};
		if (byString) {
			const sceneStr = String(context.getNodeParameter('sceneStr', itemIndex, ''));
			if (sceneStr.length < 1 || sceneStr.length > 64) {
				throw new NodeOperationError(
					context.getNode(),
					'Scene String must be 1 to 64 characters long',
					{
						itemIndex,
					},
				);
			}
			scene.scene_str = sceneStr;
		} else {
			const sceneId = Number(context.getNodeParameter('sceneId', itemIndex));
			if (!Number.isInteger(sceneId) || sceneId < 1 || (!temporary && sceneId > 100_000)) {
				throw new NodeOperationError(context.getNode(), `Scene Number ${sceneId} is out of range`, {
					itemIndex,
					description:
						'A permanent QR code takes 1 to 100 000; a temporary one any positive 32-bit integer',
				});
			}
			scene.scene_id = sceneId;
		}
		const actionName = `QR${temporary ? '' : '_LIMIT'}${byString ? '_STR' : ''}_SCENE`;
		const body: IDataObject = { action_name: actionName, action_info: { scene } };
		if (temporary)
			body.expire_seconds = Number(context.getNodeParameter('expireSeconds', itemIndex, 604800));
		const response = await platform.authorizerRequest<IDataObject>(appId, {
			method: 'POST',
			path: '/cgi-bin/qrcode/create',
			body,
		});
		const ticket = typeof response.ticket === 'string' ? response.ticket : '';
		return toItems({
			...withoutTokens(response),
			// The ticket is not a secret: it is the public name of the QR code image.
			imageUrl: ticket
				? `https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`
				: undefined,
		});
	},
});
