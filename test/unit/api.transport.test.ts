import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { WeChatApiError, WeChatNetworkError } from '../../core/api/errors';
import { hintFor } from '../../core/api/hints';
import { redactEndpoint } from '../../core/api/redact';
import { WeChatTransport } from '../../core/api/transport';

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
let hits: Array<{ method: string; url: string; body: Buffer; contentType?: string }>;

beforeAll(async () => {
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		// Counted on arrival, not when the body ends: a client that times out first (the timeout
		// test, on a loaded machine) may abort before the body is through, and it still sent a request.
		const hit = {
			method: req.method ?? '',
			url: req.url ?? '',
			body: Buffer.alloc(0),
			contentType: req.headers['content-type'],
		};
		hits.push(hit);
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			hit.body = Buffer.concat(chunks);
			handler(req, hit.body, res);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
	hits = [];
});

const json = (res: ServerResponse, value: unknown, type = 'application/json; charset=utf-8') => {
	res.writeHead(200, { 'content-type': type });
	res.end(JSON.stringify(value));
};

const transport = (o: Partial<ConstructorParameters<typeof WeChatTransport>[0]> = {}) =>
	new WeChatTransport({ baseUrl, retryBaseDelayMs: 2, ...o });

async function failure(p: Promise<unknown>): Promise<Error> {
	return p.then(
		() => {
			throw new Error('expected a failure');
		},
		(e: unknown) => e as Error,
	);
}

test('JSON answer with errcode 0 or none is returned as is; query and body are sent', async () => {
	handler = (_req, _body, res) => json(res, { errcode: 0, errmsg: 'ok', value: '中文' });
	const out = await transport().request({
		method: 'POST',
		path: '/cgi-bin/x',
		query: { access_token: 'TOKEN', a: 1 },
		body: { k: 'v' },
	});
	expect(out).toEqual({ errcode: 0, errmsg: 'ok', value: '中文' });
	expect(hits[0].url).toBe('/cgi-bin/x?access_token=TOKEN&a=1');
	expect(JSON.parse(hits[0].body.toString())).toEqual({ k: 'v' });
});

test('errcode != 0 → WeChatApiError with hint and a redacted endpoint; no secret anywhere', async () => {
	handler = (_req, _body, res) =>
		json(res, { errcode: 61004, errmsg: 'access clientip is not registered, requestIP: 1.2.3.4' });
	const error = await failure(
		transport().request({
			method: 'POST',
			path: '/cgi-bin/component/api_create_preauthcode',
			query: { component_access_token: 'dummy_COMPONENT_TOKEN_123' },
			body: { component_appsecret: 'dummy_APPSECRET_456' },
		}),
	);
	expect(error).toBeInstanceOf(WeChatApiError);
	const e = error as WeChatApiError;
	expect(e.errcode).toBe(61004);
	expect(e.message).toBe(
		'WeChat API error 61004: access clientip is not registered, requestIP: 1.2.3.4',
	);
	expect(e.hint).toMatch(/egress IP to the platform's IP whitelist/);
	expect(e.endpoint).toBe('/cgi-bin/component/api_create_preauthcode?component_access_token=***');
	const everything = JSON.stringify({ ...e, message: e.message, stack: e.stack });
	expect(everything).not.toContain('dummy_COMPONENT_TOKEN_123');
	expect(everything).not.toContain('dummy_APPSECRET_456');
	// fails fast: one request only
	expect(hits).toHaveLength(1);
});

test('a secret echoed in errmsg is scrubbed', async () => {
	handler = (_req, _body, res) =>
		json(res, { errcode: 40001, errmsg: 'invalid credential TOKENVALUE99 rid: 1' });
	const e = (await failure(
		transport().request({
			method: 'GET',
			path: '/cgi-bin/y',
			query: { access_token: 'TOKENVALUE99' },
		}),
	)) as WeChatApiError;
	expect(e.errmsg).toBe('invalid credential *** rid: 1');
});

test('-1 twice then success → succeeds after 3 requests', async () => {
	let n = 0;
	handler = (_req, _body, res) =>
		++n <= 2 ? json(res, { errcode: -1, errmsg: 'system error' }) : json(res, { ok: true });
	await expect(transport().request({ method: 'POST', path: '/busy', body: {} })).resolves.toEqual({
		ok: true,
	});
	expect(hits).toHaveLength(3);
});

test('-1 three times → the -1 error after exactly 3 requests', async () => {
	handler = (_req, _body, res) => json(res, { errcode: -1, errmsg: 'system error' });
	const e = (await failure(
		transport().request({ method: 'POST', path: '/busy', body: {} }),
	)) as WeChatApiError;
	expect(e.errcode).toBe(-1);
	expect(hits).toHaveLength(3);
});

test('other errcodes are not retried', async () => {
	for (const code of [45009, 45015, 48001, 40001]) {
		hits = [];
		handler = (_req, _body, res) => json(res, { errcode: code, errmsg: 'x' });
		const e = (await failure(transport().request({ method: 'GET', path: '/x' }))) as WeChatApiError;
		expect(e.errcode).toBe(code);
		expect(hits).toHaveLength(1);
	}
});

test('a timeout on GET is retried (bounded); on POST it fails at once; the error carries no secret', async () => {
	handler = () => undefined; // never answers
	const t = transport({ timeoutMs: 50 });
	const get = await failure(
		t.request({ method: 'GET', path: '/slow', query: { access_token: 'dummy_TOKEN_IN_URL_1' } }),
	);
	expect(get).toBeInstanceOf(WeChatNetworkError);
	expect((get as WeChatNetworkError).code).toBe('TIMEOUT');
	expect(hits.filter((h) => h.method === 'GET')).toHaveLength(3);
	expect(JSON.stringify({ ...get, message: get.message })).not.toContain('dummy_TOKEN_IN_URL_1');
	hits = [];
	const post = await failure(
		t.request({ method: 'POST', path: '/slow', body: { secret: 'BODY_SECRET_1' } }),
	);
	expect(post).toBeInstanceOf(WeChatNetworkError);
	expect(hits).toHaveLength(1);
	expect(JSON.stringify({ ...post, message: post.message, stack: post.stack })).not.toContain(
		'BODY_SECRET_1',
	);
});

test('connection refused → our own error (no axios config), redacted', async () => {
	const t = new WeChatTransport({ baseUrl: 'http://127.0.0.1:1', retryBaseDelayMs: 1 });
	const e = await failure(
		t.request({ method: 'GET', path: '/cgi-bin/z', query: { access_token: 'REFUSED_TOKEN_1' } }),
	);
	expect(e).toBeInstanceOf(WeChatNetworkError);
	expect(e.message).toBe('WeChat request failed (ECONNREFUSED) for /cgi-bin/z?access_token=***');
	expect(Object.keys(e)).not.toContain('config');
	expect(JSON.stringify({ ...e, stack: e.stack })).not.toContain('REFUSED_TOKEN_1');
});

test('HTTP error status and a non-JSON body are reported clearly', async () => {
	handler = (_req, _body, res) => {
		res.writeHead(502);
		res.end('bad gateway');
	};
	const e = (await failure(
		transport().request({ method: 'POST', path: '/p', body: {} }),
	)) as WeChatNetworkError;
	expect(e.status).toBe(502);
	expect(e.message).toContain('HTTP 502');
	handler = (_req, _body, res) => {
		res.writeHead(200, { 'content-type': 'text/html' });
		res.end('<html>');
	};
	await expect(transport().request({ method: 'POST', path: '/p', body: {} })).rejects.toThrow(
		/not JSON/,
	);
});

test('binary download returns the bytes, content type and file name', async () => {
	const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01, 0x7b]);
	handler = (_req, _body, res) => {
		res.writeHead(200, {
			'content-type': 'image/jpeg',
			'content-disposition': 'attachment; filename="pic.jpg"',
		});
		res.end(bytes);
	};
	const out = await transport().request({
		method: 'GET',
		path: '/cgi-bin/media/get',
		responseType: 'arraybuffer',
	});
	expect(Buffer.compare(out.data, bytes)).toBe(0);
	expect(out.contentType).toBe('image/jpeg');
	expect(out.fileName).toBe('pic.jpg');
});

