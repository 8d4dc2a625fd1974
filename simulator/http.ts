import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body the simulator reads (WeChat's video upload limit is 10 MB). */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface UploadedFile {
	filename: string;
	contentType: string;
	bytes: Buffer;
}

export interface SimRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	/** Parsed JSON, a multipart summary, the text, or undefined when empty. */
	body: unknown;
	/** True when a non-empty, non-multipart body was not JSON. */
	badJson: boolean;
	form?: { fields: Record<string, string>; files: Record<string, UploadedFile> };
}

export type SimResponse =
	| { json: unknown; status?: number }
	| { status: number; headers: Record<string, string>; body: Buffer | string };

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buf = chunk as Buffer;
		size += buf.length;
		if (size > limit) throw new BodyTooLargeError(`body larger than ${limit} bytes`);
		chunks.push(buf);
	}
	return Buffer.concat(chunks);
}

/** Multipart via undici's Request (global in Node 20), so no hand-written parser. */
async function parseMultipart(
	contentType: string,
	raw: Buffer,
): Promise<{ fields: Record<string, string>; files: Record<string, UploadedFile> }> {
	const form = await new Request('http://simulator.local/', {
		method: 'POST',
		headers: { 'content-type': contentType },
		body: raw,
	}).formData();
	const fields: Record<string, string> = {};
	const files: Record<string, UploadedFile> = {};
	for (const [name, value] of form.entries()) {
		if (typeof value === 'string') fields[name] = value;
		else {
			files[name] = {
				filename: value.name || name,
				contentType: value.type || 'application/octet-stream',
				bytes: Buffer.from(await value.arrayBuffer()),
			};
		}
	}
	return { fields, files };
}

export async function parseRequest(req: IncomingMessage, raw: Buffer): Promise<SimRequest> {
	const url = new URL(req.url ?? '/', 'http://simulator.local');
	const query: Record<string, string> = {};
	for (const [k, v] of url.searchParams) query[k] = v;
	const contentType = req.headers['content-type'] ?? '';
	const out: SimRequest = {
		method: req.method ?? 'GET',
		path: url.pathname,
		query,
		headers: req.headers,
		rawBody: raw,
		body: undefined,
		badJson: false,
	};
	if (raw.length === 0) return out;
	if (/^multipart\/form-data/i.test(contentType)) {
		try {
			out.form = await parseMultipart(contentType, raw);
			out.body = {
				fields: out.form.fields,
				files: Object.fromEntries(
					Object.entries(out.form.files).map(([k, f]) => [
						k,
						{ filename: f.filename, contentType: f.contentType, size: f.bytes.length },
					]),
				),
			};
		} catch {
			out.badJson = true;
			out.body = '<unparsable multipart>';
		}
		return out;
	}
	const text = raw.toString('utf8');
	try {
		out.body = JSON.parse(text);
	} catch {
		out.body = text;
		out.badJson = true;
	}
	return out;
}

export function send(res: ServerResponse, r: SimResponse): void {
	if ('json' in r) {
		const text = JSON.stringify(r.json);
		res.writeHead(r.status ?? 200, {
			'content-type': 'application/json; encoding=utf-8',
			'content-length': Buffer.byteLength(text),
		});
		res.end(text);
		return;
	}
	const body = typeof r.body === 'string' ? Buffer.from(r.body) : r.body;
	res.writeHead(r.status, { ...r.headers, 'content-length': body.length });
	res.end(body);
}

/** The JSON body as an object (never null/array), for handlers that read fields. */
export function jsonObject(req: SimRequest): Record<string, unknown> {
	const b = req.body;
	return b && typeof b === 'object' && !Array.isArray(b) && !req.form
		? (b as Record<string, unknown>)
		: {};
}

export function str(v: unknown): string | undefined {
	if (typeof v === 'string') return v;
	if (typeof v === 'number' && Number.isFinite(v)) return String(v);
	return undefined;
}
