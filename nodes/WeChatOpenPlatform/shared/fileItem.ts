import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { BinaryResponse } from '../../../core/api/types';

/** A file WeChat sent back as one item: the file in `propertyName`, its name, type and size in `json`. */
export async function fileItem(
	context: IExecuteFunctions,
	file: BinaryResponse,
	propertyName: string,
	json: IDataObject = {},
): Promise<INodeExecutionData> {
	const binary = await context.helpers.prepareBinaryData(
		file.data,
		file.fileName,
		file.contentType,
	);
	return {
		json: {
			...json,
			fileName: binary.fileName,
			mimeType: binary.mimeType,
			fileSize: file.data.length,
		},
		binary: { [propertyName]: binary },
	};
}
