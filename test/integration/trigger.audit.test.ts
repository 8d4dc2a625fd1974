/**
 * Audit results on the mini program's message URL: the simulator pushes weapp_audit_success / _fail
 * / _delay when an audit ends (by the control API, or by itself after the configured delay), and the
 * trigger starts a run with WeChat's fields, the AppID, once per push, filtered by its event options.
 */
import { MINI_PROGRAM_FUNC_INFO } from '../../simulator/wxaModel';
import type { WebhookServer } from '../helpers/n8n';
import { startTriggerFixture, type TriggerFixture } from '../helpers/triggerFixture';

const MINI = {
	appId: 'wx7ea0aaaa7ea0bbbb',
	userName: 'gh_7ea0aaaa7ea0',
	nickName: 'Tea Mini Program',
	miniProgram: true,
	funcInfo: MINI_PROGRAM_FUNC_INFO,
};
const AUDIT_EVENTS = ['weapp_audit_success', 'weapp_audit_fail', 'weapp_audit_delay'];

let f: TriggerFixture;
let server: WebhookServer;
let commitCount = 0;

const messageUrl = (s: WebhookServer) => s.url('$APPID$/callback');

/** Commits a fresh template and submits it for audit, as a platform would (authorizer token). */
async function submitAudit(): Promise<number> {
	const platform = f.platform();
	const draft = f.sim.wxa.addDraft();
	await platform.componentRequest({
		method: 'POST',
		path: '/wxa/addtotemplate',
		body: { draft_id: draft.draft_id },
		tokenParam: 'access_token',
	});
	const { template_list } = await platform.componentRequest<{
		template_list: Array<{ template_id: number }>;
	}>({ method: 'GET', path: '/wxa/gettemplatelist', tokenParam: 'access_token' });
	commitCount += 1;
	await platform.authorizerRequest(MINI.appId, {
		method: 'POST',
		path: '/wxa/commit',
		body: {
			template_id: template_list.at(-1)!.template_id,
			ext_json: '{}',
			user_version: `1.0.${commitCount}`,
		},
	});
	const { auditid } = await platform.authorizerRequest<{ auditid: number }>(MINI.appId, {
		method: 'POST',
		path: '/wxa/submit_audit',
		body: {},
	});
	return auditid;
}

beforeAll(async () => {
	f = await startTriggerFixture();
	f.sim.addAuthorizer(MINI);
	const platform = f.platform();
	await platform.saveTicket(f.sim.issueTicket());
	await platform.queryAuth(f.sim.createAuthorizationCode(MINI.appId));
	server = await f.serve({ messageTypes: [], eventTypes: AUDIT_EVENTS });
});
afterAll(async () => {
	await f.close();
});

describe('audit events on the message URL', () => {
	test('an approval starts one run with SuccTime and the mini program’s AppID', async () => {
		await submitAudit();
		const before = server.executions.length;
		const result = await f.sim.wxa.decideAudit(MINI.appId, 'approve', {
			url: messageUrl(server),
		});
		expect(result.push?.status).toBe(200);
		expect(result.push?.body).toBe('success');
		expect(server.executions).toHaveLength(before + 1);
		const { receivedAt, _wechat, ...fields } = server.executions.at(-1)!.json;
		expect(typeof receivedAt).toBe('string');
		expect(_wechat).toEqual(expect.any(Object));
		expect(fields).toEqual({
			ToUserName: MINI.userName,
			FromUserName: expect.any(String),
			CreateTime: expect.stringMatching(/^\d{10}$/),
			MsgType: 'event',
			Event: 'weapp_audit_success',
			SuccTime: expect.stringMatching(/^\d{10}$/),
			authorizerAppId: MINI.appId,
		});
	});

	test('a rejection carries Reason, ScreenShot and FailTime; a delay its Reason and DelayTime', async () => {
		await submitAudit();
		await f.sim.wxa.decideAudit(MINI.appId, 'delay', { url: messageUrl(server) });
		const delayed = server.executions.at(-1)!.json;
		expect(delayed).toMatchObject({
			Event: 'weapp_audit_delay',
			Reason: expect.any(String),
			DelayTime: expect.stringMatching(/^\d{10}$/),
			authorizerAppId: MINI.appId,
		});
		// A delayed audit is still running: the rejection still comes.
		await f.sim.wxa.decideAudit(MINI.appId, 'reject', {
			url: messageUrl(server),
			reason: '1:Category mismatch:<br>(1):pages/index/index',
			screenshot: 'media1|media2',
		});
		expect(server.executions.at(-1)!.json).toMatchObject({
			Event: 'weapp_audit_fail',
			Reason: '1:Category mismatch:<br>(1):pages/index/index',
			ScreenShot: 'media1|media2',
			FailTime: expect.stringMatching(/^\d{10}$/),
			authorizerAppId: MINI.appId,
		});
	});

	test('with a delay configured the audit ends by itself and pushes to the configured URL, once', async () => {
		f.sim.wxa.configureAudits({ delayMs: 0, outcome: 'approve', messageUrl: messageUrl(server) });
		const before = server.executions.length;
		const pushed = new Promise((resolve) => f.sim.events.once('push', resolve));
		const auditid = await submitAudit();
		await pushed;
		f.sim.wxa.configureAudits({ delayMs: undefined, messageUrl: null });
		expect(server.executions).toHaveLength(before + 1);
		expect(server.executions.at(-1)!.json.Event).toBe('weapp_audit_success');
		const audit = f.sim.wxa.code(MINI.appId).audits.find((a) => a.auditid === auditid);
		expect(audit?.status).toBe(0);
	});

	test('the event filter decides: a trigger for approvals only ignores a rejection', async () => {
		const approvalsOnly = await f.serve({ messageTypes: [], eventTypes: ['weapp_audit_success'] });
		await submitAudit();
		await f.sim.wxa.decideAudit(MINI.appId, 'reject', { url: messageUrl(approvalsOnly) });
		expect(approvalsOnly.executions).toHaveLength(0);
		await submitAudit();
		await f.sim.wxa.decideAudit(MINI.appId, 'approve', { url: messageUrl(approvalsOnly) });
		expect(approvalsOnly.executions.map((e) => e.json.Event)).toEqual(['weapp_audit_success']);
	});
});
