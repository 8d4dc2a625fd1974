/**
 * The jsapi_ticket cached per authorizer (core/tokens/jsapiTicket.ts) and JS-SDK → Get Config,
 * against the simulator's getticket (lifetime, daily quota) and its wx.config check.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { WeChatApiError } from '../../core/api/errors';
import { WeChatPlatform } from '../../core/platform';
import { closeAllPlatforms } from '../../core/platformRegistry';
import { KEYS } from '../../core/tokens/records';
import { WeChatOpenPlatform } from '../../nodes/WeChatOpenPlatform/WeChatOpenPlatform.node';
import { platformFor } from '../../nodes/shared/platform';
import { jsapiTickets, verifyJsSdkSignature } from '../../simulator/jsapiTickets';
import { executeContext } from '../helpers/n8n';
import { internals } from '../helpers/platformInternals';
import { MERCHANT_APPID, configFor, startFixture, type Fixture } from '../helpers/platformSetup';

const GETTICKET = '/cgi-bin/ticket/getticket';
const PAGE = 'https://shop.example.com/pay?order=42';

let f: Fixture;
let baseDir: string;
let platform: WeChatPlatform;

beforeEach(async () => {
	f = await startFixture();
	baseDir = await fs.mkdtemp(join(tmpdir(), 'wx-jsapi-'));
	platform = new WeChatPlatform(configFor(f, { kind: 'file', baseDir }));
	await platform.saveTicket(f.sim.issueTicket());
	await platform.queryAuth(f.sim.createAuthorizationCode(MERCHANT_APPID));
	f.sim.clearRecords();
});
afterEach(async () => {
	await platform.close();
	await closeAllPlatforms();
	await f.sim.close();
	await fs.rm(baseDir, { recursive: true, force: true });
});

const accepted = (c: {
	appId: string;
	url: string;
	nonceStr: string;
	timestamp: number;
	signature: string;
}) => verifyJsSdkSignature(f.sim.state, { ...c, timestamp: String(c.timestamp) });

test('30 concurrent configs → one getticket; every signature passes wx.config', async () => {
	const configs = await Promise.all(
		Array.from({ length: 30 }, (_, i) =>
			platform.getJsSdkConfig(MERCHANT_APPID, `${PAGE}&n=${i}#top`),
		),
	);
	expect(f.sim.count(GETTICKET)).toBe(1);
	for (const c of configs) {
		expect(c.url).not.toContain('#');
		expect(accepted(c)).toBe(true);
	}
	// A config for another URL than the page's is refused by wx.config.
	expect(accepted({ ...configs[0], url: `${PAGE}&other=1` })).toBe(false);
	console.log(`[measured] 30 concurrent Get Config: getticket=${f.sim.count(GETTICKET)}`);
});

test('the ticket survives a restart (file store): no second getticket', async () => {
	const first = await platform.getJsSdkConfig(MERCHANT_APPID, PAGE);
	await platform.close();
	platform = new WeChatPlatform(configFor(f, { kind: 'file', baseDir }));
	const again = await platform.getJsSdkConfig(MERCHANT_APPID, PAGE);
	expect(f.sim.count(GETTICKET)).toBe(1);
	expect(accepted(again)).toBe(true);
	expect(again.signature).not.toBe(first.signature); // new nonce, same ticket
	// Nothing about the ticket is in the item-facing config.
	const stored = JSON.parse(
		String(await internals(platform).store.get(KEYS.jsapiTicket(MERCHANT_APPID))),
	);
	expect(JSON.stringify(again)).not.toContain(stored.ticket);
});

test('a ticket due for refresh (its refresh time passed) is replaced once; the old one is not reused', async () => {
	await platform.getJsSdkConfig(MERCHANT_APPID, PAGE);
	const { store } = internals(platform);
	const key = KEYS.jsapiTicket(MERCHANT_APPID);
	const old = JSON.parse(String(await store.get(key)));
	// As if its 2 hours had passed (the record only: the access token stays valid here).
	await store.set(
		key,
		JSON.stringify({ ...old, refreshAt: Date.now() - 1, expiresAt: Date.now() - 1 }),
	);
	const fresh = await Promise.all(
		[1, 2, 3].map(() => platform.getJsSdkConfig(MERCHANT_APPID, PAGE)),
	);
	expect(f.sim.count(GETTICKET)).toBe(2);
	const now = JSON.parse(String(await store.get(key)));
	expect(now.ticket).not.toBe(old.ticket);
	for (const c of fresh) expect(accepted(c)).toBe(true);
});

test('Force Refresh fetches a new ticket; a rejected access token is refreshed and getticket retried once', async () => {
	await platform.getJsSdkConfig(MERCHANT_APPID, PAGE);
	await platform.getJsSdkConfig(MERCHANT_APPID, PAGE, { forceRefresh: true });
	expect(f.sim.count(GETTICKET)).toBe(2);

	f.sim.invalidateToken(await platform.getAuthorizerAccessToken(MERCHANT_APPID));
	const c = await platform.getJsSdkConfig(MERCHANT_APPID, PAGE, { forceRefresh: true });
	expect(accepted(c)).toBe(true);
	expect(f.sim.count('/cgi-bin/component/api_authorizer_token')).toBe(1);
	expect(f.sim.count(GETTICKET)).toBe(4); // 40001, then the retry
});

test('the daily quota (45009) is a typed error with a hint; the next day works again', async () => {
	jsapiTickets(f.sim.state).dailyQuota = 1;
	await platform.getJsSdkConfig(MERCHANT_APPID, PAGE);
	const error = await platform
		.getJsSdkConfig(MERCHANT_APPID, PAGE, { forceRefresh: true })
		.catch((e: unknown) => e);
	expect(error).toBeInstanceOf(WeChatApiError);
	expect(error).toMatchObject({ errcode: 45009, hint: expect.stringMatching(/quota/) });
	// The next simulated day (WeChat has pushed a new component ticket meanwhile), a ticket again.
	f.sim.clock.advance(24 * 3600_000);
	await platform.saveTicket(f.sim.issueTicket());
	expect(accepted(await platform.getJsSdkConfig(MERCHANT_APPID, PAGE))).toBe(true);
});

test('a bad page URL spends no getticket', async () => {
	await expect(platform.getJsSdkConfig(MERCHANT_APPID, 'shop.example.com')).rejects.toMatchObject({
		code: 'INVALID_URL',
	});
	expect(f.sim.count(GETTICKET)).toBe(0);
});

test('JS-SDK → Get Config in the action node', async () => {
	const credentials = {
		componentAppId: f.component.appId,
		componentAppSecret: f.component.appSecret,
		token: f.component.token,
		encodingAESKey: f.component.encodingAESKey,
		apiBaseUrl: f.sim.url,
		store: 'file',
	};
	process.env.N8N_USER_FOLDER = baseDir;
	const nodePlatform = await platformFor({ getCredentials: async () => credentials });
	await nodePlatform.saveTicket(f.sim.issueTicket());
	await nodePlatform.queryAuth(f.sim.createAuthorizationCode(MERCHANT_APPID));
	const [out] = await executeContext({
		nodeType: new WeChatOpenPlatform(),
		parameters: {
			resource: 'jsSdk',
			operation: 'getConfig',
			authorizer: { __rl: true, mode: 'id', value: MERCHANT_APPID },
			pageUrl: '={{ $json.query.url }}',
		},
		items: [{ json: { query: { url: `${PAGE}#frag` } } }],
		credentials,
	}).run();
	expect(out[0].json).toMatchObject({ appId: MERCHANT_APPID, url: PAGE });
	expect(Object.keys(out[0].json).sort()).toEqual([
		'appId',
		'nonceStr',
		'signature',
		'timestamp',
		'url',
	]);
	expect(accepted(out[0].json as never)).toBe(true);
});
