import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	WeChatApiError,
	WeChatAuthorizationLostError,
	WeChatPlatformError,
} from '../../core/api/errors';
import { WeChatPlatform } from '../../core/platform';
import { closeAllPlatforms, getPlatform } from '../../core/platformRegistry';
import { MERCHANT_APPID, configFor, startFixture, type Fixture } from '../helpers/platformSetup';
import { internals } from '../helpers/platformInternals';

const ISSUE_PATH = '/cgi-bin/component/api_component_token';
const REFRESH_PATH = '/cgi-bin/component/api_authorizer_token';
const LIST = '/cgi-bin/component/api_get_authorizer_list';
const USERS = '/cgi-bin/user/get';

let f: Fixture;
let root: string;
let platform: WeChatPlatform;
let n = 0;

beforeAll(async () => {
	root = await fs.mkdtemp(join(tmpdir(), 'wx-tokens-'));
});
afterAll(async () => {
	await fs.rm(root, { recursive: true, force: true });
});

/** A platform on a fresh file store with a ticket and an authorized account (via api_query_auth). */
async function authorizedPlatform(): Promise<WeChatPlatform> {
	const p = new WeChatPlatform(configFor(f, { kind: 'file', baseDir: join(root, `run-${++n}`) }));
	await p.saveTicket(f.sim.issueTicket());
	await p.queryAuth(f.sim.createAuthorizationCode(MERCHANT_APPID));
	return p;
}

/** Makes the next call refresh both tokens, as after a restart with expired tokens. */
async function dropTokens(p: WeChatPlatform): Promise<void> {
	await internals(p).tokens.invalidate('component', undefined, await p.getComponentAccessToken());
	await internals(p).tokens.invalidate(
		'authorizer',
		MERCHANT_APPID,
		await p.getAuthorizerAccessToken(MERCHANT_APPID),
	);
}

beforeEach(async () => {
	f = await startFixture();
	platform = await authorizedPlatform();
	f.sim.clearRecords();
});
afterEach(async () => {
	await platform.close();
	await f.sim.close();
	await closeAllPlatforms();
});

test('200 concurrent getAuthorizerAccessToken → exactly 1 api_component_token and 1 api_authorizer_token', async () => {
	await dropTokens(platform);
	f.sim.clearRecords();
	const tokens = await Promise.all(
		Array.from({ length: 200 }, () => platform.getAuthorizerAccessToken(MERCHANT_APPID)),
	);
	expect(new Set(tokens).size).toBe(1);
	expect(f.sim.count(ISSUE_PATH)).toBe(1);
	expect(f.sim.count(REFRESH_PATH)).toBe(1);
	// and the token works
	await expect(
		platform.authorizerRequest(MERCHANT_APPID, { method: 'GET', path: USERS }),
	).resolves.toHaveProperty('total');
	console.log(
		`[measured] 200 concurrent, 1 process: api_component_token=${f.sim.count(ISSUE_PATH)} api_authorizer_token=${f.sim.count(REFRESH_PATH)}`,
	);
});

test('a stored valid token is used without any token request', async () => {
	await Promise.all(
		Array.from({ length: 20 }, () => platform.getAuthorizerAccessToken(MERCHANT_APPID)),
	);
	expect(f.sim.count(ISSUE_PATH) + f.sim.count(REFRESH_PATH)).toBe(0);
});

test('no ticket yet → NO_TICKET error with a hint, and no request to WeChat', async () => {
	const fresh = new WeChatPlatform(configFor(f, { kind: 'memory' }));
	expect(await fresh.hasTicket()).toBe(false);
	const error = await fresh.getComponentAccessToken().catch((e: unknown) => e);
	expect(error).toBeInstanceOf(WeChatPlatformError);
	expect((error as WeChatPlatformError).code).toBe('NO_TICKET');
	expect((error as WeChatPlatformError).hint).toMatch(/every 10 minutes.*Start Ticket Push/);
	expect(f.sim.count(ISSUE_PATH)).toBe(0);
});

