/** n8n's side of one webhook request: the express request and response a node sees. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { IDataObject } from 'n8n-workflow';

/** The parts of n8n's express request that nodes read. */
export interface FakeRequest extends Omit<IncomingMessage, 'rawBody'> {
	method: string;
	url: string;
	path: string;
	headers: IncomingMessage['headers'];
	query: Record<string, string | string[]>;
	params: Record<string, string>;
	/** Absent where n8n does not read the body (typeVersion > 1 and a type it does not parse). */
	rawBody: Buffer | undefined;
	/** n8n parses XML bodies too (lower-cased tag names); a node must not rely on it. */
	body: IDataObject;
}

/** Gives a node's ServerResponse the express methods n8n's response object has. */
export type ExpressLikeResponse = ServerResponse & {
	status(code: number): ExpressLikeResponse;
	send(body?: unknown): ExpressLikeResponse;
	json(body: unknown): ExpressLikeResponse;
};

export function expressLike(res: ServerResponse): ExpressLikeResponse {
	const r = res as ServerResponse & Record<string, unknown>;
	r.status = (code: number) => {
		res.statusCode = code;
		return r;
	};
	r.json = (body: unknown) => {
		if (!res.getHeader('Content-Type'))
			res.setHeader('Content-Type', 'application/json; charset=utf-8');
		return (r.send as (b: unknown) => ServerResponse)(JSON.stringify(body));
	};
	r.send = (body?: unknown) => {
		if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) {
			return (r.json as (b: unknown) => ServerResponse)(body);
		}
		const chunk = body === undefined ? '' : body;
		if (typeof chunk === 'string' && !res.getHeader('Content-Type')) {
			res.setHeader('Content-Type', 'text/html; charset=utf-8');
		}
		res.setHeader('Content-Length', Buffer.byteLength(chunk as string | Buffer));
		res.end(chunk);
		return r;
	};
	return r as never;
}
