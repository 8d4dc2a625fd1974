import { multipartBody } from '../../../../core/api/multipart';
import { binaryFilePart } from '../../shared/binaryFile';
import { accountOperation } from '../../shared/operation';

/**
 * /wxa/uploadmedia: a screenshot (PNG/JPEG/JPG/GIF, up to 2 MB) or a screen recording (MP4, up to
 * 10 MB) for the reviewers; Submit for Audit sends the returned mediaid in preview_info. The id is
 * valid for three days:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/uploadMediaToCodeAudit.html
 */
export const { description, execute } = accountOperation('miniProgramCode', 'uploadAuditMedia', {
	fields: (show) => [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the screenshot or screen recording',
			description:
				'WeChat takes the type from the file name: .png, .jpeg, .jpg, .gif (up to 2 MB) or .mp4 (up to 10 MB)',
			displayOptions: show,
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const propertyName = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const file = await binaryFilePart(context, itemIndex, propertyName, {
			fallbackBaseName: 'audit',
		});
		const response = await platform.authorizerRequest<{ type?: string; mediaid?: string }>(appId, {
			method: 'POST',
			path: '/wxa/uploadmedia',
			body: multipartBody({ files: [file] }),
		});
		return [
			{
				json: {
					authorizerAppId: appId,
					mediaid: response.mediaid ?? '',
					type: response.type ?? '',
					fileName: file.fileName,
					fileSize: file.data.length,
				},
			},
		];
	},
});
