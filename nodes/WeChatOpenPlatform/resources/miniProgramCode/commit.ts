import { NodeOperationError } from 'n8n-workflow';

import { onBehalfOperation } from '../../shared/operation';
import { RESOURCE } from './resource';
import { nonEmpty } from '../../shared/required';

const EXAMPLE = JSON.stringify({ extEnable: true, extAppid: '', ext: {} }, null, 2);

/**
 * /wxa/commit: the code template becomes the mini program's test version. WeChat reads `ext_json` as a
 * JSON *string* and parses it again (an object is 47001 "data format error", a string that is not a
 * JSON object 85048 "parse ext_json fail"), so an object given here is sent serialized:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/commit.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'commit', {
	method: 'POST',
	path: '/wxa/commit',
	fields: (show) => [
		{
			displayName: 'Template ID',
			name: 'templateId',
			type: 'number',
			default: 0,
			required: true,
			description: 'The code template to commit (Code Template → Get Many Templates gives the IDs)',
			displayOptions: show,
		},
		{
			displayName: 'Ext JSON',
			name: 'extJson',
			type: 'json',
			default: EXAMPLE,
			description:
				"This mini program's ext config as a JSON object (or its text): extAppid is the mini program's AppID (left empty, the chosen account's AppID is filled in), ext holds its own settings; also extPages, window, tabBar and so on. Sent as the string WeChat expects.",
			displayOptions: show,
		},
		{
			displayName: 'User Version',
			name: 'userVersion',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1.0.0',
			description: 'The version number merchants see, at most 64 characters',
			displayOptions: show,
		},
		{
			displayName: 'User Description',
			name: 'userDesc',
			type: 'string',
			default: '',
			description: 'What changed in this version',
			displayOptions: show,
		},
	],
	read(context, itemIndex, appId) {
		const templateId = Number(context.getNodeParameter('templateId', itemIndex));
		const userVersion = String(context.getNodeParameter('userVersion', itemIndex, '')).trim();
		const userDesc = String(context.getNodeParameter('userDesc', itemIndex, ''));
		const extJson = extJsonString(context.getNodeParameter('extJson', itemIndex, '{}'), appId);
		if (extJson === undefined) {
			throw new NodeOperationError(context.getNode(), 'Ext JSON must be a JSON object', {
				itemIndex,
				description: 'For example {"extEnable": true, "extAppid": "wx…", "ext": {"shopId": 42}}',
			});
		}
		if (!Number.isSafeInteger(templateId) || templateId < 0) {
			throw new NodeOperationError(context.getNode(), 'Template ID must be a whole number', {
				itemIndex,
			});
		}
		nonEmpty(context, itemIndex, userVersion, 'User Version');
		return {
			body: {
				template_id: templateId,
				ext_json: extJson,
				user_version: userVersion,
				user_desc: userDesc,
			},
			echo: { templateId, userVersion },
		};
	},
});

/**
 * The ext_json string WeChat expects, from an object or the text of one; an empty `extAppid` becomes
 * the mini program's AppID (what every commit on behalf needs there).
 */
export function extJsonString(value: unknown, appId: string): string | undefined {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return '{}';
		try {
			parsed = JSON.parse(value);
		} catch {
			return undefined;
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
	const ext = parsed as Record<string, unknown>;
	if (ext.extAppid === '') return JSON.stringify({ ...ext, extAppid: appId });
	// A valid text is sent as given (the user's own formatting); an object serialized.
	return typeof value === 'string' ? value : JSON.stringify(ext);
}
