import type { ResourceDefinition } from '../../shared/types';
import * as download from './download';
import * as upload from './upload';

export const media: ResourceDefinition = {
	operations: {
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
	fields: [...upload.description, ...download.description],
	execute: { download: download.execute, upload: upload.execute },
};
