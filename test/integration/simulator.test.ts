import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { WeChatCrypto } from '../../core/crypto';
import { buildEncryptedReply, buildReplyXml } from '../../core/reply';
import { parseEnvelope, parseMessage } from '../../core/xml';
import { DEFAULT_OPENID, startSimulator, type Simulator } from '../../simulator';
import { randomComponentConfig } from '../../simulator/keys';
import { plainSignature } from '../../simulator/push';

const component = randomComponentConfig();
const OA = { appId: 'wx0a1b2c3d4e5f6a7b', userName: 'gh_0123456789ab', nickName: 'Demo Coffee' };
const TEA = { appId: 'wx1111222233334444', userName: 'gh_aaaabbbbcccc', nickName: 'Tea' };
const HOUR = 3600_000;

const http = axios.create({ validateStatus: () => true });

let sim: Simulator;

async function post(path: string, body: unknown, query: Record<string, string> = {}) {
	const res = await http.post(`${sim.url}${path}`, body, { params: query });
	return res.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function componentToken(): Promise<string> {
	const ticket = sim.issueTicket();
	const r = await post('/cgi-bin/component/api_component_token', {
		component_appid: component.appId,
		component_appsecret: component.appSecret,
		component_verify_ticket: ticket,
	});
	expect(typeof r.component_access_token).toBe('string');
	return r.component_access_token as string;
}

/** Authorizes OA and returns its tokens through api_query_auth, as a platform would. */
async function authorize(ct: string) {
	const code = sim.createAuthorizationCode(OA.appId);
	const r = await post(
		'/cgi-bin/component/api_query_auth',
		{ component_appid: component.appId, authorization_code: code },
		{ component_access_token: ct },
	);
	return r.authorization_info as {
		authorizer_access_token: string;
		authorizer_refresh_token: string;
	};
}

/** A tiny platform endpoint: verifies, decrypts, answers with an encrypted text reply. */
async function startPlatform(crypto: WeChatCrypto) {
	const seen: Array<{
		query: URLSearchParams;
		fields: Record<string, unknown>;
		contentType?: string;
	}> = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const query = new URL(req.url ?? '/', 'http://x').searchParams;
			const env = parseEnvelope(Buffer.concat(chunks));
			const ts = query.get('timestamp') ?? '';
			const nonce = query.get('nonce') ?? '';
			const okSig =
				crypto.verifySignature(query.get('msg_signature') ?? '', ts, nonce, env.encrypt) &&
				query.get('signature') === plainSignature(component.token, ts, nonce);
			if (!okSig) {
				res.writeHead(403).end('bad signature');
				return;
			}
			const fields = parseMessage(crypto.decrypt(env.encrypt)) as Record<string, unknown>;
			seen.push({ query, fields, contentType: req.headers['content-type'] });
			if (fields.MsgType !== 'text') {
				res.end('success');
				return;
			}
			const xml = buildReplyXml(
				{ type: 'text', content: `echo: ${String(fields.Content)}` },
				{ toUserName: String(fields.FromUserName), fromUserName: String(fields.ToUserName) },
			);
			res.writeHead(200, { 'content-type': 'application/xml' });
			res.end(buildEncryptedReply(crypto, xml, { timestamp: ts, nonce }));
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
	return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

beforeEach(async () => {
	sim = await startSimulator({ component });
	sim.addAuthorizer(OA);
});
afterEach(async () => {
	await sim.close();
});

describe('component token', () => {
	it('is issued for a valid ticket and refused with the right errcode otherwise', async () => {
		const base = { component_appid: component.appId, component_appsecret: component.appSecret };
		const ticket = sim.issueTicket();
		const ok = await post('/cgi-bin/component/api_component_token', {
			...base,
			component_verify_ticket: ticket,
		});
		expect(ok.expires_in).toBe(7200);
		expect(ok.component_access_token.length).toBeGreaterThan(20);

		const wrongSecret = await post('/cgi-bin/component/api_component_token', {
			...base,
			component_appsecret: 'nope',
			component_verify_ticket: ticket,
		});
		expect(wrongSecret.errcode).toBe(40125);
		const wrongApp = await post('/cgi-bin/component/api_component_token', {
			...base,
			component_appid: 'wx9999999999999999',
			component_verify_ticket: ticket,
		});
		expect(wrongApp.errcode).toBe(61011);
		const noTicket = await post('/cgi-bin/component/api_component_token', base);
		expect(noTicket.errcode).toBe(61006);
		expect(sim.count('/cgi-bin/component/api_component_token')).toBe(4);
	});

	it('expires by the simulated clock (token after 2 h → 42001, ticket after 12 h → 61005)', async () => {
		const ticket = sim.issueTicket();
		const ct = await componentToken();
		const body = { component_appid: component.appId };
		const fresh = await post('/cgi-bin/component/api_create_preauthcode', body, {
			component_access_token: ct,
		});
		expect(fresh.pre_auth_code).toMatch(/^preauthcode@@@/);

		sim.clock.advance(7200 * 1000);
		const expired = await post('/cgi-bin/component/api_create_preauthcode', body, {
			access_token: ct,
		});
		expect(expired.errcode).toBe(42001);

		sim.clock.advance(10 * HOUR);
		const old = await post('/cgi-bin/component/api_component_token', {
			component_appid: component.appId,
			component_appsecret: component.appSecret,
			component_verify_ticket: ticket,
		});
		expect(old.errcode).toBe(61005);
	});

	it('keeps older tokens valid, answers 40001 for a superseded one and 61014 for an authorizer token', async () => {
		const first = await componentToken();
		const second = await componentToken();
		expect(second).not.toBe(first);
		const body = { component_appid: component.appId };
		const q = (t: string) => ({ component_access_token: t });
		expect(
			(await post('/cgi-bin/component/api_create_preauthcode', body, q(first))).pre_auth_code,
		).toBeDefined();

		sim.invalidateToken(first);
		expect((await post('/cgi-bin/component/api_create_preauthcode', body, q(first))).errcode).toBe(
			40001,
		);
		expect(
			(await post('/cgi-bin/component/api_create_preauthcode', body, q(second))).pre_auth_code,
		).toBeDefined();
		expect(
			(await post('/cgi-bin/component/api_create_preauthcode', body, q('made-up'))).errcode,
		).toBe(40001);

		const { authorizer_access_token } = await authorize(second);
		expect(
			(await post('/cgi-bin/component/api_create_preauthcode', body, q(authorizer_access_token)))
				.errcode,
		).toBe(61014);
	});

	it('fails on demand with -1 (failNext) and with 61004 when the IP is not whitelisted', async () => {
		sim.failNext('/cgi-bin/component/api_component_token', -1, 2);
		const body = {
			component_appid: component.appId,
			component_appsecret: component.appSecret,
			component_verify_ticket: sim.issueTicket(),
		};
		expect((await post('/cgi-bin/component/api_component_token', body)).errcode).toBe(-1);
		expect((await post('/cgi-bin/component/api_component_token', body)).errcode).toBe(-1);
		const ct = (await post('/cgi-bin/component/api_component_token', body))
			.component_access_token as string;
		expect(typeof ct).toBe('string');

		sim.setIpWhitelisted(false);
		const denied = await post('/cgi-bin/component/api_component_token', body);
		expect(denied.errcode).toBe(61004);
		expect(denied.errmsg).toContain('access clientip is not registered');
		const startPush = await post('/cgi-bin/component/api_start_push_ticket', {
			component_appid: component.appId,
			component_secret: component.appSecret,
		});
		expect(startPush.errcode).toBe(61004);
		sim.setIpWhitelisted(true);
		expect(
			(await post('/cgi-bin/component/api_component_token', body)).component_access_token,
		).toBeDefined();
	});
});

describe('authorization', () => {
	it('accepts an authorization code once, refuses an expired one', async () => {
		const ct = await componentToken();
		const code = sim.createAuthorizationCode(OA.appId);
		const q = { component_access_token: ct };
		const body = { component_appid: component.appId, authorization_code: code };
		const first = await post('/cgi-bin/component/api_query_auth', body, q);
		expect(first.authorization_info.authorizer_appid).toBe(OA.appId);
		expect(first.authorization_info.expires_in).toBe(7200);
		expect(first.authorization_info.func_info.length).toBeGreaterThan(0);
		expect((await post('/cgi-bin/component/api_query_auth', body, q)).errcode).toBe(61009);

		const late = sim.createAuthorizationCode(OA.appId);
		sim.clock.advance(11 * 60_000);
		const expired = await post(
			'/cgi-bin/component/api_query_auth',
			{ ...body, authorization_code: late },
			q,
		);
		expect(expired.errcode).toBe(61010);
	});

	it('rotates the refresh token on demand; the old one then gets 61023', async () => {
		const ct = await componentToken();
		const { authorizer_refresh_token: original } = await authorize(ct);
		const q = { component_access_token: ct };
		const refresh = (rt: string) =>
			post(
				'/cgi-bin/component/api_authorizer_token',
				{
					component_appid: component.appId,
					authorizer_appid: OA.appId,
					authorizer_refresh_token: rt,
				},
				q,
			);
		const same = await refresh(original);
		expect(same.authorizer_refresh_token).toBe(original);

		sim.rotateRefreshTokenOnNextRefresh(OA.appId);
		const rotated = await refresh(original);
		expect(rotated.authorizer_refresh_token).not.toBe(original);
		expect(typeof rotated.authorizer_access_token).toBe('string');
		expect((await refresh(original)).errcode).toBe(61023);
		expect((await refresh(rotated.authorizer_refresh_token as string)).errcode).toBeUndefined();

		const list = await post(
			'/cgi-bin/component/api_get_authorizer_list',
			{ component_appid: component.appId, offset: 0, count: 500 },
			q,
		);
		expect(list.total_count).toBe(1);
		expect(list.list[0]).toMatchObject({
			authorizer_appid: OA.appId,
			refresh_token: rotated.authorizer_refresh_token,
		});
		const tooMany = await post(
			'/cgi-bin/component/api_get_authorizer_list',
			{ component_appid: component.appId, offset: 0, count: 501 },
			q,
		);
		expect(tooMany.errcode).toBe(40170);
	});
});

describe('on-behalf APIs', () => {
	it('records a customer-service message only inside the 48-hour window', async () => {
		const ct = await componentToken();
		const { authorizer_access_token: at } = await authorize(ct);
		const msg = { touser: DEFAULT_OPENID, msgtype: 'text', text: { content: 'hello' } };
		sim.addUser(OA.appId, DEFAULT_OPENID);
		expect((await post('/cgi-bin/message/custom/send', msg, { access_token: at })).errcode).toBe(
			45015,
		);

		sim.addUser(OA.appId, DEFAULT_OPENID, { interacted: true });
		const ok = await post('/cgi-bin/message/custom/send', msg, { access_token: at });
		expect(ok).toMatchObject({ errcode: 0, errmsg: 'ok' });
		expect(sim.sentMessages).toEqual([
			expect.objectContaining({ authorizerAppId: OA.appId, kind: 'custom', body: msg }),
		]);
		const badType = await post(
			'/cgi-bin/message/custom/send',
			{ ...msg, msgtype: 'hologram' },
			{ access_token: at },
		);
		expect(badType.errcode).toBe(40008);
		expect((await post('/cgi-bin/message/custom/send', msg, { access_token: ct })).errcode).toBe(
			40001,
		);

		sim.clock.advance(49 * HOUR);
		expect((await post('/cgi-bin/message/custom/send', msg, { access_token: at })).errcode).toBe(
			42001,
		);
		const { authorizer_access_token: fresh } = await authorize(await componentToken());
		expect((await post('/cgi-bin/message/custom/send', msg, { access_token: fresh })).errcode).toBe(
			45015,
		);
		expect(sim.sentMessages).toHaveLength(1);
	});

	it('round-trips uploaded media byte for byte', async () => {
		const ct = await componentToken();
		const { authorizer_access_token: at } = await authorize(ct);
		const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7 + 3) % 256));
		const form = new FormData();
		form.append('media', new Blob([bytes], { type: 'image/png' }), 'cup.png');
		const up = await http.post(`${sim.url}/cgi-bin/media/upload`, form, {
			params: { access_token: at, type: 'image' },
		});
		expect(up.data).toMatchObject({
			type: 'image',
			media_id: expect.any(String),
			created_at: expect.any(Number),
		});

		const down = await http.get(`${sim.url}/cgi-bin/media/get`, {
			params: { access_token: at, media_id: up.data.media_id },
			responseType: 'arraybuffer',
		});
		expect(down.headers['content-type']).toBe('image/png');
		expect(down.headers['content-disposition']).toContain('filename="cup.png"');
		expect(Buffer.compare(Buffer.from(down.data as ArrayBuffer), bytes)).toBe(0);

		const unknown = await http.get(`${sim.url}/cgi-bin/media/get`, {
			params: { access_token: at, media_id: 'nope' },
		});
		expect(unknown.data.errcode).toBe(40007);
		const noFile = await http.post(`${sim.url}/cgi-bin/media/upload`, new FormData(), {
			params: { access_token: at, type: 'image' },
		});
		expect(noFile.data.errcode).toBe(41005);
	});
});

