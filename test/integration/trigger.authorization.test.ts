/**
 * The authorization-event URL (tickets, authorized / updateauthorized / unauthorized, other
 * notifications), activation (ticket push), GET echostr checks and the onboarding pages.
 */
import { WeChatCrypto } from '../../core/crypto';
import { WeChatOpenPlatformTrigger } from '../../nodes/WeChatOpenPlatformTrigger/WeChatOpenPlatformTrigger.node';
import { CREDENTIAL_TYPE } from '../../nodes/shared/platform';
import { buildPush, buildXml, plainSignature } from '../../simulator/push';
import { createHookContext, waitFor, type WebhookServer } from '../helpers/n8n';
import { secretsOf, startTriggerFixture, type TriggerFixture } from '../helpers/triggerFixture';

const OA = {
	appId: 'wx0a1b2c3d4e5f6a71',
	userName: 'gh_0a1b2c3d4e5f',
	nickName: 'Demo <Coffee> & "Tea"',
};
const MP = {
	appId: 'wx0a1b2c3d4e5f6a72',
	userName: 'gh_0a1b2c3d4e60',
	nickName: 'Mini Shop',
	miniProgram: true,
};
const EXCHANGE_PATH = '/cgi-bin/component/api_query_auth';
const INFO_PATH = '/cgi-bin/component/api_get_authorizer_info';

let f: TriggerFixture;
let server: WebhookServer;

const now = () => String(Math.floor(Date.now() / 1000));
/** A push to the authorization URL as WeChat encrypts and signs it with the component's keys. */
const signedPush = (xml: string) =>
	buildPush(
		{
			appId: f.component.appId,
			token: f.component.token,
			encodingAESKey: f.component.encodingAESKey,
		},
		xml,
		{ envelope: { appId: f.component.appId } },
	);
const get = async (url: string, headers: Record<string, string> = {}) => {
	const res = await fetch(url, { headers, redirect: 'manual' });
	return {
		status: res.status,
		body: await res.text(),
		type: res.headers.get('content-type') ?? '',
	};
};

beforeAll(async () => {
	f = await startTriggerFixture();
	f.sim.addAuthorizer(OA);
	f.sim.addAuthorizer(MP);
	server = await f.serve();
});

afterAll(async () => {
	await f.close();
});

describe('component_verify_ticket', () => {
	test('is stored and answered "success" without an execution', async () => {
		expect(await f.platform().hasTicket()).toBe(false);
		const result = await f.sim.pushTicket(server.url('authorization'));
		expect({ status: result.status, body: result.body }).toEqual({ status: 200, body: 'success' });
		expect(server.executions).toHaveLength(0);
		expect(await f.platform().hasTicket()).toBe(true);
		// The stored ticket is the one WeChat accepts: a component token can be fetched with it.
		await expect(f.platform().getComponentAccessToken()).resolves.toEqual(expect.any(String));
	});

	test('a forged ticket push is refused with 403 and stores nothing', async () => {
		const push = buildPush(
			{
				appId: f.component.appId,
				token: 'not-the-token',
				encodingAESKey: f.component.encodingAESKey,
			},
			buildXml({
				AppId: f.component.appId,
				CreateTime: now(),
				InfoType: 'component_verify_ticket',
				ComponentVerifyTicket: 'ticket@@@forged',
			}),
			{ envelope: { appId: f.component.appId } },
		);
		const result = await f.sim.sendRaw(server.url('authorization'), push);
		expect({ status: result.status, body: result.body }).toEqual({
			status: 403,
			body: 'invalid signature',
		});
		expect(server.executions).toHaveLength(0);
	});
});

