/**
 * The one way the package builds a multipart/form-data body. WeChat's upload APIs read the file from
 * a named part ("media" for /cgi-bin/media/upload, /cgi-bin/material/add_material, /wxa/uploadmedia:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/uploadMediaToCodeAudit.html)
 * and check the file name's extension and the part's content type, so both are always sent.
 * Node 20's global `FormData`/`Blob` are used; axios (core/api/transport.ts) streams them as multipart
 * and rebuilds the stream on a retry.
 */
import { WeChatPlatformError } from './errors';

export interface MultipartFile {
	/** Name of the form part, e.g. `media`. */
	field: string;
	data: Uint8Array;
	/** Sent as the part's filename; WeChat derives the file type from its extension. */
	fileName: string;
	contentType?: string;
}

export interface MultipartParts {
	/** Plain text parts, e.g. `description` of a permanent video. */
	fields?: Record<string, string>;
	files: readonly MultipartFile[];
}

/** A `FormData` to pass as `ApiRequest.body`: text fields first, then the files, in the given order. */
export function multipartBody(parts: MultipartParts): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(parts.fields ?? {})) {
		if (!name) throw multipartError('a form field has no name');
		form.append(name, value);
	}
	for (const file of parts.files) {
		if (!file.field) throw multipartError('a file part has no field name');
		if (!file.data.length) throw multipartError(`the file for "${file.field}" is empty`);
		const blob = new Blob([file.data], { type: file.contentType || 'application/octet-stream' });
		form.append(file.field, blob, file.fileName || file.field);
	}
	return form;
}

function multipartError(reason: string): WeChatPlatformError {
	return new WeChatPlatformError(
		'MULTIPART_INVALID',
		`Cannot build the upload: ${reason}`,
		'give every form field and file a name, and upload a file that is not empty',
	);
}