describe('push side', () => {
	const crypto = new WeChatCrypto(component);

	it('pushes an encrypted user message and decrypts the passive reply', async () => {
		const platform = await startPlatform(crypto);
		try {
			const result = await sim.pushMessage(platform.url, OA.appId, {
				MsgType: 'text',
				Content: 'hi ]]> there',
			});
			expect(result.status).toBe(200);
			expect(result.reply?.signatureValid).toBe(true);
			expect(result.reply?.fields).toMatchObject({
				MsgType: 'text',
				Content: 'echo: hi ]]> there',
				ToUserName: DEFAULT_OPENID,
				FromUserName: OA.userName,
			});
			const [seen] = platform.seen;
			expect(seen.contentType).toBe('text/xml');
			expect(seen.query.get('encrypt_type')).toBe('aes');
			expect(seen.query.get('openid')).toBe(DEFAULT_OPENID);
			expect(seen.fields).toMatchObject({
				ToUserName: OA.userName,
				FromUserName: DEFAULT_OPENID,
				MsgType: 'text',
			});
			expect(seen.fields.MsgId).toMatch(/^\d{18,}$/);

			// The push opened the customer-service window for that user.
			const { authorizer_access_token: at } = await authorize(await componentToken());
			const send = await post(
				'/cgi-bin/message/custom/send',
				{ touser: DEFAULT_OPENID, msgtype: 'text', text: { content: 'later' } },
				{ access_token: at },
			);
			expect(send.errcode).toBe(0);
		} finally {
			await platform.close();
		}
	});

	it('pushes tickets and authorization events that a platform can use', async () => {
		const platform = await startPlatform(crypto);
		try {
			expect((await sim.pushTicket(platform.url)).body).toBe('success');
			const ticketFields = platform.seen[0].fields;
			expect(ticketFields).toMatchObject({
				AppId: component.appId,
				InfoType: 'component_verify_ticket',
			});
			expect(platform.seen[0].query.has('openid')).toBe(false);

			const token = await post('/cgi-bin/component/api_component_token', {
				component_appid: component.appId,
				component_appsecret: component.appSecret,
				component_verify_ticket: ticketFields.ComponentVerifyTicket,
			});
			await sim.pushAuthorizationEvent(platform.url, {
				infoType: 'authorized',
				authorizerAppId: OA.appId,
			});
			const event = platform.seen[1].fields;
			expect(event).toMatchObject({ InfoType: 'authorized', AuthorizerAppid: OA.appId });
			const auth = await post(
				'/cgi-bin/component/api_query_auth',
				{ component_appid: component.appId, authorization_code: event.AuthorizationCode },
				{ component_access_token: token.component_access_token as string },
			);
			expect(auth.authorization_info.authorizer_appid).toBe(OA.appId);

			await sim.pushAuthorizationEvent(platform.url, {
				infoType: 'unauthorized',
				authorizerAppId: OA.appId,
			});
			expect(platform.seen[2].fields).toMatchObject({
				InfoType: 'unauthorized',
				AuthorizerAppid: OA.appId,
			});
			const dead = await post(
				'/cgi-bin/message/custom/send',
				{ touser: DEFAULT_OPENID, msgtype: 'text', text: { content: 'x' } },
				{ access_token: auth.authorization_info.authorizer_access_token as string },
			);
			expect(dead.errcode).toBe(40001);
		} finally {
			await platform.close();
		}
	});

	it('pushes a ticket to the configured URL when the platform calls api_start_push_ticket', async () => {
		const platform = await startPlatform(crypto);
		try {
			sim.setTicketPushUrl(platform.url);
			const pushed = new Promise((resolve) => sim.events.once('push', resolve));
			const r = await post('/cgi-bin/component/api_start_push_ticket', {
				component_appid: component.appId,
				component_secret: component.appSecret,
			});
			expect(r).toEqual({ errcode: 0, errmsg: 'ok' });
			await pushed;
			expect(platform.seen[0].fields.InfoType).toBe('component_verify_ticket');
			const bad = await post('/cgi-bin/component/api_start_push_ticket', {
				component_appid: component.appId,
				component_secret: 'wrong',
			});
			expect(bad.errcode).toBe(40125);
		} finally {
			await platform.close();
		}
	});
});