describe('authorization changes', () => {
	test('authorized: the code is exchanged at once, then one item without tokens is emitted', async () => {
		const before = f.sim.count(EXCHANGE_PATH);
		const infos = f.sim.count(INFO_PATH);
		const result = await f.sim.pushAuthorizationEvent(server.url('authorization'), {
			infoType: 'authorized',
			authorizerAppId: OA.appId,
		});
		expect({ status: result.status, body: result.body }).toEqual({ status: 200, body: 'success' });
		expect(f.sim.count(EXCHANGE_PATH)).toBe(before + 1);
		// The item's account summary comes from the exchange's own api_get_authorizer_info.
		expect(f.sim.count(INFO_PATH)).toBe(infos + 1);
		const item = server.executions.at(-1)!.json;
		expect(item).toMatchObject({
			AppId: f.component.appId,
			InfoType: 'authorized',
			AuthorizerAppid: OA.appId,
			authorizerAppId: OA.appId,
			authorizationExchanged: true,
			authorizer: {
				appId: OA.appId,
				nickName: OA.nickName,
				userName: OA.userName,
				accountType: 'official account',
				serviceType: '2',
				serviceTypeName: 'service account',
			},
		});
		expect(item.AuthorizationCode).toBeUndefined();
		expect(typeof item.CreateTime).toBe('string');
		expect(JSON.stringify(item)).not.toMatch(/token/i);
		// The tokens are in the store: an on-behalf call needs no second exchange.
		await expect(f.platform().getAuthorizerAccessToken(OA.appId)).resolves.toEqual(
			expect.any(String),
		);
		expect(f.sim.count(EXCHANGE_PATH)).toBe(before + 1);
	});

	test('a retried authorized push neither exchanges again nor starts a second run', async () => {
		const code = f.sim.createAuthorizationCode(MP.appId);
		const xml = buildXml({
			AppId: f.component.appId,
			CreateTime: now(),
			InfoType: 'updateauthorized',
			AuthorizerAppid: MP.appId,
			AuthorizationCode: code,
			AuthorizationCodeExpiredTime: String(Number(now()) + 600),
			PreAuthCode: 'preauthcode@@@x',
		});
		const push = signedPush(xml);
		const runs = server.executions.length;
		const exchanges = f.sim.count(EXCHANGE_PATH);
		const infos = f.sim.count(INFO_PATH);
		for (let i = 0; i < 3; i++) {
			expect((await f.sim.sendRaw(server.url('authorization'), push)).body).toBe('success');
		}
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges + 1);
		expect(f.sim.count(INFO_PATH)).toBe(infos + 1);
		expect(server.executions.length).toBe(runs + 1);
		expect(server.executions.at(-1)!.json).toMatchObject({
			InfoType: 'updateauthorized',
			authorizerAppId: MP.appId,
			authorizer: { nickName: 'Mini Shop', accountType: 'mini program' },
		});
	});

	test("unauthorized: the account's tokens are forgotten and the event is emitted", async () => {
		await f.sim.pushAuthorizationEvent(server.url('authorization'), {
			infoType: 'unauthorized',
			authorizerAppId: MP.appId,
		});
		expect(server.executions.at(-1)!.json).toMatchObject({
			InfoType: 'unauthorized',
			AuthorizerAppid: MP.appId,
			authorizerAppId: MP.appId,
		});
		await expect(f.platform().getAuthorizerAccessToken(MP.appId)).rejects.toThrow();
	});

	test('other notifications are emitted as they are, all strings', async () => {
		// An InfoType this node does not know (fast registration results: trigger.fastRegistration.test.ts).
		const xml = buildXml({
			AppId: f.component.appId,
			CreateTime: now(),
			InfoType: 'notify_some_future_result',
			appid: 'wx00000000000000aa',
			status: '0',
			auth_code: 'xxx',
			msg: 'OK',
		});
		const push = signedPush(xml);
		expect((await f.sim.sendRaw(server.url('authorization'), push)).body).toBe('success');
		const { receivedAt, ...item } = server.executions.at(-1)!.json;
		expect(item).toEqual({
			AppId: f.component.appId,
			CreateTime: expect.any(String),
			InfoType: 'notify_some_future_result',
			appid: 'wx00000000000000aa',
			status: '0',
			auth_code: 'xxx',
			msg: 'OK',
		});
		expect(typeof receivedAt).toBe('string');
	});

	test('with exchange off the code stays in the item; filtered events start nothing but are recorded', async () => {
		const manual = await f.serve({ options: { exchangeAuthorizationCode: false } });
		const exchanges = f.sim.count(EXCHANGE_PATH);
		await f.sim.pushAuthorizationEvent(manual.url('authorization'), {
			infoType: 'authorized',
			authorizerAppId: MP.appId,
		});
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges);
		expect(manual.executions.at(-1)!.json.AuthorizationCode).toEqual(expect.stringMatching(/.+/));

		const onlyUnauthorized = await f.serve({ authorizationEvents: ['unauthorized'] });
		await f.sim.pushAuthorizationEvent(onlyUnauthorized.url('authorization'), {
			infoType: 'authorized',
			authorizerAppId: MP.appId,
		});
		expect(onlyUnauthorized.executions).toHaveLength(0);
		// Filtering only decides about runs: the authorization itself was still exchanged.
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges + 1);
		await expect(f.platform().getAuthorizerAccessToken(MP.appId)).resolves.toEqual(
			expect.any(String),
		);
	});
});

