import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/display';
import { okResult } from '../../shared/output';
import type { OperationContext } from '../../shared/types';
import { requiredText, RESULT_NOTE } from './fields';

const show = showFor('miniProgramRegistration', 'registerPersonal');

/**
 * Fast registration of a personal mini program (快速注册个人小程序):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/register-management/fast-registration-ind/fastRegisterPersonalMp.html
 * The answer's authorize_url is sent to the user, who confirms in WeChat.
 */
export const description: INodeProperties[] = [
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
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const body = {
		idname: requiredText(this, itemIndex, 'idName', 'Person Name'),
		wxuser: requiredText(this, itemIndex, 'wxUser', 'WeChat ID'),
		component_phone: String(this.getNodeParameter('componentPhone', itemIndex, '')).trim(),
	};
	const response = await platform.componentRequest({
		method: 'POST',
		path: '/wxa/component/fastregisterpersonalweapp',
		query: { action: 'create' },
		body,
	});
	return okResult(response, { registrationType: 'personal', note: RESULT_NOTE });
}
