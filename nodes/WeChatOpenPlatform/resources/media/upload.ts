import type { IDataObject } from 'n8n-workflow';

import { multipartBody } from '../../../../core/api/multipart';
import { withoutTokens } from '../../../../core/api/redact';
import { binaryFilePart } from '../../shared/binaryFile';
import { showFor } from '../../shared/display';
import { accountOperation } from '../../shared/operation';
import { toItems } from '../../shared/output';
import { requiredText } from '../../shared/required';

export const { description, execute } = accountOperation('media', 'upload', {
	fields: (show) => [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file to upload',
			displayOptions: show,
		},
		{
			displayName: 'Media Type',
			name: 'mediaType',
			type: 'options',
			default: 'image',
			displayOptions: show,
			options: [
				{ name: 'Image', value: 'image', description: 'BMP/PNG/JPEG/JPG/GIF, up to 10 MB' },
				{ name: 'Voice', value: 'voice', description: 'AMR/MP3, up to 2 MB, 60 seconds' },
				{ name: 'Video', value: 'video', description: 'MP4, up to 10 MB' },
				{ name: 'Thumb', value: 'thumb', description: 'JPG thumbnail, up to 64 KB' },
			],
		},
		{
			displayName: 'Storage',
			name: 'storage',
			type: 'options',
			default: 'temporary',
			displayOptions: show,
			options: [
				{
					name: 'Temporary (3 Days)',
					value: 'temporary',
					description: 'For replies and customer-service messages',
				},
				{
					name: 'Permanent Material',
					value: 'permanent',
					description: "Kept in the account's material library (counts against its quota)",
				},
			],
		},
		{
			displayName: 'Video Title',
			name: 'videoTitle',
			type: 'string',
			default: '',
			required: true,
			displayOptions: showFor('media', 'upload', { storage: ['permanent'], mediaType: ['video'] }),
		},
		{
			displayName: 'Video Introduction',
			name: 'videoIntroduction',
			type: 'string',
			default: '',
			displayOptions: showFor('media', 'upload', { storage: ['permanent'], mediaType: ['video'] }),
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const propertyName = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const mediaType = context.getNodeParameter('mediaType', itemIndex) as string;
		const storage = context.getNodeParameter('storage', itemIndex) as string;
		// WeChat reads the file from the multipart field "media" and checks its name's extension.
		const file = await binaryFilePart(context, itemIndex, propertyName, {
			fallbackBaseName: mediaType,
		});
		const fields: Record<string, string> = {};
		let path = '/cgi-bin/media/upload';
		if (storage === 'permanent') {
			path = '/cgi-bin/material/add_material';
			if (mediaType === 'video') {
				const title = requiredText(context, itemIndex, 'videoTitle', 'Video Title');
				const introduction = String(context.getNodeParameter('videoIntroduction', itemIndex, ''));
				fields.description = JSON.stringify({ title, introduction });
			}
		}
		const response = await platform.authorizerRequest<IDataObject>(appId, {
			method: 'POST',
			path,
			query: { type: mediaType },
			body: multipartBody({ fields, files: [file] }),
		});
		return toItems({
			...withoutTokens(response),
			storage,
			fileName: file.fileName,
			fileSize: file.data.length,
		});
	},
});
