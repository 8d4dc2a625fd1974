import type { IDataObject } from 'n8n-workflow';

import { onBehalfOperation } from '../../shared/operation';
import { requiredText } from '../../shared/required';

// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/basic-info-management/setNickName.html
// An audit_id in the answer means the name is under audit: Get Nickname Audit Status follows it.
export const { description, execute } = onBehalfOperation('miniProgramProfile', 'setNickname', {
	method: 'POST',
	path: '/wxa/setnickname',
	account: 'miniProgram',
	fields: (show) => [
		{
			displayName: 'Nickname',
			name: 'nickname',
			type: 'string',
			default: '',
			required: true,
			description: 'The new name of the mini program',
			displayOptions: show,
		},
		{
			displayName: 'Options',
			name: 'nicknameOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'ID Card Media ID',
					name: 'idCard',
					type: 'string',
					default: '',
					description: "Media ID of the owner's ID card photo (personal mini programs)",
				},
				{
					displayName: 'License Media ID',
					name: 'license',
					type: 'string',
					default: '',
					description:
						'Media ID of the business licence photo (organizations); the name then goes to audit',
				},
				{
					displayName: 'Other Material Media IDs',
					name: 'namingOtherStuff',
					type: 'string',
					default: '',
					description:
						'Up to 5 media IDs of other supporting documents (trademark etc.), comma-separated',
				},
			],
		},
	],
	read(context, itemIndex) {
		const nickname = requiredText(context, itemIndex, 'nickname', 'Nickname', 'Enter the new name');
		const options = context.getNodeParameter('nicknameOptions', itemIndex, {}) as IDataObject;
		const body: IDataObject = { nick_name: nickname };
		if (options.idCard) body.id_card = String(options.idCard).trim();
		if (options.license) body.license = String(options.license).trim();
		String(options.namingOtherStuff ?? '')
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean)
			.slice(0, 5)
			.forEach((id, i) => (body[`naming_other_stuff_${i + 1}`] = id));
		return { body };
	},
});
