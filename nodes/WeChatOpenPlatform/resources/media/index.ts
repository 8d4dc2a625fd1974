import type { INodeProperties } from 'n8n-workflow';

import * as download from './download';
import * as upload from './upload';

export { download, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				description: 'Download a media file into binary data',
				action: 'Download media',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload binary data and get a media_id for replies and messages',
				action: 'Upload media',
			},
		],
		default: 'upload',
	},
	...upload.description,
	...download.description,
];
