/**
 * The trigger's public URLs against strangers (issue 11 §2–§8): what forged, replayed or junk
 * requests can no longer do. Real HTTP, the real simulator, a real file store.
 */
import { randomBytes } from 'node:crypto';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFAULT_OPENID } from '../../simulator';
import {
	authorizationEventXml,
	buildPush,
	buildXml,
	plainSignature,
	type PushRequest,
} from '../../simulator/push';
import type { WebhookServer } from '../helpers/n8n';
import { secretsOf, startTriggerFixture, type TriggerFixture } from '../helpers/triggerFixture';
import { internals } from '../helpers/platformInternals';

const OA = { appId: 'wx0a1b2c3d4e5f6b01', userName: 'gh_0a1b2c3d4eb1', nickName: 'Demo Coffee' };
const TEA = { appId: 'wx0a1b2c3d4e5f6b02', userName: 'gh_0a1b2c3d4eb2', nickName: 'Tea House' };
const NEW = { appId: 'wx0a1b2c3d4e5f6b03', userName: 'gh_0a1b2c3d4eb3', nickName: 'New Shop' };
const EXCHANGE_PATH = '/cgi-bin/component/api_query_auth';
const CREATE_CODE_PATH = '/cgi-bin/component/api_create_preauthcode';

let f: TriggerFixture;
let server: WebhookServer;

const nowSeconds = () => Math.floor(Date.now() / 1000);
const keys = () => ({
	appId: f.component.appId,
	token: f.component.token,
	encodingAESKey: f.component.encodingAESKey,
});
const messagePush = (fields: Record<string, string>): PushRequest =>
	buildPush(
		keys(),
		buildXml({ ToUserName: OA.userName, FromUserName: DEFAULT_OPENID, ...fields }),
		{
			envelope: { toUserName: OA.userName },
		},
	);
const authorizationPush = (xml: string): PushRequest =>
	buildPush(keys(), xml, { envelope: { appId: f.component.appId } });
/** WeChat's "authorized" event for `appId` carrying the authorization code `code`. */
const authorizedPush = (appId: string, code: string, createTime = nowSeconds()): PushRequest =>
	authorizationPush(
		authorizationEventXml({
			componentAppId: f.component.appId,
			infoType: 'authorized',
			authorizerAppId: appId,
			createTime,
			authorizationCode: code,
		}),
	);
const send = (url: string, push: Pick<PushRequest, 'body' | 'query'>) =>
	f.sim.sendRaw(url, { body: push.body, query: push.query });
const get = async (url: string) => {
	const res = await fetch(url, { redirect: 'manual' });
	return {
		status: res.status,
		body: await res.text(),
		type: res.headers.get('content-type') ?? '',
		nosniff: res.headers.get('x-content-type-options'),
	};
};
const totalApiCalls = () => Object.values(f.sim.counts()).reduce((a, b) => a + b, 0);
/**
 * Every stored key except the health log's: its rate-limited flush (core/health/recorder.ts) may land
 * whenever a timer fires, and under load it landed inside a test that counted keys.
 */
const storeKeys = async () =>
	(await internals(f.platform()).store.keys('')).filter((k) => !k.startsWith('health:')).sort();
/** Store entries of an account's authorization (tokens, list entry), not the trigger's bookkeeping. */
/** The account's own records (tokens, list entry); the trigger's and the health log's bookkeeping aside. */
const keysOf = async (appId: string) =>
	(await storeKeys()).filter(
		(k) => k.includes(appId) && !k.startsWith('trigger:') && !k.startsWith('health:'),
	);

beforeAll(async () => {
	f = await startTriggerFixture();
	for (const account of [OA, TEA, NEW]) f.sim.addAuthorizer(account);
	server = await f.serve();
	expect((await f.sim.pushTicket(server.url('authorization'))).body).toBe('success');
});

afterAll(async () => {
	await f.close();
});

