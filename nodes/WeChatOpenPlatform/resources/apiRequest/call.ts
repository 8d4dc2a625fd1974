import {
	NodeOperationError,
	jsonParse,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { multipartBody, type MultipartFile } from '../../../../core/api/multipart';
import { withoutTokens } from '../../../../core/api/redact';
import type { BinaryResponse } from '../../../../core/api/types';
import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { binaryFilePart } from '../../shared/binaryFile';
import { showFor } from '../../shared/display';
import { fileItem } from '../../shared/fileItem';
import type { OperationContext } from '../../shared/types';

const show = showFor('apiRequest', 'call');
const TOKEN_PARAMS = new Set(['access_token', 'component_access_token']);

export const description: INodeProperties[] = [
	{
		displayName: 'Token',
		name: 'tokenType',
		type: 'options',
		default: 'authorizer',
		displayOptions: show,
		options: [
			{
				name: 'Authorized Account',
				value: 'authorizer',
				description: 'Calls on behalf of an account (?access_token=authorizer_access_token)',
			},
			{
				name: 'Platform (Component)',
				value: 'component',
				description: 'Calls a platform API (?component_access_token=…)',
			},
		],
	},
	authorizerField(showFor('apiRequest', 'call', { tokenType: ['authorizer'] })),
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'POST',
		displayOptions: show,
		options: [
			{ name: 'GET', value: 'GET' },
			{ name: 'POST', value: 'POST' },
		],
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/cgi-bin/tags/get',
		description:
			'The API path under the API base URL of the credential; the token is added for you',
		displayOptions: show,
	},
	{
		displayName: 'Query Parameters',
		name: 'query',
		type: 'fixedCollection',
		placeholder: 'Add Parameter',
		typeOptions: { multipleValues: true },
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Body Content Type',
		name: 'bodyContentType',
		type: 'options',
		default: 'json',
		displayOptions: showFor('apiRequest', 'call', { method: ['POST'] }),
		options: [
			{ name: 'JSON', value: 'json' },
			{
				name: 'Form-Data (File Upload)',
				value: 'multipart',
				description:
					'Multipart form with files from the input binary data, e.g. /wxa/uploadmedia or /cgi-bin/media/upload',
			},
		],
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		description: 'Sent as the request body',
		displayOptions: showFor('apiRequest', 'call', { method: ['POST'], bodyContentType: ['json'] }),
	},
	{
		displayName: 'Files',
		name: 'files',
		type: 'fixedCollection',
		placeholder: 'Add File',
		typeOptions: { multipleValues: true },
		default: { file: [{ field: 'media', binaryPropertyName: 'data' }] },
		description: "Each file is a part of the form; WeChat's upload APIs read the part named media",
		displayOptions: showFor('apiRequest', 'call', {
			method: ['POST'],
			bodyContentType: ['multipart'],
		}),
		options: [
			{
				displayName: 'File',
				name: 'file',
				values: [
					{
						displayName: 'Form Field Name',
						name: 'field',
						type: 'string',
						default: 'media',
					},
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						hint: 'The name of the input binary field containing the file to upload',
					},
				],
			},
		],
	},
	{
		displayName: 'Form Fields',
		name: 'formFields',
		type: 'fixedCollection',
		placeholder: 'Add Form Field',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Text parts of the form, e.g. description for a permanent video',
		displayOptions: showFor('apiRequest', 'call', {
			method: ['POST'],
			bodyContentType: ['multipart'],
		}),
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Response Format',
				name: 'responseFormat',
				type: 'options',
				default: 'json',
				options: [
					{ name: 'JSON', value: 'json' },
					{
						name: 'File',
						value: 'file',
						description: 'Binary data, e.g. a media download or a QR code image',
					},
				],
			},
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'For Response Format File: the output binary field',
			},
			{
				displayName: 'Token Parameter Name',
				name: 'tokenParam',
				type: 'options',
				default: 'component_access_token',
				description: 'For platform APIs: newer WeChat pages name the parameter access_token',
				options: [
					{ name: 'Component_access_token', value: 'component_access_token' },
					{ name: 'Access_token', value: 'access_token' },
				],
			},
		],
	},
];

function readPath(context: IExecuteFunctions, itemIndex: number): string {
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

function readQuery(context: IExecuteFunctions, itemIndex: number): Record<string, string> {
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

async function readBody(context: IExecuteFunctions, itemIndex: number): Promise<unknown> {
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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<INodeExecutionData[]> {
	const tokenType = this.getNodeParameter('tokenType', itemIndex) as string;
	const method = this.getNodeParameter('method', itemIndex) as 'GET' | 'POST';
	const path = readPath(this, itemIndex);
	const query = readQuery(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const file = options.responseFormat === 'file';
	const request = {
		method,
		path,
		query,
		body: method === 'POST' ? await readBody(this, itemIndex) : undefined,
		...(file ? { responseType: 'arraybuffer' as const } : {}),
	};
	let response: unknown;
	if (tokenType === 'component') {
		const tokenParam =
			options.tokenParam === 'access_token' ? 'access_token' : 'component_access_token';
		response = await platform.componentRequest({ ...request, tokenParam });
	} else {
		response = await platform.authorizerRequest(getAuthorizerAppId(this, itemIndex), request);
	}
	if (file) {
		const propertyName =
			typeof options.binaryPropertyName === 'string' && options.binaryPropertyName
				? options.binaryPropertyName
				: 'data';
		return [await fileItem(this, response as BinaryResponse, propertyName)];
	}
	const json = withoutTokens(response);
	return [
		{
			json:
				json && typeof json === 'object' && !Array.isArray(json)
					? (json as IDataObject)
					: { data: json as IDataObject[] },
		},
	];
}
