import { unexpectedAnswerError } from '../../../../core/api/errors';
import { multipartBody } from '../../../../core/api/multipart';
import { binaryFilePart } from '../../shared/binaryFile';
import { accountOperation } from '../../shared/operation';

export const { description, execute } = accountOperation('miniProgramPrivacy', 'uploadFile', {
	account: 'miniProgram',
	fields: (show) => [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the supplementary policy (.txt, up to 100 KB)',
			displayOptions: show,
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const property = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
		// The part is named "file":
		// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/privacy-management/uploadPrivacySettingFile.html
		const file = await binaryFilePart(context, itemIndex, property, {
			field: 'file',
			fallbackBaseName: 'privacy',
		});
		const answer = await platform.authorizerRequest<{ ext_file_media_id?: string }>(appId, {
			method: 'POST',
			path: '/cgi-bin/component/uploadprivacyextfile',
			body: multipartBody({ files: [file] }),
		});
		if (!answer.ext_file_media_id) throw unexpectedAnswerError('ext_file_media_id');
		return [{ json: { authorizerAppId: appId, ext_file_media_id: answer.ext_file_media_id } }];
	},
});
