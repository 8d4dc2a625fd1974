import { privacyVersionField } from '../../shared/miniProgram';
import { onBehalfOperation } from '../../shared/operation';

// The account's own token, although the path is under /component/:
// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/privacy-management/getPrivacySetting.html
export const { description, execute } = onBehalfOperation('miniProgramPrivacy', 'getSettings', {
	method: 'POST',
	path: '/cgi-bin/component/getprivacysetting',
	account: 'miniProgram',
	output: 'answer',
	fields: (show) => [privacyVersionField(show)],
	read: (context, itemIndex) => ({
		body: { privacy_ver: Number(context.getNodeParameter('privacyVersion', itemIndex, 2)) },
	}),
});