describe('activation', () => {
	test('create() asks WeChat to push a ticket once for the seven webhooks, and the ticket arrives', async () => {
		f.sim.setTicketPushUrl(server.url('authorization'));
		const pushes = f.sim.pushes.filter((p) => p.kind === 'ticket').length;
		const before = f.sim.count('/cgi-bin/component/api_start_push_ticket');
		const node = new WeChatOpenPlatformTrigger();
		const hook = createHookContext({
			credentials: { [CREDENTIAL_TYPE]: f.credentials },
			nodeType: node,
		});
		const webhooks = node.description.webhooks ?? [];
		expect(webhooks).toHaveLength(7);
		for (let i = 0; i < webhooks.length; i++) {
			expect(await node.webhookMethods.default.checkExists.call(hook)).toBe(false);
			expect(await node.webhookMethods.default.create.call(hook)).toBe(true);
		}
		expect(f.sim.count('/cgi-bin/component/api_start_push_ticket')).toBe(before + 1);
		await waitFor(
			() => f.sim.pushes.filter((p) => p.kind === 'ticket').length > pushes,
			5000,
			'the ticket push',
		);
		const ticketPush = f.sim.pushes.filter((p) => p.kind === 'ticket').at(-1)!;
		expect(ticketPush.result?.body).toBe('success');
		expect(await node.webhookMethods.default.delete.call(hook)).toBe(true);
		f.sim.setTicketPushUrl(undefined);
	});

	test('a failing ticket request is logged without secrets and does not stop activation', async () => {
		const other = { ...f.credentials, componentAppId: 'wx00000000000000ee' };
		const node = new WeChatOpenPlatformTrigger();
		const hook = createHookContext({ credentials: { [CREDENTIAL_TYPE]: other }, nodeType: node });
		f.sim.setIpWhitelisted(false);
		try {
			expect(await node.webhookMethods.default.create.call(hook)).toBe(true);
		} finally {
			f.sim.setIpWhitelisted(true);
		}
		const warnings = hook.recordingLogger.messages('warn').join('\n');
		expect(warnings).toMatch(/could not ask WeChat to push a ticket/);
		for (const secret of secretsOf(f.component))
			expect(hook.recordingLogger.text()).not.toContain(secret);
	});
});

describe('GET echostr verification', () => {
	for (const path of ['authorization', `${OA.appId}/callback`]) {
		test(`${path}: echoes only after the signature holds`, async () => {
			const ts = now();
			const nonce = '998877';
			const url = (q: Record<string, string>) => `${server.url(path)}?${new URLSearchParams(q)}`;
			const signature = plainSignature(f.component.token, ts, nonce);

			expect(
				await get(url({ signature, timestamp: ts, nonce, echostr: '5927782489442352469' })),
			).toMatchObject({
				status: 200,
				body: '5927782489442352469',
			});
			expect(
				await get(url({ signature: 'f'.repeat(40), timestamp: ts, nonce, echostr: '1' })),
			).toMatchObject({
				status: 403,
				body: 'invalid signature',
			});
			expect(await get(url({ timestamp: ts, nonce, echostr: '1' }))).toMatchObject({
				status: 403,
				body: 'missing signature',
			});
			expect(await get(url({ signature, timestamp: ts, nonce }))).toMatchObject({
				status: 400,
				body: 'missing echostr',
			});

			// Encrypted form: msg_signature over the encrypted echostr, the plaintext is echoed.
			const crypto = new WeChatCrypto({
				appId: f.component.appId,
				token: f.component.token,
				encodingAESKey: f.component.encodingAESKey,
			});
			const echostr = crypto.encrypt('1616140317555161061');
			const msg_signature = crypto.signature(ts, nonce, echostr);
			expect(await get(url({ msg_signature, timestamp: ts, nonce, echostr }))).toMatchObject({
				status: 200,
				body: '1616140317555161061',
			});
			expect(
				await get(
					url({ msg_signature: crypto.signature(ts, nonce, 'x'), timestamp: ts, nonce, echostr }),
				),
			).toMatchObject({ status: 403, body: 'invalid signature' });
			expect(server.executions.filter((e) => e.method === 'GET')).toHaveLength(0);
		});
	}
});

