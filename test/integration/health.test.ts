/**
 * Platform health: each condition an operator must hear about is produced for real (trigger over
 * HTTP, simulator, file store) and shows up in the platform's status with the right flag.
 */
import { WeChatAuthorizationLostError, WeChatApiError } from '../../core/api/errors';
import type { WeChatPlatform } from '../../core/platform';
import { KEYS } from '../../core/tokens/records';
import { buildPush, ticketXml } from '../../simulator/push';
import type { WebhookServer } from '../helpers/n8n';
import { internals } from '../helpers/platformInternals';
import { secretsOf, startTriggerFixture, type TriggerFixture } from '../helpers/triggerFixture';

const OA = { appId: 'wx0a1b2c3d4e5f6b01', userName: 'gh_0a1b2c3d4e61', nickName: 'Health Cafe' };
const SHOP = { appId: 'wx0a1b2c3d4e5f6b02', userName: 'gh_0a1b2c3d4e62', nickName: 'Health Shop' };

let f: TriggerFixture;
let server: WebhookServer;
let platform: WeChatPlatform;

const status = (o: { includeAccounts?: boolean; now?: number } = {}) =>
	platform.getStatus({ includeAccounts: true, ...o });
const account = async (appId: string) =>
	(await status()).accounts.find((a) => a.authorizerAppId === appId);
const authorize = async (appId: string) => {
	const r = await f.sim.pushAuthorizationEvent(server.url('authorization'), {
		infoType: 'authorized',
		authorizerAppId: appId,
		authorizationCode: f.sim.createAuthorizationCode(appId),
	});
	expect(r.status).toBe(200);
};

beforeAll(async () => {
	f = await startTriggerFixture();
	f.sim.addAuthorizer(OA);
	f.sim.addAuthorizer(SHOP);
	server = await f.serve({ authorizationEvents: ['authorized', 'unauthorized'] });
	platform = f.platform();
});
afterAll(() => f.close());

describe('the ticket', () => {
	test('none yet: the platform needs attention and says why', async () => {
		const { platform: p } = await status();
		expect(p).toMatchObject({
			type: 'platform',
			componentAppId: f.component.appId,
			storeKind: 'file',
			storeAnswers: true,
			ticketReceivedAt: null,
			ticketAgeMinutes: null,
			needsAttention: true,
		});
		expect(p.attentionReasons.join(' ')).toMatch(/no component_verify_ticket/);
	});

	test('a pushed ticket shows with its age and the authorization URL push; old ones flag the platform', async () => {
		const before = Date.now();
		expect((await f.sim.pushTicket(server.url('authorization'))).status).toBe(200);
		const fresh = (await status()).platform;
		expect(fresh.ticketAgeMinutes).toBe(0);
		expect(Date.parse(fresh.ticketReceivedAt!)).toBeGreaterThanOrEqual(before);
		expect(Date.parse(fresh.lastAuthorizationPushAt!)).toBeGreaterThanOrEqual(before);
		expect(fresh.lastMessagePushAt).toBeNull();
		expect(fresh.needsAttention).toBe(false);
		expect(fresh.attentionReasons).toEqual([]);

		// WeChat stopped pushing (the simulator can be told so: setTicketPushUrl(undefined)); seen
		// 31 minutes later, the same ticket is too old.
		const later = (await status({ now: Date.now() + 31 * 60_000 })).platform;
		expect(later.ticketAgeMinutes).toBe(31);
		expect(later.needsAttention).toBe(true);
		expect(later.attentionReasons.join(' ')).toMatch(/31 minutes ago/);
	});

	test('the component token expiry shows once a token was fetched', async () => {
		await platform.getComponentAccessToken();
		const p = (await status()).platform;
		expect(Date.parse(p.componentTokenExpiresAt!)).toBeGreaterThan(Date.now() + 60 * 60_000);
	});
});

