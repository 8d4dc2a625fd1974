import { componentOperation } from '../../shared/operation';
import { RESULT_NOTE } from './fields';
import { requiredText } from '../../shared/required';

/**
 * Fast registration of an enterprise mini program (快速注册企业小程序):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/register-management/fast-registration-ent/registerMiniprogram.html
 * WeChat sends the legal person a message to confirm (face verification) within 24 hours.
 */
export const { description, execute } = componentOperation('miniProgramRegistration', 'register', {
	method: 'POST',
	path: '/cgi-bin/component/fastregisterweapp',
	query: { action: 'create' },
	fields: (show) => [
		{
			displayName:
				"WeChat asks the legal person to confirm in WeChat within 24 hours. The result (notify_third_fasteregister) arrives at the trigger's authorization URL; on success the trigger stores the new mini program.",
			name: 'registerNotice',
			type: 'notice',
			default: '',
			displayOptions: show,
		},
		{
			displayName: 'Enterprise Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			description:
				"As registered with the business authority (for a sole proprietor without a name: 个体户 + the legal person's name)",
			displayOptions: show,
		},
		{
			displayName: 'Enterprise Code Type',
			name: 'codeType',
			type: 'options',
			default: '1',
			options: [
				{ name: 'Unified Social Credit Code (18 Characters)', value: '1' },
				{ name: 'Organization Code (9 Digits, Xxxxxxxx-X)', value: '2' },
				{ name: 'Business Licence Number (15 Digits)', value: '3' },
			],
			displayOptions: show,
		},
		{
			displayName: 'Enterprise Code',
			name: 'code',
			type: 'string',
			default: '',
			required: true,
			displayOptions: show,
		},
		{
			displayName: 'Legal Person Name',
			name: 'legalPersonaName',
			type: 'string',
			default: '',
			required: true,
			displayOptions: show,
		},
		{
			displayName: 'Legal Person WeChat ID',
			name: 'legalPersonaWechat',
			type: 'string',
			default: '',
			required: true,
			description: "The legal person's WeChat ID (微信号), who confirms the registration",
			displayOptions: show,
		},
		{
			displayName: 'Platform Contact Phone',
			name: 'componentPhone',
			type: 'string',
			default: '',
			description: "Your platform's contact phone number, shown to the legal person",
			displayOptions: show,
		},
	],
	read(context, itemIndex) {
		const body = {
			name: requiredText(context, itemIndex, 'name', 'Enterprise Name'),
			code: requiredText(context, itemIndex, 'code', 'Enterprise Code'),
			code_type: Number(requiredText(context, itemIndex, 'codeType', 'Enterprise Code Type')),
			legal_persona_wechat: requiredText(
				context,
				itemIndex,
				'legalPersonaWechat',
				'Legal Person WeChat ID',
			),
			legal_persona_name: requiredText(context, itemIndex, 'legalPersonaName', 'Legal Person Name'),
			component_phone: String(context.getNodeParameter('componentPhone', itemIndex, '')).trim(),
		};
		return {
			body,
			echo: {
				registrationType: 'enterprise',
				name: body.name,
				legalPersonaWechat: body.legal_persona_wechat,
				legalPersonaName: body.legal_persona_name,
				note: RESULT_NOTE,
			},
		};
	},
});