describe('control API', () => {
	it('drives the simulator over HTTP and never prints secrets', async () => {
		const crypto = new WeChatCrypto(component);
		const platform = await startPlatform(crypto);
		try {
			await http.post(`${sim.url}/__sim/authorizers`, TEA);
			const code = await http.post(`${sim.url}/__sim/authorization-code`, {
				authorizerAppId: TEA.appId,
			});
			expect(code.data.authorizationCode).toMatch(/^queryauthcode@@@/);
			const pushed = await http.post(`${sim.url}/__sim/push/message`, {
				url: platform.url,
				authorizerAppId: TEA.appId,
				fields: { MsgType: 'text', Content: 'via control' },
			});
			expect(pushed.data.reply.fields.Content).toBe('echo: via control');

			await componentToken();
			await authorize(await componentToken());
			const state = await http.get(`${sim.url}/__sim/state`);
			const text = JSON.stringify(state.data);
			for (const secret of [component.appSecret, component.token, component.encodingAESKey]) {
				expect(text).not.toContain(secret);
			}
			expect(text).not.toMatch(/refreshtoken@@@/);
			expect(state.data.requestCounts['/cgi-bin/component/api_component_token']).toBe(2);
			expect(state.data.authorizers.map((a: { appId: string }) => a.appId)).toContain(TEA.appId);

			const bad = await http.post(`${sim.url}/__sim/push/message`, { authorizerAppId: TEA.appId });
			expect(bad.status).toBe(400);
			expect(bad.data.error).toContain('url');

			await http.post(`${sim.url}/__sim/fail-next`, { path: '/cgi-bin/user/get', errcode: 45009 });
			await http.post(`${sim.url}/__sim/clock/advance`, { ms: 1000 });
			const failed = await http.get(`${sim.url}/cgi-bin/user/get`);
			expect(failed.data.errcode).toBe(45009);
			expect((await http.get(`${sim.url}/cgi-bin/nothing/here`)).data.errcode).toBe(40066);
		} finally {
			await platform.close();
		}
	});
});
