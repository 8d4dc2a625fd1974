import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ContentType } from '../../../core/content';

/**
 * The fields of a message content (core/content.ts), shared by Reply → Send (passive reply) and
 * Message → Send (customer-service message): the same fields, so that a passive reply can fall
 * back to the customer-service API without the user describing the message twice. Read them with
 * readContent.
 */
const TYPE_OPTIONS: Record<ContentType, INodePropertyOptions> = {
	text: { name: 'Text', value: 'text' },
	image: { name: 'Image', value: 'image', description: 'An image uploaded with Media → Upload' },
	voice: {
		name: 'Voice',
		value: 'voice',
		description: 'A voice message uploaded with Media → Upload',
	},
	video: { name: 'Video', value: 'video', description: 'A video uploaded with Media → Upload' },
	music: { name: 'Music', value: 'music' },
	news: { name: 'News (Link Cards)', value: 'news', description: 'Article cards that open a URL' },
	mpnews: {
		name: 'Account Article (Mpnews)',
		value: 'mpnews',
		description: 'An article saved in the account as permanent material',
	},
	msgmenu: {
		name: 'Menu (Choice Buttons)',
		value: 'msgmenu',
		description: 'A text with buttons the user taps to answer',
	},
	miniprogrampage: { name: 'Mini Program Card', value: 'miniprogrampage' },
	transfer_customer_service: {
		name: 'Transfer to Customer Service',
		value: 'transfer_customer_service',
		description: "Hand the conversation to the account's human customer-service agents",
	},
	success: {
		name: 'Nothing (Success)',
		value: 'success',
		description: 'Answer "success": the user sees nothing and WeChat does not retry',
	},
};

/** The fields for the given types, shown only for the given resource, operation and type field. */
export function contentFields(
	resource: string,
	operation: string,
	typeField: string,
	types: ContentType[],
	defaultType: ContentType,
): INodeProperties[] {
	const show = (...only: ContentType[]) => ({
		show: {
			resource: [resource],
			operation: [operation],
			[typeField]: only.filter((type) => types.includes(type)),
		},
	});
	const has = (type: ContentType) => types.includes(type);
	const fields: INodeProperties[] = [
		{
			displayName: 'Message Type',
			name: typeField,
			type: 'options',
			default: defaultType,
			options: types.map((type) => TYPE_OPTIONS[type]),
			displayOptions: { show: { resource: [resource], operation: [operation] } },
		},
		{
			displayName: 'Text',
			name: 'content',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			description: 'The text to send. Links can be written as <a href="https://…">title</a>.',
			displayOptions: show('text'),
		},
		{
			displayName: 'Media ID',
			name: 'mediaId',
			type: 'string',
			default: '',
			required: true,
			description: 'The media_id from Media → Upload (permanent material for Account Article)',
			displayOptions: show('image', 'voice', 'video', 'mpnews'),
		},
		{
			displayName: 'Thumbnail Media ID',
			name: 'thumbMediaId',
			type: 'string',
			default: '',
			required: true,
			description: 'The media_id of a thumbnail uploaded with Media → Upload (type Thumb or Image)',
			displayOptions: show('music', 'miniprogrampage'),
		},
	];
	if (has('miniprogrampage')) {
		fields.push(
			{
				displayName: 'Card Title',
				name: 'miniProgramTitle',
				type: 'string',
				default: '',
				required: true,
				displayOptions: show('miniprogrampage'),
			},
			{
				displayName: 'Mini Program AppID',
				name: 'miniProgramAppId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'wx1234567890abcdef',
				description: 'The Mini Program must be linked to the Official Account',
				displayOptions: show('miniprogrampage'),
			},
			{
				displayName: 'Page Path',
				name: 'miniProgramPagePath',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'pages/index/index?sku=1',
				displayOptions: show('miniprogrampage'),
			},
		);
	}
	if (has('news')) {
		fields.push({
			displayName: 'Articles',
			name: 'articles',
			type: 'fixedCollection',
			placeholder: 'Add Article',
			typeOptions: { multipleValues: true },
			default: {},
			required: true,
			description:
				"1 to 8 articles. WeChat shows only one when answering a user's message, and a customer-service news message carries one.",
			displayOptions: show('news'),
			options: [
				{
					displayName: 'Article',
					name: 'article',
					values: [
						{ displayName: 'Title', name: 'title', type: 'string', default: '' },
						{ displayName: 'Description', name: 'description', type: 'string', default: '' },
						{
							displayName: 'Picture URL',
							name: 'picUrl',
							type: 'string',
							default: '',
							description: 'JPG or PNG; 360×200 for a large picture, 200×200 for a small one',
						},
						{
							displayName: 'URL',
							name: 'url',
							type: 'string',
							default: '',
							description: 'Opened when the card is tapped',
						},
					],
				},
			],
		});
	}
	if (has('msgmenu')) {
		fields.push(
			{
				displayName: 'Text Above the Choices',
				name: 'headContent',
				type: 'string',
				default: '',
				displayOptions: show('msgmenu'),
			},
			{
				displayName: 'Choices',
				name: 'menuItems',
				type: 'fixedCollection',
				placeholder: 'Add Choice',
				typeOptions: { multipleValues: true },
				default: {},
				required: true,
				description:
					'When the user taps a choice, WeChat sends a text message with bizmsgmenuid = its ID',
				displayOptions: show('msgmenu'),
				options: [
					{
						displayName: 'Choice',
						name: 'item',
						values: [
							{ displayName: 'ID', name: 'id', type: 'string', default: '' },
							{ displayName: 'Text', name: 'content', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Text Below the Choices',
				name: 'tailContent',
				type: 'string',
				default: '',
				displayOptions: show('msgmenu'),
			},
		);
	}
	const details: INodeProperties[] = [];
	if (has('video') || has('music')) {
		details.push(
			{ displayName: 'Title', name: 'title', type: 'string', default: '' },
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		);
	}
	if (has('video')) {
		details.push({
			displayName: 'Video Thumbnail Media ID',
			name: 'thumbMediaId',
			type: 'string',
			default: '',
			description:
				'Thumbnail shown before the video plays in a customer-service message (a passive reply has none)',
		});
	}
	if (has('music')) {
		details.push(
			{ displayName: 'Music URL', name: 'musicUrl', type: 'string', default: '' },
			{
				displayName: 'High-Quality Music URL',
				name: 'hqMusicUrl',
				type: 'string',
				default: '',
				description: 'Played on Wi-Fi instead of the Music URL',
			},
		);
	}
	if (details.length) {
		fields.push({
			displayName: 'Media Details',
			name: 'mediaDetails',
			type: 'collection',
			placeholder: 'Add Detail',
			default: {},
			displayOptions: show('video', 'music'),
			options: details,
		});
	}
	if (has('transfer_customer_service')) {
		fields.push({
			displayName: 'Customer-Service Account',
			name: 'kfAccount',
			type: 'string',
			default: '',
			placeholder: 'agent1@gh_1234567890ab',
			description: 'Transfer to this agent only; leave empty to let WeChat pick any agent on duty',
			displayOptions: show('transfer_customer_service'),
		});
	}
	return fields;
}