describe('rejected requests, counted by reason', () => {
	const keys = () => ({
		appId: f.component.appId,
		token: f.component.token,
		encodingAESKey: f.component.encodingAESKey,
	});
	const send = (push: { query: Record<string, string>; body: string }) =>
		f.sim.sendRaw(server.url('authorization'), { body: push.body, query: push.query });
	const ticket = () => ticketXml(f.component.appId, 'ticket@@@x', Math.floor(Date.now() / 1000));

	test('bad signature, undecryptable, wrong AppID and stale requests', async () => {
		const start = (await status()).platform.rejected;

		const forged = buildPush(keys(), ticket(), { envelope: { appId: f.component.appId } });
		forged.query.msg_signature = '0'.repeat(40);
		expect((await send(forged)).status).toBe(403);

		// Signed with the right Token, encrypted with another key: the signature holds, decryption fails.
		const otherKey = buildPush({ ...keys(), encodingAESKey: 'B'.repeat(43) }, ticket(), {
			envelope: { appId: f.component.appId },
		});
		expect((await send(otherKey)).status).toBe(400);

		const otherPlatform = buildPush({ ...keys(), appId: 'wx9999999999999999' }, ticket(), {
			envelope: { appId: 'wx9999999999999999' },
		});
		expect((await send(otherPlatform)).status).toBe(400);

		const stale = buildPush(keys(), ticket(), {
			envelope: { appId: f.component.appId },
			timestamp: String(Math.floor(Date.now() / 1000) - 3600),
		});
		expect((await send(stale)).status).toBe(403);
		expect((await send(stale)).status).toBe(403);

		const p = (await status()).platform;
		expect(p.rejected).toEqual({
			badSignature: start.badSignature + 1,
			undecryptable: start.undecryptable + 1,
			wrongAppId: start.wrongAppId + 1,
			stale: start.stale + 2,
		});
		expect(p.rejectedByProcess).toHaveLength(1);
		expect(p.rejectedByProcess[0].process).toBe(platform.health.processId);
		expect(server.executions).toHaveLength(0);
	});
});

