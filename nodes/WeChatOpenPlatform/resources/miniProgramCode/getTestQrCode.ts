import { fileItem } from '../../shared/fileItem';
import { accountOperation } from '../../shared/operation';
import { RESOURCE } from './resource';

/**
 * /wxa/get_qrcode: the QR code of the test version as an image; WeChat answers errors (e.g. 86001,
 * nothing committed) as JSON on the same URL, which the core turns into the usual typed error:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getTrialQRCode.html
 */
export const { description, execute } = accountOperation(RESOURCE, 'getTestQrCode', {
	fields: (show) => [
		{
			displayName: 'Page Path',
			name: 'pagePath',
			type: 'string',
			default: '',
			placeholder: 'pages/index/index?shop=42',
			description: 'The page the QR code opens, with its query; empty: the home page',
			displayOptions: show,
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the image in',
			displayOptions: show,
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const pagePath = String(context.getNodeParameter('pagePath', itemIndex, '')).trim();
		const propertyName = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const file = await platform.authorizerDownload(appId, {
			method: 'GET',
			path: '/wxa/get_qrcode',
			query: pagePath ? { path: pagePath } : undefined,
		});
		const extension = /jpe?g/i.test(file.contentType ?? '') ? 'jpg' : 'png';
		return [
			await fileItem(
				context,
				{ ...file, fileName: file.fileName ?? `test-qrcode-${appId}.${extension}` },
				propertyName,
				{ authorizerAppId: appId, pagePath },
			),
		];
	},
});
