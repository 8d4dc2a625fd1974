import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { MultipartFile } from '../../../core/api/multipart';

/**
 * A file of the input item's binary property, ready for `multipartBody` (core/api/multipart.ts).
 * WeChat takes the file type from the file name's extension (40005 "invalid file type" without one),
 * so a name is made from `fallbackBaseName` and the binary's extension when the item has none.
 */
export async function binaryFilePart(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	o: { field?: string; fallbackBaseName?: string } = {},
): Promise<MultipartFile> {
	const binary = context.helpers.assertBinaryData(itemIndex, propertyName);
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	if (!data.length) {
		throw new NodeOperationError(context.getNode(), `The binary field "${propertyName}" is empty`, {
			itemIndex,
		});
	}
	const fileName =
		binary.fileName ||
		`${o.fallbackBaseName ?? propertyName}.${binary.fileExtension || extensionOf(binary.mimeType)}`;
	return { field: o.field ?? 'media', data, fileName, contentType: binary.mimeType };
}

function extensionOf(mimeType: string | undefined): string {
	const sub = /^[a-z]+\/([a-z0-9]+)/i.exec(mimeType ?? '')?.[1]?.toLowerCase();
	if (sub === 'jpeg') return 'jpg';
	return sub && sub !== 'octet' ? sub : 'bin';
}
