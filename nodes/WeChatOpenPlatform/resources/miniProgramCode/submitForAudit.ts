import { NodeOperationError, jsonParse, type IDataObject } from 'n8n-workflow';

import { onBehalfOperation } from '../../shared/operation';
import { RESOURCE } from './resource';

/** WeChat takes at most 5 entries in item_list (85023). */
const MAX_ITEMS = 5;

/**
 * /wxa/submit_audit: the committed test version goes to WeChat's reviewers; the answer's `auditid`
 * identifies the audit, whose result WeChat pushes to the message URL (weapp_audit_success / _fail /
 * _delay, see the trigger):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/submitAudit.html
 */
export const { description, execute } = onBehalfOperation(RESOURCE, 'submitForAudit', {
	method: 'POST',
	path: '/wxa/submit_audit',
	fields: (show) => [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'Feedback Info',
					name: 'feedbackInfo',
					type: 'string',
					default: '',
					description: 'A note to the reviewers (at most 200 characters)',
				},
				{
					displayName: 'Feedback Media IDs',
					name: 'feedbackStuff',
					type: 'string',
					default: '',
					description:
						'Pictures for the reviewers: media IDs from Upload Audit Media, separated by |',
				},
				{
					displayName: 'Items (JSON)',
					name: 'itemList',
					type: 'json',
					default: '[]',
					description:
						'Up to 5 pages with their category and tags, e.g. [{"address": "pages/index/index", "tag": "shop", "first_class": "Food", "second_class": "Catering", "first_id": 220, "second_id": 225, "title": "Home"}]. Get Pages and Get Categories give the values.',
				},
				{
					displayName: 'Order Path',
					name: 'orderPath',
					type: 'string',
					default: '',
					description: 'The page where users see their orders, if the mini program sells',
				},
				{
					displayName: 'Preview Picture Media IDs',
					name: 'picIds',
					type: 'string',
					default: '',
					description:
						'Screenshots for the reviewers: media IDs from Upload Audit Media, comma-separated',
				},
				{
					displayName: 'Preview Video Media IDs',
					name: 'videoIds',
					type: 'string',
					default: '',
					description: 'Screen recordings: media IDs from Upload Audit Media, comma-separated',
				},
				{
					displayName: 'Privacy API Not Used',
					name: 'privacyApiNotUse',
					type: 'boolean',
					default: false,
					description:
						'Whether to declare that the privacy-related APIs WeChat detected in the code are not used',
				},
				{
					displayName: 'UGC Declaration (JSON)',
					name: 'ugcDeclare',
					type: 'json',
					default: '{}',
					description:
						'For user-generated content: {"scene": [1], "method": [1], "has_audit_team": 1, "audit_desc": "…"}',
				},
				{
					displayName: 'Version Description',
					name: 'versionDesc',
					type: 'string',
					default: '',
					description: 'What this version changes, for the reviewers',
				},
			],
		},
	],
	read(context, itemIndex) {
		const o = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const body: IDataObject = {};
		if (o.itemList !== undefined) {
			const items = jsonOption(o.itemList, 'Items (JSON)');
			if (!Array.isArray(items) || items.length > MAX_ITEMS) {
				throw new NodeOperationError(
					context.getNode(),
					`Items (JSON) must be a list of at most ${MAX_ITEMS} pages`,
					{
						itemIndex,
					},
				);
			}
			if (items.length) body.item_list = items as IDataObject[];
		}
		const pics = idList(o.picIds);
		const videos = idList(o.videoIds);
		if (pics.length || videos.length)
			body.preview_info = { pic_id_list: pics, video_id_list: videos };
		if (o.versionDesc) body.version_desc = String(o.versionDesc);
		if (o.feedbackInfo) body.feedback_info = String(o.feedbackInfo);
		if (o.feedbackStuff) body.feedback_stuff = String(o.feedbackStuff);
		if (o.orderPath) body.order_path = String(o.orderPath);
		if (o.privacyApiNotUse) body.privacy_api_not_use = true;
		if (o.ugcDeclare !== undefined) {
			const ugc = jsonOption(o.ugcDeclare, 'UGC Declaration (JSON)');
			if (ugc && typeof ugc === 'object' && Object.keys(ugc).length)
				body.ugc_declare = ugc as IDataObject;
		}
		return { body };
	},
});

function idList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

function jsonOption(value: unknown, name: string): unknown {
	return typeof value === 'string'
		? jsonParse(value, { errorMessage: `${name} is not valid JSON` })
		: value;
}