describe('accounts', () => {
	test('an authorized account shows its authorization, token and refresh; the message URL push is recorded', async () => {
		await authorize(OA.appId);
		await f.sim.pushMessage(server.url(`${OA.appId}/callback`), OA.appId, {
			MsgType: 'text',
			Content: 'hello',
		});
		const { platform: p, accounts } = await status();
		expect(p.lastMessagePushAt).not.toBeNull();
		const a = accounts.find((x) => x.authorizerAppId === OA.appId)!;
		expect(a).toMatchObject({
			type: 'account',
			nickName: OA.nickName,
			needsAttention: false,
			attentionReason: null,
			lastRefreshResult: 'ok',
			lastError: null,
		});
		expect(Date.parse(a.accessTokenExpiresAt!)).toBeGreaterThan(Date.now());
		expect(Date.parse(a.authorizedAt!)).toBeLessThanOrEqual(Date.now());
	});

	test('61007 (permission not granted) flags the account until it authorizes again', async () => {
		f.sim.failNext('/cgi-bin/menu/get', 61007);
		await expect(
			platform.authorizerRequest(OA.appId, { method: 'GET', path: '/cgi-bin/menu/get' }),
		).rejects.toMatchObject({ errcode: 61007 });
		await platform.health.settled();
		const a = (await account(OA.appId))!;
		expect(a.needsAttention).toBe(true);
		expect(a.attentionReason).toMatch(/permission was not granted/);
		expect(a.lastError).toMatchObject({ errcode: 61007 });
		expect(a.lastRefreshResult).toBe('ok');
		expect((await status({ includeAccounts: false })).platform).toMatchObject({
			accountsNeedingAttention: 1,
			needsAttention: true,
		});

		await authorize(OA.appId);
		expect((await account(OA.appId))!.needsAttention).toBe(false);
		expect((await status()).platform.accountsNeedingAttention).toBe(0);
	});

	const dropAccessToken = async (appId: string) => {
		const stored = await internals(platform).tokens.readAuthorizer(appId);
		await internals(platform).tokens.invalidate('authorizer', appId, stored!.accessToken!);
	};

	test('61023 (refresh token rejected) during a refresh: must authorize again, last refresh failed', async () => {
		await authorize(SHOP.appId);
		f.sim.failNext('/cgi-bin/component/api_authorizer_token', 61023);
		await dropAccessToken(SHOP.appId);
		const error = await platform
			.getAuthorizerAccessToken(SHOP.appId)
			.catch((e: unknown) => e as WeChatApiError);
		expect(error).toBeInstanceOf(WeChatAuthorizationLostError);
		await platform.health.settled();
		const a = (await account(SHOP.appId))!;
		expect(a).toMatchObject({
			needsAttention: true,
			lastRefreshResult: 'failed',
			lastError: { errcode: 61023 },
		});
		expect(a.attentionReason).toMatch(/must authorize the platform again/);
		expect(JSON.stringify(await status())).not.toMatch(
			new RegExp(secretsOf(f.component).join('|')),
		);
	});

	test('61023 when an expired access token is refreshed: last refresh failed, its time unchanged', async () => {
		// The record keeps its expired access token (as after a long pause); the 61023 re-sync from the
		// authorizer list rewrites the record without a new token, which is not a refresh. (OA: the
		// recorder keeps one 61023 a minute per account, and SHOP's was recorded just before.)
		await authorize(OA.appId);
		const before = (await account(OA.appId))!;
		expect(before.lastRefreshResult).toBe('ok');
		const { store } = internals(platform);
		const key = KEYS.authorizer(OA.appId);
		const past = Date.now() - 1000;
		await store.set(
			key,
			JSON.stringify({ ...JSON.parse((await store.get(key))!), refreshAt: past, expiresAt: past }),
		);
		f.sim.failNext('/cgi-bin/component/api_authorizer_token', 61023);
		await expect(platform.getAuthorizerAccessToken(OA.appId)).rejects.toBeInstanceOf(
			WeChatAuthorizationLostError,
		);
		await platform.health.settled();
		const a = (await account(OA.appId))!;
		expect(a).toMatchObject({ lastRefreshResult: 'failed', lastError: { errcode: 61023 } });
		expect(a.lastRefreshAt).toBe(before.lastRefreshAt);
	});

	test('61003 (revoked in WeChat, no push arrived): the account shows as disconnected', async () => {
		await authorize(SHOP.appId);
		expect((await account(SHOP.appId))!.needsAttention).toBe(false);
		f.sim.unauthorize(SHOP.appId);
		await dropAccessToken(SHOP.appId);
		await expect(platform.getAuthorizerAccessToken(SHOP.appId)).rejects.toMatchObject({
			errcode: 61003,
		});
		await platform.health.settled();
		const a = (await account(SHOP.appId))!;
		expect(a).toMatchObject({ needsAttention: true, lastRefreshResult: 'failed' });
		expect(a.attentionReason).toMatch(/disconnected/);
	});

	test('an unauthorized push: the account stays listed as disconnected', async () => {
		await authorize(SHOP.appId);
		expect((await account(SHOP.appId))!.needsAttention).toBe(false);
		f.sim.unauthorize(SHOP.appId);
		const r = await f.sim.pushAuthorizationEvent(server.url('authorization'), {
			infoType: 'unauthorized',
			authorizerAppId: SHOP.appId,
		});
		expect(r.status).toBe(200);
		const a = (await account(SHOP.appId))!;
		expect(a).toMatchObject({ needsAttention: true, authorizedAt: null });
		expect(a.disconnectedAt).not.toBeNull();
		expect(a.attentionReason).toMatch(/disconnected/);
	});
});

describe('platform-wide WeChat errors', () => {
	test('61004 (IP not whitelisted) flags the platform until a token is fetched again', async () => {
		f.sim.setIpWhitelisted(false);
		await expect(platform.getAuthorizerInfo(OA.appId)).rejects.toMatchObject({ errcode: 61004 });
		await platform.health.settled();
		const p = (await status({ includeAccounts: false })).platform;
		expect(p.lastError).toMatchObject({ errcode: 61004 });
		expect(p.needsAttention).toBe(true);
		expect(p.attentionReasons.join(' ')).toMatch(/whitelist/);
		// Not the account's fault: it is not recorded on it.
		expect((await account(OA.appId))!.lastError?.errcode).not.toBe(61004);

		f.sim.setIpWhitelisted(true);
		await internals(platform).store.delete(KEYS.componentToken);
		await platform.getComponentAccessToken();
		expect(
			(await status({ includeAccounts: false })).platform.attentionReasons.join(' '),
		).not.toMatch(/whitelist/);
	});
});