describe('§3 forged requests do not force credential reads', () => {
	test('50 forged POSTs read the credential at most twice (the first read and one re-read)', async () => {
		let reads = 0;
		const credentials = new Proxy(
			{ ...f.credentials },
			{
				get(target, name, receiver) {
					if (name === 'token') reads++;
					return Reflect.get(target, name, receiver) as unknown;
				},
			},
		) as ICredentialDataDecryptedObject;
		const s = await f.serve({}, { credentials: { wechatOpenPlatformApi: credentials } });
		const url = s.url(`${OA.appId}/callback`);
		const genuine = messagePush({
			CreateTime: String(nowSeconds()),
			MsgType: 'text',
			Content: 'hi',
			MsgId: '3001',
		});
		const forged: Array<Pick<PushRequest, 'body' | 'query'>> = [];
		for (let i = 0; i < 10; i++) {
			forged.push({ body: '<xml><a>1</a></xml>', query: {} });
			forged.push({
				body: genuine.body,
				query: { ...genuine.query, msg_signature: 'f'.repeat(40) },
			});
			forged.push({ body: 'not xml at all', query: genuine.query });
			forged.push({
				body: genuine.body,
				query: { ...genuine.query, timestamp: '1000', msg_signature: '0'.repeat(40) },
			});
			forged.push({
				body: `<xml><Encrypt><![CDATA[${'A'.repeat(64)}]]></Encrypt></xml>`,
				query: genuine.query,
			});
		}
		for (const request of forged) {
			const result = await send(url, request);
			expect([400, 403]).toContain(result.status);
		}
		expect(reads).toBeGreaterThanOrEqual(1);
		expect(reads).toBeLessThanOrEqual(2);
		expect(s.executions).toHaveLength(0);
		// The genuine push still verifies with the credential in hand.
		expect((await send(url, genuine)).body).toBe('success');
		expect(s.executions).toHaveLength(1);
	});
});

describe('§5 pushes are identified by their decrypted content', () => {
	test('distinct events of the same second each start one run; a retry starts none', async () => {
		const second = String(nowSeconds());
		const before = server.executions.length;
		const url = server.url(`${OA.appId}/callback`);
		const jobs = ['1001', '1002', '1003'].map((id) =>
			messagePush({
				CreateTime: second,
				MsgType: 'event',
				Event: 'TEMPLATESENDJOBFINISH',
				MsgID: id,
				Status: 'success',
			}),
		);
		const clicks = ['MENU_A', 'MENU_B'].map((key) =>
			messagePush({ CreateTime: second, MsgType: 'event', Event: 'CLICK', EventKey: key }),
		);
		for (const push of [...jobs, ...clicks]) expect((await send(url, push)).body).toBe('success');
		expect(server.executions.slice(before).map((e) => e.json.MsgID ?? e.json.EventKey)).toEqual([
			'1001',
			'1002',
			'1003',
			'MENU_A',
			'MENU_B',
		]);
		// WeChat's retry: the same XML encrypted again (other random, other nonce).
		const retry = buildPush(keys(), clicks[0].plaintext, { envelope: { toUserName: OA.userName } });
		expect(retry.body).not.toBe(clicks[0].body);
		expect((await send(url, retry)).body).toBe('success');
		expect(server.executions.length).toBe(before + 5);
	});
});

describe('§7 the AppID in the URL', () => {
	test('only WeChat AppIDs are accepted in the path; one signed push replayed to other paths starts one run', async () => {
		const before = server.executions.length;
		const push = messagePush({
			CreateTime: String(nowSeconds()),
			MsgType: 'text',
			Content: 'once',
			MsgId: '7001',
		});
		const results = [];
		for (const appId of [OA.appId, TEA.appId, 'wx9999999999999999', 'anything_goes', 'wx1234']) {
			const r = await send(server.url(`${appId}/callback`), push);
			results.push([appId, r.status, r.body]);
		}
		expect(results).toEqual([
			[OA.appId, 200, 'success'],
			[TEA.appId, 200, 'success'],
			['wx9999999999999999', 200, 'success'],
			['anything_goes', 400, 'invalid appid'],
			['wx1234', 400, 'invalid appid'],
		]);
		expect(server.executions.slice(before).map((e) => e.json.authorizerAppId)).toEqual([OA.appId]);
	});
});

describe('§8 the plain echostr check', () => {
	const plainQuery = (echostr: string) => {
		const timestamp = String(nowSeconds());
		const nonce = '424242';
		return new URLSearchParams({
			signature: plainSignature(f.component.token, timestamp, nonce),
			timestamp,
			nonce,
			echostr,
		}).toString();
	};

	test("echoes WeChat's digits and letters, with nosniff", async () => {
		const r = await get(`${server.url(`${OA.appId}/callback`)}?${plainQuery('5920398573452')}`);
		expect(r).toMatchObject({ status: 200, body: '5920398573452', nosniff: 'nosniff' });
		expect(r.type).toMatch(/^text\/plain/);
	});

	test.each(['<h1>Pay here</h1>', 'a b', 'x'.repeat(129), '<script>alert(1)</script>'])(
		'refuses %j plainly, even with a valid signature',
		async (echostr) => {
			for (const path of [`${OA.appId}/callback`, 'authorization']) {
				const r = await get(`${server.url(path)}?${plainQuery(echostr)}`);
				expect(r).toMatchObject({ status: 400, body: 'invalid echostr', nosniff: 'nosniff' });
			}
		},
	);
});

