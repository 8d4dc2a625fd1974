import { componentOperation } from '../../shared/operation';
import { requiredText } from '../../shared/required';

/**
 * A trial mini program (试用小程序), usable before the merchant has any documents:
 * https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/beta_Mini_Programs/fastregister.html
 * The component token goes as `access_token` on this endpoint.
 */
export const { description, execute } = componentOperation(
	'miniProgramRegistration',
	'registerTrial',
	{
		method: 'POST',
		path: '/wxa/component/fastregisterbetaweapp',
		tokenParam: 'access_token',
		fields: (show) => [
			{
				displayName:
					"Send the returned authorize_url to the user: once they confirm, WeChat creates the trial mini program, authorizes it to your platform and pushes notify_third_fastregisterbetaapp to the trigger's authorization URL",
				name: 'registerTrialNotice',
				type: 'notice',
				default: '',
				displayOptions: show,
			},
			{
				displayName: 'Mini Program Name',
				name: 'name',
				type: 'string',
				default: '',
				required: true,
				displayOptions: show,
			},
			{
				displayName: 'User OpenID',
				name: 'openId',
				type: 'string',
				default: '',
				required: true,
				description:
					"The OpenID (not the WeChat ID) of the user who becomes the trial mini program's administrator",
				displayOptions: show,
			},
		],
		read: (context, itemIndex) => ({
			body: {
				name: requiredText(context, itemIndex, 'name', 'Mini Program Name'),
				openid: requiredText(context, itemIndex, 'openId', 'User OpenID'),
			},
			echo: { registrationType: 'trial' },
		}),
	},
);