test('binary download answered with a JSON errcode throws it; JSON without errcode is returned', async () => {
	handler = (_req, _body, res) =>
		json(res, { errcode: 40007, errmsg: 'invalid media_id' }, 'text/plain');
	const e = (await failure(
		transport().request({ method: 'GET', path: '/cgi-bin/media/get', responseType: 'arraybuffer' }),
	)) as WeChatApiError;
	expect(e.errcode).toBe(40007);
	handler = (_req, _body, res) => json(res, { video_url: 'http://v' });
	const out = await transport().request({
		method: 'GET',
		path: '/cgi-bin/media/get',
		responseType: 'arraybuffer',
	});
	expect(JSON.parse(out.data.toString())).toEqual({ video_url: 'http://v' });
});

test('multipart upload with FormData + Blob', async () => {
	handler = (_req, body, res) => json(res, { type: 'image', media_id: 'M1', size: body.length });
	const form = new FormData();
	form.append('media', new Blob([Buffer.from('IMAGEBYTES')], { type: 'image/png' }), 'a.png');
	const out = await transport().request<{ media_id: string }>({
		method: 'POST',
		path: '/cgi-bin/media/upload',
		query: { type: 'image' },
		body: form,
	});
	expect(out.media_id).toBe('M1');
	expect(hits[0].contentType).toMatch(/^multipart\/form-data; boundary=/);
	const sent = hits[0].body.toString('latin1');
	expect(sent).toContain('name="media"; filename="a.png"');
	expect(sent).toContain('IMAGEBYTES');
});

describe('errors and redaction', () => {
	test('hints cover the codes operators meet', () => {
		expect(hintFor(61005)).toMatch(/component_verify_ticket.*every 10 minutes.*Start Ticket Push/);
		expect(hintFor(61006)).toBe(hintFor(61005));
		expect(hintFor(61023)).toMatch(/authorize again/);
		expect(hintFor(45015)).toMatch(/48-hour/);
		expect(hintFor(45047)).toMatch(/too many/);
		expect(hintFor(48001)).toMatch(/permission set/);
		expect(hintFor(61007)).toMatch(/permission set/);
		for (const code of [-1, 40001, 40003, 40013, 40014, 40125, 42001, 45009, 45011, 61003, 61004]) {
			expect(hintFor(code)).toEqual(expect.any(String));
		}
		expect(hintFor(12345)).toBeUndefined();
	});

	test('redactEndpoint hides every secret-bearing parameter, inline or separate', () => {
		expect(
			redactEndpoint('/sns/oauth2/component/access_token?appid=wx1&code=C0DE', {
				component_access_token: 'T',
				grant_type: 'authorization_code',
				refresh_token: 'R',
				secret: 'S',
				appsecret: 'A',
				component_verify_ticket: 'V',
				authorizer_refresh_token: 'AR',
			}),
		).toBe(
			'/sns/oauth2/component/access_token?appid=wx1&code=***&component_access_token=***&grant_type=authorization_code&refresh_token=***&secret=***&appsecret=***&component_verify_ticket=***&authorizer_refresh_token=***',
		);
	});
});
