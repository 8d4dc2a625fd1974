import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Keys WeChat uses for tokens. Responses are cleaned of them before they become items. */
const TOKEN_KEY = /(^|_)(access_token|refresh_token)$|^session_key$/i;

/**
 * A deep copy of a WeChat response without any token: items are stored with every execution, and
 * only the Token operations may put a token there (because the user asked for exactly that).
 */
export function withoutTokens<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => withoutTokens(entry) as unknown) as T;
	if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		if (TOKEN_KEY.test(key)) continue;
		out[key] = withoutTokens(entry);
	}
	return out as T;
}

export function toItems(json: IDataObject | IDataObject[]): INodeExecutionData[] {
	return (Array.isArray(json) ? json : [json]).map((entry) => ({ json: entry }));
}

/** WeChat's `{errcode: 0, errmsg: 'ok'}` for calls that return nothing else. */
export function okResult(response: unknown, extra: IDataObject = {}): INodeExecutionData[] {
	const body = (response ?? {}) as IDataObject;
	return toItems({ success: true, ...extra, ...withoutTokens(body) });
}