test('a late, older ticket push does not replace a newer ticket', async () => {
	const p = new WeChatPlatform(configFor(f, { kind: 'memory' }));
	const newer = f.sim.issueTicket();
	expect(await p.saveTicket(newer, 2000)).toBe(true);
	expect(await p.saveTicket('ticket@@@older', '1000')).toBe(false);
	expect(await internals(p).tokens.getTicket()).toBe(newer);
});

test('a rotated refresh token is persisted and used next time', async () => {
	const before = (await internals(platform).tokens.readAuthorizer(MERCHANT_APPID))?.refreshToken;
	f.sim.rotateRefreshTokenOnNextRefresh(MERCHANT_APPID);
	await dropTokens(platform);
	await platform.getAuthorizerAccessToken(MERCHANT_APPID);
	const rotated = f.sim.state.authorizers.get(MERCHANT_APPID)?.refreshToken;
	expect(rotated).not.toBe(before);
	expect((await internals(platform).tokens.readAuthorizer(MERCHANT_APPID))?.refreshToken).toBe(
		rotated,
	);
	// A second refresh with the persisted token works without touching the authorizer list.
	await dropTokens(platform);
	f.sim.clearRecords();
	await platform.getAuthorizerAccessToken(MERCHANT_APPID);
	expect(f.sim.count(REFRESH_PATH)).toBe(1);
	expect(f.sim.count(LIST)).toBe(0);
});

test('40001 storm: 50 callers holding a superseded token → one refresh, all succeed', async () => {
	const stale = await platform.getAuthorizerAccessToken(MERCHANT_APPID);
	f.sim.invalidateToken(stale);
	f.sim.clearRecords();
	const results = await Promise.all(
		Array.from({ length: 50 }, () =>
			platform.authorizerRequest<{ total: number }>(MERCHANT_APPID, { method: 'GET', path: USERS }),
		),
	);
	expect(results).toHaveLength(50);
	expect(f.sim.count(REFRESH_PATH)).toBe(1);
	expect(f.sim.count(USERS)).toBe(100);
	console.log(
		`[measured] 40001 storm, 50 callers: api_authorizer_token=${f.sim.count(REFRESH_PATH)} user/get=${f.sim.count(USERS)}`,
	);
});

test('40001 storm on the component token → one api_component_token', async () => {
	f.sim.invalidateToken(await platform.getComponentAccessToken());
	f.sim.clearRecords();
	const codes = await Promise.all(Array.from({ length: 50 }, () => platform.createPreAuthCode()));
	expect(new Set(codes.map((c) => c.preAuthCode)).size).toBe(50);
	expect(f.sim.count(ISSUE_PATH)).toBe(1);
});

test('expired tokens (42001, simulated clock +2 h) are refreshed once and the call retried once', async () => {
	await platform.getAuthorizerAccessToken(MERCHANT_APPID);
	f.sim.clock.advance(7201 * 1000);
	f.sim.clearRecords();
	await expect(
		platform.authorizerRequest(MERCHANT_APPID, { method: 'GET', path: USERS }),
	).resolves.toHaveProperty('total');
	expect(f.sim.count(USERS)).toBe(2);
	expect(f.sim.count(ISSUE_PATH)).toBe(1);
	expect(f.sim.count(REFRESH_PATH)).toBe(2); // 42001 with the old component token, then success
});

test('a token error that persists after one refresh is not retried again', async () => {
	f.sim.failNext(USERS, 40001, 5);
	const error = await platform
		.authorizerRequest(MERCHANT_APPID, { method: 'GET', path: USERS })
		.catch((e: unknown) => e);
	expect((error as WeChatApiError).errcode).toBe(40001);
	expect(f.sim.count(USERS)).toBe(2);
});

test('-1 twice then success → succeeds', async () => {
	f.sim.failNext(USERS, -1, 2);
	await expect(
		platform.authorizerRequest(MERCHANT_APPID, { method: 'GET', path: USERS }),
	).resolves.toHaveProperty('total');
	expect(f.sim.count(USERS)).toBe(3);
});

