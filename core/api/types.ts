import type { Query } from './redact';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface ApiRequest {
	method: HttpMethod;
	/** Path under the API base URL, e.g. `/cgi-bin/user/info`. */
	path: string;
	query?: Query;
	/** A JSON-able value, or a `FormData` for multipart uploads. */
	body?: unknown;
	responseType?: 'json' | 'arraybuffer';
	timeoutMs?: number;
}

export interface BinaryResponse {
	data: Buffer;
	contentType?: string;
	fileName?: string;
}

export interface Logger {
	debug?(message: string, meta?: Record<string, unknown>): void;
	info?(message: string, meta?: Record<string, unknown>): void;
	warn?(message: string, meta?: Record<string, unknown>): void;
	error?(message: string, meta?: Record<string, unknown>): void;
}

/** WeChat's `{ errcode, errmsg }`, with the success values when an answer leaves them out. */
export interface WeChatAnswer {
	errcode: number;
	errmsg: string;
}

export const answerOf = (response: { errcode?: number; errmsg?: string }): WeChatAnswer => ({
	errcode: response.errcode ?? 0,
	errmsg: response.errmsg ?? 'ok',
});
