import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { unexpectedAnswerError } from '../../../../core/api/errors';
import { multipartBody } from '../../../../core/api/multipart';
import { binaryFilePart } from '../../shared/binaryFile';
import { accountOperation } from '../../shared/operation';
import { okResult } from '../../shared/output';

const crop = (name: string, displayName: string, value: number): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 4 },
	default: value,
	description: 'Crop box corner as a fraction of the image (0 to 1)',
});

export const { description, execute } = accountOperation('miniProgramProfile', 'setAvatar', {
	account: 'miniProgram',
	fields: (show) => [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the image (JPG/PNG, square works best)',
			displayOptions: show,
		},
		{
			displayName: 'Crop',
			name: 'avatarCrop',
			type: 'collection',
			placeholder: 'Add Crop Corner',
			default: {},
			description: 'The part of the image to use; the whole image by default',
			displayOptions: show,
			options: [
				crop('x1', 'Left (X1)', 0),
				crop('x2', 'Right (X2)', 1),
				crop('y1', 'Top (Y1)', 0),
				crop('y2', 'Bottom (Y2)', 1),
			],
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const property = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const file = await binaryFilePart(context, itemIndex, property, { fallbackBaseName: 'avatar' });
		// modifyheadimage takes a temporary image media id (/cgi-bin/media/upload, type=image):
		// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/basic-info-management/setHeadImage.html
		const uploaded = await platform.authorizerRequest<{ media_id?: string }>(appId, {
			method: 'POST',
			path: '/cgi-bin/media/upload',
			query: { type: 'image' },
			body: multipartBody({ files: [file] }),
		});
		if (!uploaded.media_id) throw unexpectedAnswerError('media_id');
		const box = context.getNodeParameter('avatarCrop', itemIndex, {}) as IDataObject;
		const response = await platform.authorizerRequest(appId, {
			method: 'POST',
			path: '/cgi-bin/account/modifyheadimage',
			body: {
				head_img_media_id: uploaded.media_id,
				x1: Number(box.x1 ?? 0),
				y1: Number(box.y1 ?? 0),
				x2: Number(box.x2 ?? 1),
				y2: Number(box.y2 ?? 1),
			},
		});
		return okResult(response, { authorizerAppId: appId, head_img_media_id: uploaded.media_id });
	},
});
