import type { IDataObject } from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { fileItem } from '../../shared/fileItem';
import { accountOperation } from '../../shared/operation';
import { requiredText } from '../../shared/required';

export const { description, execute } = accountOperation('media', 'download', {
	fields: (show) => [
		{
			displayName: 'Media ID',
			name: 'mediaId',
			type: 'string',
			default: '={{ $json.MediaId }}',
			required: true,
			description: 'The media_id, e.g. the MediaId of an image or voice message a user sent',
			displayOptions: show,
		},
		{
			displayName: 'Storage',
			name: 'storage',
			type: 'options',
			default: 'temporary',
			displayOptions: show,
			options: [
				{
					name: 'Temporary',
					value: 'temporary',
					description: 'Media from messages and Media → Upload (temporary)',
				},
				{ name: 'Permanent Material', value: 'permanent' },
			],
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
			displayOptions: show,
		},
	],
	async run(context, itemIndex, { platform, appId }) {
		const mediaId = requiredText(context, itemIndex, 'mediaId', 'Media ID');
		const storage = context.getNodeParameter('storage', itemIndex) as string;
		const propertyName = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const file = await platform.authorizerDownload(
			appId,
			storage === 'permanent'
				? { method: 'POST', path: '/cgi-bin/material/get_material', body: { media_id: mediaId } }
				: { method: 'GET', path: '/cgi-bin/media/get', query: { media_id: mediaId } },
		);
		const json: IDataObject = { mediaId, storage };
		// Videos and articles come back as JSON (a download URL or the article) instead of a file.
		const parsed =
			file.contentType && /json|text\/plain/i.test(file.contentType)
				? asJson(file.data)
				: undefined;
		if (parsed) return [{ json: { ...json, ...withoutTokens(parsed) } }];
		return [await fileItem(context, file, propertyName, json)];
	},
});

function asJson(data: Buffer): IDataObject | undefined {
	try {
		const value = JSON.parse(data.toString('utf8')) as unknown;
		return value && typeof value === 'object' && !Array.isArray(value)
			? (value as IDataObject)
			: undefined;
	} catch {
		// Not JSON after all: a text file is still a file.
		return undefined;
	}
}