test('61004 → error with the whitelist hint, no retry', async () => {
	await platform.getComponentAccessToken();
	f.sim.setIpWhitelisted(false);
	f.sim.clearRecords();
	const error = (await platform.createPreAuthCode().catch((e: unknown) => e)) as WeChatApiError;
	expect(error).toBeInstanceOf(WeChatApiError);
	expect(error.errcode).toBe(61004);
	expect(error.hint).toMatch(/egress IP to the platform's IP whitelist/);
	expect(error.endpoint).toBe(
		'/cgi-bin/component/api_create_preauthcode?component_access_token=***',
	);
	expect(f.sim.count('/cgi-bin/component/api_create_preauthcode')).toBe(1);
	expect(Object.values(f.sim.counts()).reduce((a, b) => a + b, 0)).toBe(1);
});

test('wrong AppSecret → 40125 with a hint about the secret, fails fast', async () => {
	const p = new WeChatPlatform(
		configFor(f, { kind: 'memory' }, { componentAppSecret: 'not-the-secret' }),
	);
	await p.saveTicket(f.sim.issueTicket());
	const error = (await p.getComponentAccessToken().catch((e: unknown) => e)) as WeChatApiError;
	expect(error.errcode).toBe(40125);
	expect(error.hint).toMatch(/AppSecret/);
	expect(error.message).not.toContain('not-the-secret');
	expect(f.sim.count(ISSUE_PATH)).toBe(1);
});

test('61023: a wrong stored refresh token is re-synced from api_get_authorizer_list once', async () => {
	const record = await internals(platform).tokens.readAuthorizer(MERCHANT_APPID);
	await internals(platform).store.set(
		`authorizer:${MERCHANT_APPID}`,
		JSON.stringify({ ...record, accessToken: undefined, refreshToken: 'refreshtoken@@@stale' }),
	);
	f.sim.clearRecords();
	await expect(platform.getAuthorizerAccessToken(MERCHANT_APPID)).resolves.toEqual(
		expect.any(String),
	);
	expect(f.sim.count(LIST)).toBe(1);
	expect(f.sim.count(REFRESH_PATH)).toBe(2);
	expect((await internals(platform).tokens.readAuthorizer(MERCHANT_APPID))?.refreshToken).toBe(
		f.sim.state.authorizers.get(MERCHANT_APPID)?.refreshToken,
	);
});

test('61023 even after the re-sync → "authorization lost, authorize again"', async () => {
	await dropTokens(platform);
	const record = await internals(platform).tokens.readAuthorizer(MERCHANT_APPID);
	await internals(platform).store.set(
		`authorizer:${MERCHANT_APPID}`,
		JSON.stringify({ ...record, refreshToken: 'refreshtoken@@@stale' }),
	);
	f.sim.failNext(REFRESH_PATH, 61023, 2);
	f.sim.clearRecords();
	const error = await platform.getAuthorizerAccessToken(MERCHANT_APPID).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(WeChatAuthorizationLostError);
	expect((error as Error).message).toMatch(
		/Authorization lost for wxa0a0a0a1ae000001, the merchant must authorize again/,
	);
	expect(f.sim.count(LIST)).toBe(1);
	expect(f.sim.count(REFRESH_PATH)).toBe(2);
	// the stored record is not thrown away
	expect(await internals(platform).tokens.readAuthorizer(MERCHANT_APPID)).toBeDefined();
});

test('an empty store (e.g. Redis lost) recovers the refresh token from the authorizer list, no re-authorization', async () => {
	const fresh = new WeChatPlatform(configFor(f, { kind: 'memory' }));
	await fresh.saveTicket(f.sim.issueTicket());
	await expect(
		fresh.authorizerRequest(MERCHANT_APPID, { method: 'GET', path: USERS }),
	).resolves.toHaveProperty('total');
	expect(await fresh.listAuthorizers()).toEqual([
		expect.objectContaining({ appId: MERCHANT_APPID }),
	]);
	const unknown = await fresh
		.getAuthorizerAccessToken('wx0000000000000bad')
		.catch((e: unknown) => e);
	expect((unknown as WeChatPlatformError).code).toBe('UNKNOWN_AUTHORIZER');
});

test('queryAuth stores the account with its names and returns no tokens; forgetAuthorizer removes it', async () => {
	const code = f.sim.createAuthorizationCode(MERCHANT_APPID);
	const info = await platform.queryAuth(code);
	expect(info.authorizer_appid).toBe(MERCHANT_APPID);
	expect(info).not.toHaveProperty('authorizer_access_token');
	expect(info).not.toHaveProperty('authorizer_refresh_token');
	expect(await platform.listAuthorizers()).toEqual([
		{
			appId: MERCHANT_APPID,
			nickName: 'Test Coffee',
			userName: 'gh_a0th0r1zer01',
			accountType: 'official account',
			authorizedAt: expect.any(String),
		},
	]);
	const list = await platform.getAuthorizerList();
	expect(list.list[0]).toEqual({ authorizer_appid: MERCHANT_APPID, auth_time: expect.any(Number) });
	expect(JSON.stringify(list)).not.toContain('refreshtoken');
	await platform.forgetAuthorizer(MERCHANT_APPID);
	expect(await platform.listAuthorizers()).toEqual([]);
	expect(await internals(platform).tokens.readAuthorizer(MERCHANT_APPID)).toBeUndefined();
});

test('queryAuthDetailed returns what queryAuth returns plus the names it fetched, with one api_get_authorizer_info and no tokens', async () => {
	const code = f.sim.createAuthorizationCode(MERCHANT_APPID);
	const infos = f.sim.count('/cgi-bin/component/api_get_authorizer_info');
	const { authorization, authorizerInfo } = await platform.queryAuthDetailed(code);
	expect(f.sim.count('/cgi-bin/component/api_get_authorizer_info')).toBe(infos + 1);
	expect(authorization.authorizer_appid).toBe(MERCHANT_APPID);
	expect(authorization).not.toHaveProperty('authorizer_access_token');
	expect(authorization).not.toHaveProperty('authorizer_refresh_token');
	expect(authorizerInfo?.authorizer_info).toMatchObject({
		nick_name: 'Test Coffee',
		user_name: 'gh_a0th0r1zer01',
	});
	expect(authorizerInfo?.authorization_info.authorizer_appid).toBe(MERCHANT_APPID);
	expect(authorizerInfo?.authorization_info).not.toHaveProperty('authorizer_refresh_token');
	const stored = await internals(platform).tokens.readAuthorizer(MERCHANT_APPID);
	const secrets = [stored?.accessToken, stored?.refreshToken];
	expect(secrets).toEqual([expect.any(String), expect.any(String)]);
	const returned = JSON.stringify({ authorization, authorizerInfo });
	for (const secret of secrets) expect(returned).not.toContain(secret);
	await platform.forgetAuthorizer(MERCHANT_APPID);
	expect(await platform.listAuthorizers()).toEqual([]);
});

test('authorizer options, clear quota and start push ticket go through', async () => {
	await expect(platform.setAuthorizerOption(MERCHANT_APPID, 'voice_recognize', 1)).resolves.toEqual(
		{ errcode: 0, errmsg: 'ok' },
	);
	await expect(
		platform.getAuthorizerOption(MERCHANT_APPID, 'voice_recognize'),
	).resolves.toMatchObject({ option_value: '1' });
	await expect(platform.clearQuota()).resolves.toEqual({ errcode: 0, errmsg: 'ok' });
	await expect(platform.clearQuota(MERCHANT_APPID)).resolves.toEqual({ errcode: 0, errmsg: 'ok' });
	await expect(platform.startPushTicket()).resolves.toEqual({ errcode: 0, errmsg: 'ok' });
});

test('OAuth on behalf: exchange, refresh, user info', async () => {
	f.sim.addUser(MERCHANT_APPID, 'oUser0000000000000000000001', { nickname: 'Lin' } as never);
	const code = f.sim.createOAuthCode(
		MERCHANT_APPID,
		'oUser0000000000000000000001',
		'snsapi_userinfo',
	);
	const token = await platform.exchangeOAuthCode(MERCHANT_APPID, code);
	expect(token.openid).toBe('oUser0000000000000000000001');
	const refreshed = await platform.refreshOAuthToken(MERCHANT_APPID, token.refresh_token);
	expect(refreshed.access_token).toEqual(expect.any(String));
	const user = await platform.getOAuthUserInfo(refreshed.access_token, token.openid);
	expect(user.openid).toBe('oUser0000000000000000000001');
});

test('markSeen is true only the first time', async () => {
	expect(await platform.markSeen('msg:1', 60_000)).toBe(true);
	expect(await platform.markSeen('msg:1', 60_000)).toBe(false);
	expect(await platform.markSeen('msg:2', 60_000)).toBe(true);
});

test('authorization and OAuth URLs', () => {
	// Against WeChat itself (any non-loopback API base, e.g. a forward proxy) the pages are WeChat's.
	const official = getPlatform({
		...configFor(f, { kind: 'memory' }),
		apiBaseUrl: 'https://wechat-proxy.example.com',
	});
	const pc = new URL(
		official.buildAuthorizationUrl({
			preAuthCode: 'preauthcode@@@x',
			redirectUri: 'https://n8n.example.com/back?a=1',
			bizAppId: 'wxb1b1b1b1b1b1b1b1',
		}),
	);
	expect(pc.origin + pc.pathname).toBe('https://mp.weixin.qq.com/cgi-bin/componentloginpage');
	expect(Object.fromEntries(pc.searchParams)).toEqual({
		component_appid: 'wx0c0e0e0e0e000001',
		pre_auth_code: 'preauthcode@@@x',
		redirect_uri: 'https://n8n.example.com/back?a=1',
		auth_type: '3',
		biz_appid: 'wxb1b1b1b1b1b1b1b1',
	});
	const mobile = official.buildAuthorizationUrl({
		preAuthCode: 'p',
		redirectUri: 'https://x/y',
		mobile: true,
		authType: 1,
		categoryIdList: [1, 2],
	});
	expect(mobile).toMatch(
		/^https:\/\/open\.weixin\.qq\.com\/wxaopen\/safe\/bindcomponent\?action=bindcomponent&no_scan=1&component_appid=wx0c0e0e0e0e000001&/,
	);
	expect(mobile).toContain('category_id_list=1%7C2');
	expect(mobile.endsWith('#wechat_redirect')).toBe(true);
	// Against the local simulator the merchant is sent to the simulator's copy of the same pages.
	const local = new URL(
		platform.buildAuthorizationUrl({ preAuthCode: 'p', redirectUri: 'https://x/y' }),
	);
	expect(local.origin + local.pathname).toBe(`${f.sim.url}/cgi-bin/componentloginpage`);
	const localMobile = new URL(
		platform.buildAuthorizationUrl({ preAuthCode: 'p', redirectUri: 'https://x/y', mobile: true }),
	);
	expect(localMobile.origin + localMobile.pathname).toBe(`${f.sim.url}/wxaopen/safe/bindcomponent`);
	const oauth = platform.buildOAuthUrl({
		appId: MERCHANT_APPID,
		redirectUri: 'https://x/cb',
		scope: 'snsapi_base',
		state: 's1',
	});
	expect(oauth).toBe(
		'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wxa0a0a0a1ae000001&redirect_uri=https%3A%2F%2Fx%2Fcb&response_type=code&scope=snsapi_base&state=s1&component_appid=wx0c0e0e0e0e000001#wechat_redirect',
	);
});

test('getPlatform: one instance per component and configuration', () => {
	const config = configFor(f, { kind: 'memory' });
	const a = getPlatform(config);
	expect(getPlatform({ ...config, store: { kind: 'memory' } })).toBe(a);
	expect(getPlatform({ ...config, componentAppSecret: 'other' })).not.toBe(a);
	expect(a.crypto.signature('1', '2', '3')).toMatch(/^[0-9a-f]{40}$/);
});
