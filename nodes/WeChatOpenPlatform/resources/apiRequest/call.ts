import type { IDataObject } from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import type { BinaryResponse } from '../../../../core/api/types';
import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';
import { showFor } from '../../shared/display';
import { fileItem } from '../../shared/fileItem';
import { defineOperation } from '../../shared/operation';
import { readBody, readPath, readQuery } from './request';

export const { description, execute } = defineOperation('apiRequest', 'call', {
	fields: (show) => [
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
			displayOptions: showFor('apiRequest', 'call', {
				method: ['POST'],
				bodyContentType: ['json'],
			}),
		},
		{
			displayName: 'Files',
			name: 'files',
			type: 'fixedCollection',
			placeholder: 'Add File',
			typeOptions: { multipleValues: true },
			default: { file: [{ field: 'media', binaryPropertyName: 'data' }] },
			description:
				"Each file is a part of the form; WeChat's upload APIs read the part named media",
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
	],
	async run(context, itemIndex, { platform }) {
		const tokenType = context.getNodeParameter('tokenType', itemIndex) as string;
		const method = context.getNodeParameter('method', itemIndex) as 'GET' | 'POST';
		const path = readPath(context, itemIndex);
		const query = readQuery(context, itemIndex);
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const file = options.responseFormat === 'file';
		const request = {
			method,
			path,
			query,
			body: method === 'POST' ? await readBody(context, itemIndex) : undefined,
			...(file ? { responseType: 'arraybuffer' as const } : {}),
		};
		let response: unknown;
		if (tokenType === 'component') {
			const tokenParam =
				options.tokenParam === 'access_token' ? 'access_token' : 'component_access_token';
			response = await platform.componentRequest({ ...request, tokenParam });
		} else {
			response = await platform.authorizerRequest(getAuthorizerAppId(context, itemIndex), request);
		}
		if (file) {
			const propertyName =
				typeof options.binaryPropertyName === 'string' && options.binaryPropertyName
					? options.binaryPropertyName
					: 'data';
			return [await fileItem(context, response as BinaryResponse, propertyName)];
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
	},
});
