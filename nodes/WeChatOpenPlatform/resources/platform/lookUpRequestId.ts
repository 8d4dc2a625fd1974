import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { redactEndpoint, scrub, secretValues } from '../../../../core/api/redact';
import { defineOperation } from '../../shared/operation';
import { scopedPost, scopeFields, scopeJson, scopeOf } from './scope';

/** The id WeChat appends to every errmsg: `… rid: 61725984-6126f6f9-040f19c4`. */
const RID_IN_TEXT = /rid:\s*([0-9A-Za-z-]+)/;

export const { description, execute } = defineOperation('platform', 'lookUpRequestId', {
	fields: (show) => [
		...scopeFields(show),
		{
			displayName: 'Request ID',
			name: 'rid',
			type: 'string',
			default: '',
			required: true,
			placeholder: '61725984-6126f6f9-040f19c4',
			description:
				'The rid at the end of a WeChat error message (the whole errmsg may be pasted). Look it up with the same token that made the call: for a call on behalf of an account, choose that account.',
			displayOptions: show,
		},
	],
	async run(context, itemIndex, { platform }) {
		const target = scopeOf(context, itemIndex);
		const text = String(context.getNodeParameter('rid', itemIndex, '')).trim();
		const rid = RID_IN_TEXT.exec(text)?.[1] ?? text;
		if (!/^[0-9A-Za-z-]{1,64}$/.test(rid)) {
			throw new NodeOperationError(context.getNode(), 'This is not a WeChat request ID', {
				itemIndex,
				description:
					'Paste the part after "rid:" of the error message, e.g. 61725984-6126f6f9-040f19c4',
			});
		}
		// WeChat: POST /cgi-bin/openapi/rid/get {rid} → {request:{invoke_time, cost_in_ms, request_url, request_body, response_body, client_ip}}
		const response = await scopedPost<{ request?: IDataObject }>(
			platform,
			target,
			'/cgi-bin/openapi/rid/get',
			{ rid },
		);
		const request = redactRequest(response.request ?? {});
		return [
			{
				json: {
					...scopeJson(target),
					rid,
					...request,
					...(typeof request.invoke_time === 'number'
						? { invokedAt: new Date(request.invoke_time * 1000).toISOString() }
						: {}),
				},
			},
		];
	},
});

/**
 * WeChat answers with the call as it was made, its access token in `request_url` and any secret
 * in `request_body` (an AppSecret, a refresh token): those are replaced by *** before the item is
 * stored with the execution.
 */
function redactRequest(request: IDataObject): IDataObject {
	const url = typeof request.request_url === 'string' ? request.request_url : undefined;
	const bodyText = typeof request.request_body === 'string' ? request.request_body : undefined;
	let body: unknown;
	try {
		body = bodyText ? JSON.parse(bodyText) : undefined;
	} catch {
		body = undefined;
	}
	const path = url === undefined ? '' : url.includes('?') ? url : `?${url}`;
	const secrets = secretValues(path, undefined, body);
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(request)) {
		out[name] = typeof value === 'string' ? scrub(value, secrets) : value;
	}
	if (url !== undefined) {
		const redacted = redactEndpoint(path);
		out.request_url = url.includes('?') ? redacted : redacted.replace(/^\?/, '');
	}
	return out;
}