describe('§6 stale authorization events', () => {
	test('a retried or older unauthorized after a new authorization changes nothing', async () => {
		const url = server.url('authorization');
		const t0 = nowSeconds() - 60;
		// Authorized at t0 - 10.
		const firstCode = f.sim.createAuthorizationCode(NEW.appId);
		const authorized = authorizedPush(NEW.appId, firstCode, t0 - 10);
		expect((await send(url, authorized)).body).toBe('success');
		// Unauthorized at t0.
		const unauthorizedXml = authorizationEventXml({
			componentAppId: f.component.appId,
			infoType: 'unauthorized',
			authorizerAppId: NEW.appId,
			createTime: t0,
		});
		f.sim.unauthorize(NEW.appId);
		expect((await send(url, authorizationPush(unauthorizedXml))).body).toBe('success');
		expect(await keysOf(NEW.appId)).toEqual([]);
		// Authorized again at t0 + 30.
		const secondCode = f.sim.createAuthorizationCode(NEW.appId);
		const again = authorizedPush(NEW.appId, secondCode, t0 + 30);
		expect((await send(url, again)).body).toBe('success');
		const token = await f.platform().getAuthorizerAccessToken(NEW.appId);
		const runs = server.executions.length;

		// WeChat retries the old unauthorized (same plaintext) …
		expect((await send(url, authorizationPush(unauthorizedXml))).body).toBe('success');
		// … or one older than the newest applied change reaches us some other way.
		const older = authorizationEventXml({
			componentAppId: f.component.appId,
			infoType: 'unauthorized',
			authorizerAppId: NEW.appId,
			createTime: t0 + 5,
		});
		expect((await send(url, authorizationPush(older))).body).toBe('success');

		expect(server.executions.length).toBe(runs);
		expect(await f.platform().getAuthorizerAccessToken(NEW.appId)).toBe(token);
		expect((await f.platform().listAuthorizers()).map((a) => a.appId)).toContain(NEW.appId);
	});
});

