/**
 * Queue mode keeps the status in Redis: what one platform instance records (the webhook process
 * receiving pushes, a worker calling WeChat) is what another instance on the same Redis reports.
 */
import { WeChatPlatform } from '../../core/platform';
import { configFor, startFixture, MERCHANT_APPID, type Fixture } from '../helpers/platformSetup';
import { internals } from '../helpers/platformInternals';
import { startRedis, type RedisServer } from '../helpers/redis';

let redis: RedisServer;
let f: Fixture;
const opened: WeChatPlatform[] = [];

const open = () => {
	const p = new WeChatPlatform(configFor(f, { kind: 'redis', redisUrl: redis.url }));
	opened.push(p);
	return p;
};

beforeAll(async () => {
	redis = await startRedis();
	f = await startFixture();
}, 300_000);
afterAll(async () => {
	await Promise.all(opened.map((p) => p.close().catch(() => undefined)));
	await f?.sim.close();
	await redis?.stop();
});

test('what one instance records, another reports; accounts and rejected counts included', async () => {
	const webhook = open();
	const worker = open();
	const reader = open();

	await webhook.saveTicket(f.sim.issueTicket());
	webhook.health.pushed('authorization');
	webhook.health.rejected('invalid signature');
	webhook.health.rejected('request expired');
	await webhook.queryAuth(f.sim.createAuthorizationCode(MERCHANT_APPID));

	f.sim.failNext('/cgi-bin/menu/get', 61007);
	await expect(
		worker.authorizerRequest(MERCHANT_APPID, { method: 'GET', path: '/cgi-bin/menu/get' }),
	).rejects.toMatchObject({ errcode: 61007 });
	await worker.health.settled();
	await webhook.health.flush();

	const { platform, accounts } = await reader.getStatus({ includeAccounts: true });
	expect(platform).toMatchObject({
		storeKind: 'redis',
		storeAnswers: true,
		ticketAgeMinutes: 0,
		rejected: { badSignature: 1, stale: 1, undecryptable: 0, wrongAppId: 0 },
		accountsNeedingAttention: 1,
		needsAttention: true,
	});
	expect(platform.lastAuthorizationPushAt).not.toBeNull();
	expect(platform.rejectedByProcess.map((p) => p.process)).toContain(webhook.health.processId);
	expect(accounts).toHaveLength(1);
	expect(accounts[0]).toMatchObject({
		authorizerAppId: MERCHANT_APPID,
		needsAttention: true,
		lastError: { errcode: 61007 },
		lastRefreshResult: 'ok',
	});
	expect(accounts[0].attentionReason).toMatch(/permission was not granted/);
});

test('pushes cost no store write of their own: one write per process and interval', async () => {
	const webhook = open();
	const writes: string[] = [];
	const { store } = internals(webhook);
	const set = store.set.bind(store);
	store.set = (key, value, ttl) => {
		writes.push(key);
		return set(key, value, ttl);
	};
	for (let i = 0; i < 500; i++) webhook.health.pushed('message');
	for (let i = 0; i < 100; i++) webhook.health.rejected('invalid signature');
	// The first event after a quiet minute is written at once; the 599 after it wait for the next
	// timed write (here forced with flush()).
	const key = `health:process:${webhook.health.processId}`;
	expect(writes).toEqual([key]);
	await webhook.health.flush();
	expect(writes).toEqual([key, key]);
	expect((await open().getStatus()).platform.rejected.badSignature).toBeGreaterThanOrEqual(100);
});
