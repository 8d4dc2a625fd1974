import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import {
	DEFAULT_OPENID,
	randomComponentConfig,
	startSimulator,
	type Simulator,
} from '../../simulator';

const component = randomComponentConfig();
const OA = { appId: 'wx0a1b2c3d4e5f6a7b', userName: 'gh_0123456789ab', nickName: 'Demo Coffee' };
const http = axios.create({ validateStatus: () => true });

let sim: Simulator;
let ct: string;
let at: string;

async function call(
	method: 'get' | 'post',
	path: string,
	body?: unknown,
	query: Record<string, string> = {},
) {
	const res =
		method === 'get'
			? await http.get(`${sim.url}${path}`, { params: query })
			: await http.post(`${sim.url}${path}`, body, { params: query });
	return res.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

beforeEach(async () => {
	sim = await startSimulator({ component, userPageSize: 2, pushTimeoutMs: 300 });
	sim.addAuthorizer(OA);
	const token = await call('post', '/cgi-bin/component/api_component_token', {
		component_appid: component.appId,
		component_appsecret: component.appSecret,
		component_verify_ticket: sim.issueTicket(),
	});
	ct = token.component_access_token as string;
	const auth = await call(
		'post',
		'/cgi-bin/component/api_query_auth',
		{ component_appid: component.appId, authorization_code: sim.createAuthorizationCode(OA.appId) },
		{ component_access_token: ct },
	);
	at = auth.authorization_info.authorizer_access_token as string;
});
afterEach(async () => {
	await sim.close();
});

describe('on-behalf API emulation', () => {
	it('pages users with next_openid and updates remarks', async () => {
		for (const id of ['oUser1', 'oUser2', 'oUser3'])
			sim.addUser(OA.appId, id, { nickname: id.toUpperCase() });
		const p1 = await call('get', '/cgi-bin/user/get', undefined, { access_token: at });
		expect(p1).toMatchObject({
			total: 3,
			count: 2,
			data: { openid: ['oUser1', 'oUser2'] },
			next_openid: 'oUser2',
		});
		const p2 = await call('get', '/cgi-bin/user/get', undefined, {
			access_token: at,
			next_openid: 'oUser2',
		});
		expect(p2).toMatchObject({
			total: 3,
			count: 1,
			data: { openid: ['oUser3'] },
			next_openid: 'oUser3',
		});
		const p3 = await call('get', '/cgi-bin/user/get', undefined, {
			access_token: at,
			next_openid: 'oUser3',
		});
		expect(p3).toMatchObject({ total: 3, count: 0, next_openid: '' });

		expect(
			(
				await call(
					'post',
					'/cgi-bin/user/info/updateremark',
					{ openid: 'oUser1', remark: 'VIP' },
					{ access_token: at },
				)
			).errcode,
		).toBe(0);
		const info = await call('get', '/cgi-bin/user/info', undefined, {
			access_token: at,
			openid: 'oUser1',
		});
		expect(info).toMatchObject({
			subscribe: 1,
			openid: 'oUser1',
			remark: 'VIP',
			nickname: 'OUSER1',
		});
		expect(
			(await call('get', '/cgi-bin/user/info', undefined, { access_token: at, openid: 'nobody' }))
				.errcode,
		).toBe(40003);
	});

	it('creates, reads and deletes the menu', async () => {
		expect((await call('get', '/cgi-bin/menu/get', undefined, { access_token: at })).errcode).toBe(
			46003,
		);
		const button = [{ type: 'click', name: 'Hi', key: 'HI' }];
		expect(
			(await call('post', '/cgi-bin/menu/create', { button }, { access_token: at })).errcode,
		).toBe(0);
		expect(await call('get', '/cgi-bin/menu/get', undefined, { access_token: at })).toEqual({
			menu: { button },
		});
		expect(
			(await call('post', '/cgi-bin/menu/create', { button: [] }, { access_token: at })).errcode,
		).toBe(40016);
		expect(
			(await call('get', '/cgi-bin/menu/delete', undefined, { access_token: at })).errcode,
		).toBe(0);
		expect((await call('get', '/cgi-bin/menu/get', undefined, { access_token: at })).errcode).toBe(
			46003,
		);
	});

	it('sends template messages to followers and caps customer-service messages per interaction', async () => {
		sim.addUser(OA.appId, DEFAULT_OPENID, { interacted: true });
		const tpl = { touser: DEFAULT_OPENID, template_id: 'TPL1', data: { first: { value: 'hi' } } };
		const sent = await call('post', '/cgi-bin/message/template/send', tpl, { access_token: at });
		expect(sent).toMatchObject({ errcode: 0, msgid: expect.any(Number) });
		expect(
			(
				await call(
					'post',
					'/cgi-bin/message/template/send',
					{ ...tpl, template_id: '' },
					{ access_token: at },
				)
			).errcode,
		).toBe(40037);

		const msg = { touser: DEFAULT_OPENID, msgtype: 'text', text: { content: 'x' } };
		const codes: number[] = [];
		for (let i = 0; i < 21; i++)
			codes.push(
				(await call('post', '/cgi-bin/message/custom/send', msg, { access_token: at }))
					.errcode as number,
			);
		expect(codes.slice(0, 20).every((c) => c === 0)).toBe(true);
		expect(codes[20]).toBe(45047);
		const typing = await call(
			'post',
			'/cgi-bin/message/custom/typing',
			{ touser: DEFAULT_OPENID, command: 'Typing' },
			{ access_token: at },
		);
		expect(typing.errcode).toBe(45047);
		expect(sim.sentMessages.filter((m) => m.kind === 'custom')).toHaveLength(20);
		expect(sim.sentMessages.filter((m) => m.kind === 'template')).toHaveLength(1);
		// An image needs media that this account uploaded.
		const image = { touser: DEFAULT_OPENID, msgtype: 'image', image: { media_id: 'unknown' } };
		sim.addUser(OA.appId, DEFAULT_OPENID, { interacted: true });
		expect(
			(await call('post', '/cgi-bin/message/custom/send', image, { access_token: at })).errcode,
		).toBe(40007);
	});

	it('answers authorizer info, options in both forms, clear_quota and QR codes', async () => {
		const q = { component_access_token: ct };
		const info = await call(
			'post',
			'/cgi-bin/component/api_get_authorizer_info',
			{ component_appid: component.appId, authorizer_appid: OA.appId },
			q,
		);
		expect(info.authorizer_info).toMatchObject({
			nick_name: OA.nickName,
			user_name: OA.userName,
			service_type_info: { id: 2 },
		});
		expect(info.authorization_info.authorizer_appid).toBe(OA.appId);

		const legacy = {
			component_appid: component.appId,
			authorizer_appid: OA.appId,
			option_name: 'voice_recognize',
		};
		expect(
			(
				await call(
					'post',
					'/cgi-bin/component/api_set_authorizer_option',
					{ ...legacy, option_value: '1' },
					q,
				)
			).errcode,
		).toBe(0);
		expect(
			await call(
				'post',
				'/cgi-bin/component/get_authorizer_option',
				{ option_name: 'voice_recognize' },
				{ access_token: at },
			),
		).toEqual({
			authorizer_appid: OA.appId,
			option_name: 'voice_recognize',
			option_value: '1',
		});
		expect(
			(
				await call(
					'post',
					'/cgi-bin/component/api_set_authorizer_option',
					{ ...legacy, option_value: '7' },
					q,
				)
			).errcode,
		).toBe(40097);

		expect(
			(await call('post', '/cgi-bin/clear_quota', { appid: component.appId }, { access_token: ct }))
				.errcode,
		).toBe(0);
		expect(
			(await call('post', '/cgi-bin/clear_quota', { appid: OA.appId }, { access_token: at }))
				.errcode,
		).toBe(0);
		const v2 = { component_appid: component.appId, appsecret: component.appSecret };
		for (let i = 0; i < 9; i++)
			expect((await call('post', '/cgi-bin/component/clear_quota/v2', v2)).errcode).toBe(0);
		expect((await call('post', '/cgi-bin/component/clear_quota/v2', v2)).errcode).toBe(48006);

		const qr = await call(
			'post',
			'/cgi-bin/qrcode/create',
			{
				expire_seconds: 600,
				action_name: 'QR_STR_SCENE',
				action_info: { scene: { scene_str: 'a' } },
			},
			{ access_token: at },
		);
		expect(qr).toMatchObject({
			ticket: expect.any(String),
			expire_seconds: 600,
			url: expect.stringMatching(/^http/),
		});
	});

	it('runs web OAuth on behalf of the account', async () => {
		sim.addUser(OA.appId, 'oWeb1', { nickname: 'Web User' });
		const code = sim.createOAuthCode(OA.appId, 'oWeb1', 'snsapi_userinfo');
		const q = {
			appid: OA.appId,
			code,
			grant_type: 'authorization_code',
			component_appid: component.appId,
			component_access_token: ct,
		};
		const tok = await call('get', '/sns/oauth2/component/access_token', undefined, q);
		expect(tok).toMatchObject({ openid: 'oWeb1', scope: 'snsapi_userinfo', expires_in: 7200 });
		expect((await call('get', '/sns/oauth2/component/access_token', undefined, q)).errcode).toBe(
			40163,
		);
		const user = await call('get', '/sns/userinfo', undefined, {
			access_token: tok.access_token as string,
			openid: 'oWeb1',
		});
		expect(user.nickname).toBe('Web User');
		const refreshed = await call('get', '/sns/oauth2/component/refresh_token', undefined, {
			appid: OA.appId,
			grant_type: 'refresh_token',
			component_appid: component.appId,
			component_access_token: ct,
			refresh_token: tok.refresh_token as string,
		});
		expect(refreshed.access_token).not.toBe(tok.access_token);
	});

	it('stores permanent material and serves custom routes', async () => {
		const form = new FormData();
		form.append('media', new Blob([Buffer.from('voice-bytes')], { type: 'audio/amr' }), 'v.amr');
		const added = await http.post(`${sim.url}/cgi-bin/material/add_material`, form, {
			params: { access_token: at, type: 'voice' },
		});
		const got = await http.post(
			`${sim.url}/cgi-bin/material/get_material`,
			{ media_id: added.data.media_id },
			{
				params: { access_token: at },
				responseType: 'arraybuffer',
			},
		);
		expect(Buffer.from(got.data as ArrayBuffer).toString()).toBe('voice-bytes');

		sim.addRoute('/wxa/get_category', (req) => ({
			errcode: 0,
			categories: [],
			asked: req.query.x,
		}));
		expect(
			await call('get', '/wxa/get_category', undefined, { access_token: at, x: '1' }),
		).toMatchObject({ asked: '1' });
		expect(
			(await call('get', '/wxa/get_category', undefined, { access_token: 'bad' })).errcode,
		).toBe(40001);
	});
});

describe('authorization page', () => {
	it('plays the merchant scanning: redirects with auth_code that api_query_auth accepts', async () => {
		const pre = await call(
			'post',
			'/cgi-bin/component/api_create_preauthcode',
			{ component_appid: component.appId },
			{ component_access_token: ct },
		);
		const params = {
			component_appid: component.appId,
			pre_auth_code: pre.pre_auth_code as string,
			redirect_uri: 'https://n8n.example/back?x=1',
			auth_type: '3',
		};
		const list = await http.get(`${sim.url}/cgi-bin/componentloginpage`, { params });
		expect(list.status).toBe(200);
		expect(list.data).toContain(OA.nickName);

		const chosen = await http.get(`${sim.url}/cgi-bin/componentloginpage`, {
			params: { ...params, biz_appid: OA.appId },
			maxRedirects: 0,
		});
		expect(chosen.status).toBe(302);
		const location = new URL(chosen.headers.location as string);
		expect(location.origin + location.pathname).toBe('https://n8n.example/back');
		expect(location.searchParams.get('x')).toBe('1');
		expect(location.searchParams.get('expires_in')).toBe('600');
		const auth = await call(
			'post',
			'/cgi-bin/component/api_query_auth',
			{
				component_appid: component.appId,
				authorization_code: location.searchParams.get('auth_code'),
			},
			{ component_access_token: ct },
		);
		expect(auth.authorization_info.authorizer_appid).toBe(OA.appId);

		sim.clock.advance(601_000);
		expect((await http.get(`${sim.url}/cgi-bin/componentloginpage`, { params })).status).toBe(400);
		expect(
			(
				await http.get(`${sim.url}/cgi-bin/componentloginpage`, {
					params: { ...params, pre_auth_code: 'x' },
				})
			).status,
		).toBe(400);
	});
});

describe('push delivery', () => {
	let server: Server;
	let url: string;
	const received: Array<{ req: IncomingMessage; body: string }> = [];

	beforeEach(async () => {
		received.length = 0;
		server = createServer((req, res) => {
			let body = '';
			req.on('data', (c: Buffer) => (body += c.toString()));
			req.on('end', () => {
				received.push({ req, body });
				if (req.url?.includes('/slow')) return; // never answers
				res.end(req.url?.includes('/junk') ? '<xml><Encrypt>garbage</Encrypt></xml>' : '');
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterEach(async () => {
		server.closeAllConnections();
		await new Promise<void>((r) => server.close(() => r()));
	});

	it('replaces $APPID$, reports a timeout like WeChat and an unreadable reply', async () => {
		const ok = await sim.pushMessage(`${url}/$APPID$/callback`, OA.appId, {
			MsgType: 'event',
			Event: 'subscribe',
			EventKey: '',
		});
		expect(ok.status).toBe(200);
		expect(received[0].req.url).toContain(`/${OA.appId}/callback?`);
		expect(received[0].body).toContain(`<ToUserName><![CDATA[${OA.userName}]]></ToUserName>`);

		const slow = await sim.pushMessage(`${url}/slow`, OA.appId, { Content: 'hi' });
		expect(slow).toMatchObject({ status: 0, timedOut: true });

		const junk = await sim.pushMessage(`${url}/junk`, OA.appId, { Content: 'hi' });
		expect(junk.reply).toBeUndefined();
		expect(junk.replyError).toBeDefined();

		const raw = await sim.sendRaw(`${url}/raw`, {
			body: '<xml><a>1</a></xml>',
			query: { timestamp: '1', nonce: 'a+b' },
			method: 'PUT',
		});
		expect(raw.status).toBe(200);
		expect(received[3].req.method).toBe('PUT');
		expect(new URL(received[3].req.url ?? '', url).searchParams.get('nonce')).toBe('a+b');
		expect(sim.pushes.map((p) => p.kind)).toEqual(['message', 'message', 'message', 'raw']);
	});
});
