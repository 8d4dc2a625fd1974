import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { hintFor } from '../../core/api/hints';
import { startActionHarness, OA, type ActionHarness } from '../helpers/actionHarness';
import { settingsOf } from '../../simulator/wxaSettingsModel';

let h: ActionHarness;
const MINI = {
	appId: 'wx5a5a5a5a5a5a5a5a',
	userName: 'gh_5a5a5a5a5a5a',
	nickName: 'Demo Mini Shop',
	miniProgram: true,
	// 18: mini-program development management, the permission set these APIs belong to.
	funcInfo: [17, 18, 19],
};
const mini = { json: { authorizerAppId: MINI.appId } };
const resource = 'miniProgramSettings';

beforeAll(async () => {
	h = await startActionHarness({ accounts: [MINI, OA] });
});
afterAll(() => h.close());
beforeEach(() => h.sim.clearRecords());

const run = (parameters: INodeParameters, item = mini) =>
	h.run({ resource, ...parameters }, [item]);
/** Runs with Continue On Fail and returns the error item's json. */
async function failing(parameters: INodeParameters, item = mini): Promise<IDataObject> {
	const [out] = await h.run({ resource, ...parameters }, [item], { continueOnFail: true });
	expect(out.json.errcode).toEqual(expect.any(Number));
	expect(out.json.hint).toBe(hintFor(out.json.errcode as number));
	return out.json;
}
const lastBody = (path: string) =>
	h.sim.requests.filter((r) => r.path === path).at(-1)!.body as IDataObject;

describe('Mini Program Settings: server domains', () => {
	it('adds, sets, deletes and gets domains with WeChat’s request shape (all six lists, schemes added)', async () => {
		const [empty] = await run({ operation: 'getServerDomains' });
		expect(lastBody('/wxa/modify_domain')).toEqual({ action: 'get' });
		expect(empty.json).toMatchObject({ authorizerAppId: MINI.appId, requestdomain: [] });

		const [added] = await run({
			operation: 'addServerDomains',
			requestDomains: 'api.example.com, https://files.example.com',
			socketDomains: 'socket.example.com',
			downloadFileDomains: ['files.example.com'] as unknown as string,
		});
		expect(lastBody('/wxa/modify_domain')).toEqual({
			action: 'add',
			requestdomain: ['https://api.example.com', 'https://files.example.com'],
			wsrequestdomain: ['wss://socket.example.com'],
			uploaddomain: [],
			downloaddomain: ['https://files.example.com'],
			udpdomain: [],
			tcpdomain: [],
		});
		const token = h.sim.requests.find((r) => r.path === '/wxa/modify_domain')!.query.access_token;
		expect(h.sim.state.tokens.get(token)).toMatchObject({ kind: 'authorizer', appId: MINI.appId });
		expect(added.json).toMatchObject({
			success: true,
			requestdomain: ['https://api.example.com', 'https://files.example.com'],
			wsrequestdomain: ['wss://socket.example.com'],
		});
		expect(added.json).not.toHaveProperty('errcode');

		await run({ operation: 'deleteServerDomains', requestDomains: 'https://files.example.com' });
		const [set] = await run({
			operation: 'setServerDomains',
			uploadFileDomains: 'files.example.com',
		});
		expect(set.json).toMatchObject({
			requestdomain: [],
			wsrequestdomain: [],
			uploaddomain: ['https://files.example.com'],
			downloaddomain: [],
		});
		const [got] = await run({ operation: 'getServerDomains' });
		expect(got.json.uploaddomain).toEqual(['https://files.example.com']);
		h.expectNoSecrets([added, set, got]);
	});

	it('refuses domains the platform has not registered (85301) and changes that change nothing (85017)', async () => {
		const refused = await failing({
			operation: 'addServerDomains',
			requestDomains: 'https://shop.example.org',
		});
		expect(refused.errcode).toBe(85301);
		await run({ operation: 'addServerDomains', tcpDomains: 'api.example.com' });
		expect(
			(await failing({ operation: 'addServerDomains', tcpDomains: 'api.example.com' })).errcode,
		).toBe(85017);
	});

	it('Configure Directly uses modify_domain_directly (no platform registration needed); effective domains', async () => {
		const [direct] = await run({
			operation: 'addServerDomains',
			directly: true,
			requestDomains: 'shop.example.org',
		});
		expect(lastBody('/wxa/modify_domain_directly')).toMatchObject({
			action: 'add',
			requestdomain: ['https://shop.example.org'],
		});
		expect(direct.json.requestdomain).toEqual(['https://shop.example.org']);
		const [got] = await run({ operation: 'getServerDomains', directly: true });
		expect(got.json.requestdomain).toEqual(['https://shop.example.org']);

		const [effective] = await run({ operation: 'getEffectiveDomains' });
		expect(lastBody('/wxa/get_effective_domain')).toEqual({});
		expect(effective.json).toMatchObject({
			authorizerAppId: MINI.appId,
			direct_domain: { requestdomain: ['https://shop.example.org'] },
			effective_domain: { requestdomain: ['https://shop.example.org'] },
		});
		expect(effective.json.third_domain).toBeDefined();
		expect(effective.json.mp_domain).toBeDefined();
	});
});

