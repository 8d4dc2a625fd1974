import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { withoutTokens } from '../../../core/api/redact';

export function toItems(json: IDataObject | IDataObject[]): INodeExecutionData[] {
	return (Array.isArray(json) ? json : [json]).map((entry) => ({ json: entry }));
}

/** WeChat's `{errcode: 0, errmsg: 'ok'}` for calls that return nothing else. */
export function okResult(response: unknown, extra: IDataObject = {}): INodeExecutionData[] {
	const body = (response ?? {}) as IDataObject;
	return toItems({ success: true, ...extra, ...withoutTokens(body) });
}