describe('§4 onboarding pages', () => {
	test('20 visits of /authorize cost one pre-auth code', async () => {
		const before = f.sim.count(CREATE_CODE_PATH);
		const allBefore = totalApiCalls();
		const codes = new Set<string>();
		for (let i = 0; i < 20; i++) {
			const page = await get(server.url('authorize'));
			expect(page.status).toBe(200);
			codes.add(/pre_auth_code=([^&"]+)/.exec(page.body)![1]);
		}
		expect(f.sim.count(CREATE_CODE_PATH) - before).toBe(1);
		expect(codes.size).toBe(1);
		const calls = totalApiCalls() - allBefore;
		expect(calls).toBeLessThanOrEqual(2);
		console.log(`[measured] 20 anonymous /authorize visits: ${calls} WeChat API call(s)`);
	});

	test("codes not of WeChat's shape are refused without asking WeChat or writing anything", async () => {
		const exchanges = f.sim.count(EXCHANGE_PATH);
		const stored = await storeKeys();
		for (const code of [
			'x'.repeat(500),
			'<script>alert(1)</script>',
			'queryauthcode@@@',
			'abc',
			'preauthcode@@@' + 'A'.repeat(30),
		]) {
			const page = await get(`${server.url('authorized')}?auth_code=${encodeURIComponent(code)}`);
			expect(page.status).toBe(400);
			expect(page.body).toMatch(/Authorization not completed/);
			expect(page.body).not.toContain('script>alert');
		}
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges);
		expect(await storeKeys()).toEqual(stored);
		const allBefore = totalApiCalls();
		for (let i = 0; i < 20; i++) {
			const junk = i % 2 === 0 ? `visitor-${i}` : `queryauthcode@@@${'x'.repeat(i % 4)}`;
			expect((await get(`${server.url('authorized')}?auth_code=${junk}`)).status).toBe(400);
		}
		const calls = totalApiCalls() - allBefore;
		expect(calls).toBe(0);
		console.log(
			`[measured] 20 anonymous /authorized visits with junk codes: ${calls} WeChat API calls`,
		);
	});

	test('a well-shaped unknown code is sent to WeChat once, never taken for success, and leaves no trace', async () => {
		const exchanges = f.sim.count(EXCHANGE_PATH);
		const stored = await storeKeys();
		const code = `queryauthcode@@@${randomBytes(30).toString('base64url')}`;
		const url = `${server.url('authorized')}?auth_code=${encodeURIComponent(code)}`;
		for (let i = 0; i < 3; i++) {
			const page = await get(url);
			expect(page.status).toBe(400);
			expect(page.body).toMatch(/Authorization not completed/);
			expect(page.body).not.toMatch(/Authorization complete</);
			// Plain sentences only: no errcode, errmsg, rid, API path or folder.
			expect(page.body).not.toMatch(
				/errcode|errmsg|rid|cgi-bin|invalid code|40\d\d\d|61\d\d\d|\/tmp|wechat-open-platform/i,
			);
		}
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges + 1);
		expect(await storeKeys()).toEqual(stored);
	});

	test('a code is sent to WeChat once, whether the push or the page sees it first', async () => {
		const exchanges = f.sim.count(EXCHANGE_PATH);
		const pushed = f.sim.createAuthorizationCode(OA.appId);
		const push = authorizedPush(OA.appId, pushed);
		expect((await send(server.url('authorization'), push)).body).toBe('success');
		const afterPush = await get(
			`${server.url('authorized')}?auth_code=${encodeURIComponent(pushed)}`,
		);
		expect(afterPush.status).toBe(200);
		expect(afterPush.body).toMatch(/Authorization complete/);
		expect(afterPush.body).toContain(OA.appId);

		const visited = f.sim.createAuthorizationCode(NEW.appId);
		for (let i = 0; i < 3; i++) {
			const page = await get(
				`${server.url('authorized')}?auth_code=${encodeURIComponent(visited)}`,
			);
			expect(page.status).toBe(200);
			expect(page.body).toContain(NEW.appId);
		}
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges + 2);
	});

	test('the page of a broken setup says a plain sentence; the log gets the detail', async () => {
		const s = await f.serve({ options: { authType: '2' } });
		f.sim.setIpWhitelisted(false);
		try {
			const page = await get(s.url('authorize'));
			expect(page.status).toBe(503);
			expect(page.body).toMatch(/Authorization is not available right now/);
			expect(page.body).not.toMatch(/61004|whitelist|rid|errmsg|cgi-bin/i);
			expect(s.logger.text()).toMatch(/61004|whitelist/i);
		} finally {
			f.sim.setIpWhitelisted(true);
		}
	});

	test('Restrict to One Account holds on the page and on the push', async () => {
		const restricted = await f.serve({ options: { bizAppId: OA.appId } });
		const code = f.sim.createAuthorizationCode(TEA.appId);
		const page = await get(`${restricted.url('authorized')}?auth_code=${encodeURIComponent(code)}`);
		expect(page.status).toBe(403);
		expect(page.body).not.toContain(TEA.appId);
		expect(await keysOf(TEA.appId)).toEqual([]);

		const exchanges = f.sim.count(EXCHANGE_PATH);
		const pushCode = f.sim.createAuthorizationCode(TEA.appId);
		const push = authorizedPush(TEA.appId, pushCode);
		expect((await send(restricted.url('authorization'), push)).body).toBe('success');
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges);
		expect(restricted.executions.at(-1)!.json).toMatchObject({
			authorizerAppId: TEA.appId,
			authorizationExchanged: false,
		});
		expect(await keysOf(TEA.appId)).toEqual([]);
	});

	test('Exchange Authorization Code = off holds on the page', async () => {
		const manual = await f.serve({ options: { exchangeAuthorizationCode: false } });
		const exchanges = f.sim.count(EXCHANGE_PATH);
		const code = f.sim.createAuthorizationCode(TEA.appId);
		const page = await get(`${manual.url('authorized')}?auth_code=${encodeURIComponent(code)}`);
		expect(page.status).toBe(200);
		expect(page.body).toMatch(/Authorization received/);
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges);
		expect(await keysOf(TEA.appId)).toEqual([]);
	});
});

test('nothing secret reached a log, a page or an item', () => {
	const everything =
		JSON.stringify(f.servers.map((s) => s.executions)) +
		f.servers.map((s) => s.logger.text()).join('\n');
	for (const secret of secretsOf(f.component)) expect(everything).not.toContain(secret);
});
