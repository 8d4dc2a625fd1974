import { componentOperation } from '../../shared/operation';
import { RESULT_NOTE } from './fields';
import { requiredText } from '../../shared/required';

/**
 * Fast registration of a personal mini program (快速注册个人小程序):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/register-management/fast-registration-ind/fastRegisterPersonalMp.html
 * The answer's authorize_url is sent to the user, who confirms in WeChat.
 */
export const { description, execute } = componentOperation(
	'miniProgramRegistration',
	'registerPersonal',
	{
		method: 'POST',
		path: '/wxa/component/fastregisterpersonalweapp',
		query: { action: 'create' },
		fields: (show) => [
			{
				displayName:
					"Send the returned authorize_url to the person: they confirm in WeChat within 24 hours. The result (notify_third_fasteregister) arrives at the trigger's authorization URL.",
				name: 'registerPersonalNotice',
				type: 'notice',
				default: '',
				displayOptions: show,
			},
			{
				displayName: 'Person Name',
				name: 'idName',
				type: 'string',
				default: '',
				required: true,
				description: "The person's real name (idname)",
				displayOptions: show,
			},
			{
				displayName: 'WeChat ID',
				name: 'wxUser',
				type: 'string',
				default: '',
				required: true,
				description: "The person's WeChat ID (微信号, wxuser)",
				displayOptions: show,
			},
			{
				displayName: 'Platform Contact Phone',
				name: 'componentPhone',
				type: 'string',
				default: '',
				description: "Your platform's contact phone number, shown to the person",
				displayOptions: show,
			},
		],
		read: (context, itemIndex) => ({
			body: {
				idname: requiredText(context, itemIndex, 'idName', 'Person Name'),
				wxuser: requiredText(context, itemIndex, 'wxUser', 'WeChat ID'),
				component_phone: String(context.getNodeParameter('componentPhone', itemIndex, '')).trim(),
			},
			echo: { registrationType: 'personal', note: RESULT_NOTE },
		}),
	},
);
