/**
 * Fast registration results on the authorization-event URL (the simulator creates the mini program
 * and pushes WeChat's notification), and the named platform notifications and mini-program events.
 */
import { buildPush, buildXml } from '../../simulator/push';
import type { WebhookServer } from '../helpers/n8n';
import { secretsOf, startTriggerFixture, type TriggerFixture } from '../helpers/triggerFixture';

const EXCHANGE_PATH = '/cgi-bin/component/api_query_auth';
const SHOP = {
	name: 'Acme Noodles Co., Ltd.',
	code: '91440300MA5F0XXX1X',
	code_type: 1,
	legal_persona_wechat: 'zhang_san88',
	legal_persona_name: 'Zhang San',
	component_phone: '13800000000',
};
const OA = { appId: 'wx0a1b2c3d4e5f6a91', userName: 'gh_0a1b2c3d4e91', nickName: 'Shop' };

let f: TriggerFixture;
let server: WebhookServer;

const now = () => String(Math.floor(Date.now() / 1000));

/** The platform's own call, as the action node makes it (component token). */
async function register(path: string, body: object, query: Record<string, string> = {}) {
	return await f.platform().componentRequest<Record<string, unknown>>({
		method: 'POST',
		path,
		query,
		body,
	});
}

async function pushXml(url: string, xml: string) {
	const keys = {
		appId: f.component.appId,
		token: f.component.token,
		encodingAESKey: f.component.encodingAESKey,
	};
	const push = buildPush(keys, xml, { envelope: { appId: f.component.appId } });
	return await f.sim.sendRaw(url, push);
}

beforeAll(async () => {
	f = await startTriggerFixture();
	f.sim.addAuthorizer(OA);
	f.sim.createAuthorizationCode(OA.appId);
	server = await f.serve();
	await f.sim.pushTicket(server.url('authorization'));
});

afterAll(async () => {
	await f.close();
});

