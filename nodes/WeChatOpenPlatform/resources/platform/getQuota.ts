import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defineOperation } from '../../shared/operation';
import { scopedPost, scopeFields, scopeJson, scopeOf } from './scope';

export const { description, execute } = defineOperation('platform', 'getQuota', {
	fields: (show) => [
		...scopeFields(show),
		{
			displayName: 'API Path',
			name: 'cgiPath',
			type: 'string',
			default: '',
			required: true,
			placeholder: '/cgi-bin/message/custom/send',
			description: "The API whose daily quota to read, as a path starting with '/cgi-bin/'",
			displayOptions: show,
		},
	],
	async run(context, itemIndex, { platform }) {
		const target = scopeOf(context, itemIndex);
		const cgiPath = String(context.getNodeParameter('cgiPath', itemIndex, '')).trim();
		if (!cgiPath.startsWith('/')) {
			throw new NodeOperationError(context.getNode(), 'The API path must start with "/"', {
				itemIndex,
				description: 'e.g. /cgi-bin/message/custom/send (no host, no query string)',
			});
		}
		// WeChat: POST /cgi-bin/openapi/quota/get {cgi_path} → {quota:{daily_limit,used,remain}, rate_limit?, component_rate_limit?}
		const response = await scopedPost<IDataObject>(platform, target, '/cgi-bin/openapi/quota/get', {
			cgi_path: cgiPath,
		});
		const { errcode: _errcode, errmsg: _errmsg, ...rest } = response;
		void _errcode;
		void _errmsg;
		return [
			{
				json: {
					...scopeJson(target),
					cgiPath,
					...rest,
				},
			},
		];
	},
});