describe('onboarding pages', () => {
	const NEW = {
		appId: 'wx0a1b2c3d4e5f6a73',
		userName: 'gh_0a1b2c3d4e61',
		nickName: '<script>alert(1)</script> Bakery',
	};

	const hrefs = (html: string) =>
		[...html.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&')));

	test('GET …/authorize serves PC and mobile links with a valid pre-auth code and our return URL', async () => {
		const before = f.sim.count('/cgi-bin/component/api_create_preauthcode');
		const page = await get(server.url('authorize'));
		expect(page.status).toBe(200);
		expect(page.type).toMatch(/text\/html/);
		expect(f.sim.count('/cgi-bin/component/api_create_preauthcode')).toBe(before + 1);
		const [pc, mobile] = hrefs(page.body);
		// The credential points at the local simulator, which serves WeChat's authorization pages itself.
		expect(pc.origin + pc.pathname).toBe(`${f.sim.url}/cgi-bin/componentloginpage`);
		expect(mobile.origin + mobile.pathname).toBe(`${f.sim.url}/wxaopen/safe/bindcomponent`);
		for (const link of [pc, mobile]) {
			expect(link.searchParams.get('component_appid')).toBe(f.component.appId);
			expect(link.searchParams.get('pre_auth_code')).toMatch(/.+/);
			expect(link.searchParams.get('redirect_uri')).toBe(server.url('authorized'));
			expect(link.searchParams.get('auth_type')).toBe('3');
		}
		expect(pc.searchParams.get('pre_auth_code')).toBe(mobile.searchParams.get('pre_auth_code'));

		const phone = await get(server.url('authorize'), {
			'user-agent': 'Mozilla/5.0 (iPhone) MicroMessenger/8.0',
		});
		expect(hrefs(phone.body)[0].pathname).toBe('/wxaopen/safe/bindcomponent');
		expect(server.executions.filter((e) => e.method === 'GET')).toHaveLength(0);
	});

	test('auth type and biz_appid options reach the links', async () => {
		const restricted = await f.serve({ options: { authType: '1', bizAppId: OA.appId } });
		const [pc] = hrefs((await get(restricted.url('authorize'))).body);
		expect(pc.searchParams.get('auth_type')).toBe('1');
		expect(pc.searchParams.get('biz_appid')).toBe(OA.appId);
	});

	test('GET …/authorized exchanges the code once, shows the escaped name, and the push adds no second exchange', async () => {
		f.sim.addAuthorizer(NEW);
		const code = f.sim.createAuthorizationCode(NEW.appId);
		const exchanges = f.sim.count(EXCHANGE_PATH);
		const infos = f.sim.count(INFO_PATH);
		const page = await get(
			`${server.url('authorized')}?auth_code=${encodeURIComponent(code)}&expires_in=600`,
		);
		expect(page.status).toBe(200);
		expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Bakery');
		expect(page.body).not.toContain('<script>');
		expect(page.body).toContain(NEW.appId);
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges + 1);
		// The page's names come from the exchange's own api_get_authorizer_info.
		expect(f.sim.count(INFO_PATH)).toBe(infos + 1);
		expect(server.executions.filter((e) => e.method === 'GET')).toHaveLength(0);
		await expect(f.platform().getAuthorizerAccessToken(NEW.appId)).resolves.toEqual(
			expect.any(String),
		);

		// WeChat also pushes `authorized` with the same code: one item, no second exchange.
		const runs = server.executions.length;
		await f.sim.pushAuthorizationEvent(server.url('authorization'), {
			infoType: 'authorized',
			authorizerAppId: NEW.appId,
			authorizationCode: code,
		});
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges + 1);
		expect(server.executions.length).toBe(runs + 1);
		expect(server.executions.at(-1)!.json).toMatchObject({
			authorizationExchanged: true,
			exchangedBy: 'authorized page',
			authorizer: { nickName: NEW.nickName },
		});
	});

	test('a missing or unusable code gets a readable error page, not a 500', async () => {
		const missing = await get(server.url('authorized'));
		expect(missing.status).toBe(400);
		expect(missing.type).toMatch(/text\/html/);
		const bad = await get(`${server.url('authorized')}?auth_code=queryauthcode%40%40%40nope`);
		expect(bad.status).toBe(400);
		expect(bad.body).toMatch(/Authorization not completed/);
		const unknown = await get(
			`${server.url('authorized')}?auth_code=queryauthcode%40%40%40${'N0pe'.repeat(10)}`,
		);
		expect(unknown.status).toBe(400);
		expect(unknown.body).toMatch(/Authorization not completed/);
		expect(server.webhookErrors).toEqual([]);
	});

	test('nothing secret reached a log or an item', () => {
		const everything =
			JSON.stringify(f.servers.map((s) => s.executions)) +
			f.servers.map((s) => s.logger.text()).join('\n');
		for (const secret of secretsOf(f.component)) expect(everything).not.toContain(secret);
	});
});
