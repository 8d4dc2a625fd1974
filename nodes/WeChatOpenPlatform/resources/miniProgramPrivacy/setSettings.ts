import type { IDataObject } from 'n8n-workflow';

import { privacyVersionField } from '../../shared/miniProgram';
import { onBehalfOperation } from '../../shared/operation';
import { requiredText } from '../../shared/required';

// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/privacy-management/setPrivacySetting.html
export const { description, execute } = onBehalfOperation('miniProgramPrivacy', 'setSettings', {
	method: 'POST',
	path: '/cgi-bin/component/setprivacysetting',
	account: 'miniProgram',
	fields: (show) => [
		privacyVersionField(show),
		{
			displayName: 'Notice Method',
			name: 'noticeMethod',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. pop-up window',
			description: 'How users are told about changes to the privacy policy (notice_method)',
			displayOptions: show,
		},
		{
			displayName: 'Data Uses',
			name: 'settings',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Data Use',
			default: {},
			description: 'For each kind of user data the mini program collects, what it is used for',
			displayOptions: show,
			options: [
				{
					displayName: 'Data Use',
					name: 'setting',
					values: [
						{
							displayName: 'Privacy Key',
							name: 'privacyKey',
							type: 'string',
							default: '',
							placeholder: 'e.g. Location',
							description:
								"WeChat's name of the data (privacy_list of Get Settings: UserInfo, Location, PhoneNumber, …)",
						},
						{
							displayName: 'Purpose',
							name: 'privacyText',
							type: 'string',
							default: '',
							description: 'What the data is used for, as users will read it',
						},
					],
				},
			],
		},
		{
			displayName: 'Owner Contact',
			name: 'ownerContact',
			type: 'collection',
			placeholder: 'Add Contact',
			default: {},
			description: 'At least one way for users to reach the developer',
			displayOptions: show,
			options: [
				{
					displayName: 'Email',
					name: 'contact_email',
					type: 'string',
					placeholder: 'name@email.com',
					default: '',
				},
				{ displayName: 'Phone', name: 'contact_phone', type: 'string', default: '' },
				{
					displayName: 'Privacy File Media ID',
					name: 'ext_file_media_id',
					type: 'string',
					default: '',
					description: 'The ext_file_media_id of Upload Privacy File, for a supplementary policy',
				},
				{ displayName: 'QQ', name: 'contact_qq', type: 'string', default: '' },
				{
					displayName: 'Store Expiry (Unix Time)',
					name: 'store_expire_timestamp',
					type: 'string',
					default: '',
					description: 'Until when user data is kept; empty = until the user deletes it',
				},
				{ displayName: 'WeChat ID', name: 'contact_weixin', type: 'string', default: '' },
			],
		},
	],
	read(context, itemIndex) {
		const contact = context.getNodeParameter('ownerContact', itemIndex, {}) as IDataObject;
		const ownerSetting: IDataObject = {
			notice_method: requiredText(
				context,
				itemIndex,
				'noticeMethod',
				'Notice Method',
				'Say how users are told, e.g. "pop-up window"',
			),
		};
		for (const [key, value] of Object.entries(contact)) {
			const text = String(value ?? '').trim();
			if (text) ownerSetting[key] = text;
		}
		const raw = context.getNodeParameter('settings', itemIndex, {}) as {
			setting?: Array<{ privacyKey?: string; privacyText?: string }>;
		};
		const settingList = (raw.setting ?? [])
			.map((s) => ({
				privacy_key: String(s.privacyKey ?? '').trim(),
				privacy_text: String(s.privacyText ?? '').trim(),
			}))
			.filter((s) => s.privacy_key);
		return {
			body: {
				privacy_ver: Number(context.getNodeParameter('privacyVersion', itemIndex, 2)),
				owner_setting: ownerSetting,
				setting_list: settingList,
			},
		};
	},
});