describe('notify_third_fasteregister', () => {
	test('an approved enterprise registration is exchanged once, stored and emitted with its info', async () => {
		await register('/cgi-bin/component/fastregisterweapp', SHOP, { action: 'create' });
		const task = f.sim.fastRegistrations().at(-1)!;
		expect(task).toMatchObject({ kind: 'enterprise', state: 'pending' });
		const exchanges = f.sim.count(EXCHANGE_PATH);
		const runs = server.executions.length;

		const { task: done, push } = await f.sim.completeFastRegistration(task.id, {
			url: server.url('authorization'),
		});
		expect(push).toMatchObject({ status: 200, body: 'success' });
		const appId = done.appId!;
		expect(appId).toMatch(/^wx[0-9a-f]{16}$/);
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges + 1);
		expect(server.executions.length).toBe(runs + 1);
		const { receivedAt, ...item } = server.executions.at(-1)!.json;
		expect(typeof receivedAt).toBe('string');
		expect(item).toMatchObject({
			InfoType: 'notify_third_fasteregister',
			appid: appId,
			authorizerAppId: appId,
			status: '0',
			msg: 'OK',
			info: {
				name: SHOP.name,
				code: SHOP.code,
				code_type: '1',
				legal_persona_wechat: SHOP.legal_persona_wechat,
				legal_persona_name: SHOP.legal_persona_name,
				component_phone: SHOP.component_phone,
			},
			authorizationExchanged: true,
			authorizer: { appId, accountType: 'mini program', nickName: SHOP.name },
		});
		// The spent code is not handed on; no secret or token is in the item.
		expect(item.auth_code).toBeUndefined();
		const text = JSON.stringify(item);
		for (const secret of secretsOf(f.component)) expect(text).not.toContain(secret);
		expect(text).not.toMatch(/token/i);

		// Stored: an on-behalf token comes without a second exchange.
		await expect(f.platform().getAuthorizerAccessToken(appId)).resolves.toEqual(expect.any(String));
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges + 1);
		// The enterprise search now reports success.
		await expect(
			register(
				'/cgi-bin/component/fastregisterweapp',
				{
					name: SHOP.name,
					legal_persona_wechat: SHOP.legal_persona_wechat,
					legal_persona_name: SHOP.legal_persona_name,
				},
				{ action: 'search' },
			),
		).resolves.toMatchObject({ errcode: 0 });
	});

	test("WeChat's retry of the push neither exchanges again nor starts a second run", async () => {
		const created = await register(
			'/wxa/component/fastregisterpersonalweapp',
			{ idname: 'Li Si', wxuser: 'lisi_2024', component_phone: '13900000000' },
			{ action: 'create' },
		);
		expect(created).toMatchObject({
			taskid: expect.any(String),
			authorize_url: expect.any(String),
		});
		// Deliver the same notification three times, as WeChat does without an answer in 5 s.
		const pushes: string[] = [];
		const { task } = await f.sim.completeFastRegistration(String(created.taskid));
		expect(task.state).toBe('registered');
		const xml = buildXml({
			AppId: f.component.appId,
			CreateTime: now(),
			InfoType: 'notify_third_fasteregister',
			appid: task.appId!,
			status: '0',
			auth_code: f.sim.createAuthorizationCode(task.appId!),
			msg: 'OK',
		});
		const exchanges = f.sim.count(EXCHANGE_PATH);
		const runs = server.executions.length;
		for (let i = 0; i < 3; i++) pushes.push((await pushXml(server.url('authorization'), xml)).body);
		expect(pushes).toEqual(['success', 'success', 'success']);
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges + 1);
		expect(server.executions.length).toBe(runs + 1);
		expect(server.executions.at(-1)!.json).toMatchObject({
			authorizerAppId: task.appId,
			authorizationExchanged: true,
		});
	});

	test('a rejected registration is emitted with its status and message; nothing is exchanged', async () => {
		await register(
			'/cgi-bin/component/fastregisterweapp',
			{ ...SHOP, code: '91440300MA5F0YYY2Y', name: 'Blocked Ltd.' },
			{ action: 'create' },
		);
		const task = f.sim.fastRegistrations().at(-1)!;
		const exchanges = f.sim.count(EXCHANGE_PATH);
		await f.sim.completeFastRegistration(task.id, {
			approve: false,
			status: 103,
			msg: 'legal person name mismatch',
			url: server.url('authorization'),
		});
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges);
		const item = server.executions.at(-1)!.json;
		expect(item).toMatchObject({
			InfoType: 'notify_third_fasteregister',
			status: '103',
			msg: 'legal person name mismatch',
			info: { name: 'Blocked Ltd.' },
		});
		expect(item.auth_code).toBeUndefined();
		expect(item.authorizationExchanged).toBeUndefined();
		expect(item.authorizerAppId).toBeUndefined();
	});

	test('a trial mini program (no auth_code) is named, and usable through the authorizer list', async () => {
		const created = await register('/wxa/component/fastregisterbetaweapp', {
			name: 'Trial Shop',
			openid: 'oTrialUser000000000000000001',
		});
		const { task } = await f.sim.completeFastRegistration(String(created.unique_id), {
			url: server.url('authorization'),
		});
		expect(server.executions.at(-1)!.json).toMatchObject({
			InfoType: 'notify_third_fastregisterbetaapp',
			authorizerAppId: task.appId,
			status: '0',
			info: { unique_id: created.unique_id, name: 'Trial Shop' },
			authorizer: { appId: task.appId, accountType: 'mini program' },
		});
		await expect(f.platform().getAuthorizerAccessToken(task.appId!)).resolves.toEqual(
			expect.any(String),
		);
	});

	test('a trigger that filters it out starts no run, but the new mini program is still stored', async () => {
		const only = await f.serve({ authorizationEvents: ['authorized'] });
		await register(
			'/cgi-bin/component/fastregisterweapp',
			{ ...SHOP, code: '91440300MA5F0ZZZ3Z', name: 'Quiet Ltd.' },
			{ action: 'create' },
		);
		const exchanges = f.sim.count(EXCHANGE_PATH);
		const { task } = await f.sim.completeFastRegistration(f.sim.fastRegistrations().at(-1)!.id, {
			url: only.url('authorization'),
		});
		expect(only.executions).toHaveLength(0);
		// Exchanged on arrival (filters only decide about runs), not later through the list.
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges + 1);
		await expect(f.platform().getAuthorizerAccessToken(task.appId!)).resolves.toEqual(
			expect.any(String),
		);
		expect(f.sim.count(EXCHANGE_PATH)).toBe(exchanges + 1);
	});
});

describe('named notifications and events', () => {
	test('an ICP filing result is its own filter option, no longer "other"', async () => {
		const icp = await f.serve({ authorizationEvents: ['notify_apply_icpfiling_result'] });
		const other = await f.serve({ authorizationEvents: ['other'] });
		// Two different pushes (the store's dedupe is shared by both triggers of this platform).
		const xml = (createTime: string) =>
			buildXml({
				AppId: f.component.appId,
				CreateTime: createTime,
				InfoType: 'notify_apply_icpfiling_result',
				authorizer_appid: OA.appId,
				beian_status: '2',
			});
		await pushXml(icp.url('authorization'), xml(now()));
		await pushXml(other.url('authorization'), xml(String(Number(now()) + 1)));
		expect(icp.executions.at(-1)?.json).toMatchObject({
			InfoType: 'notify_apply_icpfiling_result',
			beian_status: '2',
		});
		expect(other.executions).toHaveLength(0);
	});

	test('mini-program events on the message URL are named event types', async () => {
		const named = await f.serve({ eventTypes: ['wxa_nickname_audit'] });
		const other = await f.serve({ eventTypes: ['other'] });
		const fields = {
			MsgType: 'event',
			Event: 'wxa_nickname_audit',
			ret: '3',
			nickname: 'Acme Noodles',
			reason: '',
		};
		await f.sim.pushMessage(named.url(`${OA.appId}/callback`), OA.appId, fields);
		await f.sim.pushMessage(other.url(`${OA.appId}/callback`), OA.appId, {
			...fields,
			CreateTime: String(Number(now()) + 1),
		});
		expect(named.executions.at(-1)?.json).toMatchObject({
			Event: 'wxa_nickname_audit',
			nickname: 'Acme Noodles',
			authorizerAppId: OA.appId,
		});
		expect(other.executions).toHaveLength(0);
	});
});