describe('Mini Program Settings: web-view domains', () => {
	it('adds a subdomain of a registered web-view domain, refuses others (89021) and unchanged lists (89019)', async () => {
		const [added] = await run({
			operation: 'addWebViewDomains',
			webViewDomains: 'www.example.com',
		});
		expect(lastBody('/wxa/setwebviewdomain')).toEqual({
			action: 'add',
			webviewdomain: ['https://www.example.com'],
		});
		expect(added.json).toMatchObject({ success: true, authorizerAppId: MINI.appId });
		const [got] = await run({ operation: 'getWebViewDomains' });
		expect(got.json.webviewdomain).toEqual(['https://www.example.com']);

		expect(
			(
				await failing({
					operation: 'addWebViewDomains',
					webViewDomains: 'https://shop.example.org',
				})
			).errcode,
		).toBe(89021);
		expect(
			(await failing({ operation: 'setWebViewDomains', webViewDomains: 'www.example.com' }))
				.errcode,
		).toBe(89019);

		await run({ operation: 'deleteWebViewDomains', webViewDomains: 'www.example.com' });
		expect((await run({ operation: 'getWebViewDomains' }))[0].json.webviewdomain).toEqual([]);

		await run({
			operation: 'setWebViewDomains',
			directly: true,
			webViewDomains: 'shop.example.org',
		});
		expect(lastBody('/wxa/setwebviewdomain_directly')).toEqual({
			action: 'set',
			webviewdomain: ['https://shop.example.org'],
		});
	});
});

describe('Mini Program Settings: testers', () => {
	it('adds a tester, lists it, and removes it by userstr and by WeChat ID', async () => {
		const [added] = await run({ operation: 'addTester', wechatId: 'tester_alice' });
		expect(lastBody('/wxa/bind_tester')).toEqual({ wechatid: 'tester_alice' });
		expect(added.json).toMatchObject({ success: true, wechatid: 'tester_alice' });
		expect(added.json.userstr).toMatch(/^[0-9a-f]{32}$/);
		await run({ operation: 'addTester', wechatId: 'tester_bob' });

		const testers = await run({ operation: 'getManyTesters', returnAll: true });
		expect(lastBody('/wxa/memberauth')).toEqual({ action: 'get_experiencer' });
		expect(testers.map((t) => t.json.userstr)).toContain(added.json.userstr);
		expect(testers).toHaveLength(2);
		expect(await run({ operation: 'getManyTesters', returnAll: false, limit: 1 })).toHaveLength(1);

		// The default User String follows the item, e.g. the output of Get Many Testers.
		await h.run({ resource, operation: 'removeTester', identifyBy: 'userstr' }, [
			{ json: { authorizerAppId: MINI.appId, userstr: added.json.userstr } },
		]);
		expect(lastBody('/wxa/unbind_tester')).toEqual({ userstr: added.json.userstr });
		await run({ operation: 'removeTester', wechatId: 'tester_bob' });
		expect(lastBody('/wxa/unbind_tester')).toEqual({ wechatid: 'tester_bob' });
		expect(await run({ operation: 'getManyTesters', returnAll: true })).toHaveLength(0);
	});

	it('85004 already a tester, 85001 unknown WeChat ID, 85002 tester limit', async () => {
		await run({ operation: 'addTester', wechatId: 'tester_carol' });
		expect((await failing({ operation: 'addTester', wechatId: 'tester_carol' })).errcode).toBe(
			85004,
		);
		expect((await failing({ operation: 'addTester', wechatId: '1-not-an-id' })).errcode).toBe(
			85001,
		);
		settingsOf(h.sim.state).testerLimit = 1;
		try {
			expect((await failing({ operation: 'addTester', wechatId: 'tester_dave' })).errcode).toBe(
				85002,
			);
		} finally {
			settingsOf(h.sim.state).testerLimit = 90;
		}
		await run({ operation: 'removeTester', wechatId: 'tester_carol' });
	});

	it('an Official Account gets 61007 (these APIs are for mini programs)', async () => {
		const oa = { json: { authorizerAppId: OA.appId } };
		expect((await failing({ operation: 'getServerDomains' }, oa)).errcode).toBe(61007);
		expect((await failing({ operation: 'addTester', wechatId: 'tester_erin' }, oa)).errcode).toBe(
			61007,
		);
	});
});
