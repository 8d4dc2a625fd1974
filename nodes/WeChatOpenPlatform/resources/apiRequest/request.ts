import {
	NodeOperationError,
	jsonParse,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { multipartBody, type MultipartFile } from '../../../../core/api/multipart';
import { binaryFilePart } from '../../shared/binaryFile';

// The request of API Request → Call (path, query, JSON or form-data body), read from the item's
// parameters; call.ts holds the operation's fields and sends it.

/** The parameters that carry the token: the node adds them itself and refuses them as input. */
const TOKEN_PARAMS = new Set(['access_token', 'component_access_token']);

/** The path, only under the credential's API base URL. */
export function readPath(context: IExecuteFunctions, itemIndex: number): string {
	const path = String(context.getNodeParameter('path', itemIndex, '')).trim();
	// Only paths under the credential's base URL: a token must never travel to another host.
	if (!/^\/[A-Za-z0-9_\-./]*$/.test(path) || path.includes('..') || path.includes('//')) {
		throw new NodeOperationError(context.getNode(), `"${path.slice(0, 80)}" is not an API path`, {
			itemIndex,
			description:
				'Enter a path such as /cgi-bin/tags/get; put query parameters under Query Parameters',
		});
	}
	return path;
}

export function readQuery(context: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const query: Record<string, string> = {};
	for (const entry of context.getNodeParameter('query.parameter', itemIndex, []) as IDataObject[]) {
		const name = String(entry.name ?? '').trim();
		if (!name) continue;
		if (TOKEN_PARAMS.has(name)) {
			throw new NodeOperationError(
				context.getNode(),
				`Do not set "${name}": the node adds the token itself`,
				{
					itemIndex,
				},
			);
		}
		query[name] = String(entry.value ?? '');
	}
	return query;
}

export async function readBody(context: IExecuteFunctions, itemIndex: number): Promise<unknown> {
	if (context.getNodeParameter('bodyContentType', itemIndex, 'json') === 'multipart') {
		return await readMultipart(context, itemIndex);
	}
	const raw = context.getNodeParameter('jsonBody', itemIndex, '{}');
	if (typeof raw !== 'string') return raw;
	if (!raw.trim()) return undefined;
	return jsonParse(raw, { errorMessage: 'JSON Body is not valid JSON' });
}

async function readMultipart(context: IExecuteFunctions, itemIndex: number): Promise<FormData> {
	const fields: Record<string, string> = {};
	for (const entry of context.getNodeParameter(
		'formFields.field',
		itemIndex,
		[],
	) as IDataObject[]) {
		const name = String(entry.name ?? '').trim();
		if (name) fields[name] = String(entry.value ?? '');
	}
	const files: MultipartFile[] = [];
	for (const entry of context.getNodeParameter('files.file', itemIndex, []) as IDataObject[]) {
		const field = String(entry.field ?? '').trim() || 'media';
		const propertyName = String(entry.binaryPropertyName ?? '').trim() || 'data';
		files.push(await binaryFilePart(context, itemIndex, propertyName, { field }));
	}
	if (!files.length && !Object.keys(fields).length) {
		throw new NodeOperationError(context.getNode(), 'The form has no files and no fields', {
			itemIndex,
			description: 'Add a file (from an input binary field) or a form field, or send a JSON body',
		});
	}
	return multipartBody({ fields, files });
}
