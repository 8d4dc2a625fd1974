// The two mini-program release examples in a real n8n against the simulator: "release a code template
// to every mini program" commits to each authorized mini program and submits it for audit; WeChat (the
// simulator) approves one and rejects the other and pushes the audit events to the message URL; the
// "release on approval" workflow releases the approved one and tells the operator why the other failed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { importWorkflow } from '../../scripts/n8n/launcher.mjs';
import {
	E2E_VERSION,
	ACCOUNT,
	EXAMPLES,
	OPENID,
	activateOnly,
	addWorkflow,
	executions,
	readWorkflow,
	runManually,
	waitFor,
	waitForExecutions,
	withEnvironment,
} from './harness.mjs';

const VERSION = E2E_VERSION;
// Permission set 18 (mini-program development management) is what the code APIs need.
const MINI_1 = {
	appId: 'wx00000000e2e0c003',
	userName: 'gh_e2eminiapp03',
	nickName: 'E2E Mini Bakery',
	miniProgram: true,
	funcInfo: [17, 18, 19],
};
const MINI_2 = {
	appId: 'wx00000000e2e0d004',
	userName: 'gh_e2eminiapp04',
	nickName: 'E2E Mini Florist',
	miniProgram: true,
	funcInfo: [17, 18, 19],
};
const REASON = '1:The service category does not match the pages:<br>(1):pages/index/index<br>';

describe(`n8n ${VERSION}: mini-program release examples`, { timeout: 10 * 60_000 }, () => {
	let env;
	let s;
	let releaseAll;
	let urls;

	/** A component API call as the platform's own tools make it (here: to add a template). */
	async function componentCall(path, body) {
		const token = s.state.issueToken('component', env.component.appId);
		const res = await fetch(`${s.url}${path}?access_token=${encodeURIComponent(token)}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return await res.json();
	}

	withEnvironment('miniprogram', {
		accounts: [ACCOUNT, MINI_1, MINI_2],
		async setup(created) {
			env = created;
			s = env.simulator;
			// The examples as an operator fills them in: their Official Account and OpenID for the notice.
			const onApproval = readWorkflow(EXAMPLES.miniReleaseOnApproval);
			const notice = onApproval.nodes.find((n) => n.name === 'Tell the operator');
			notice.parameters.authorizer.value = ACCOUNT.appId;
			notice.parameters.openId = OPENID;
			await addWorkflow(env, 'onApproval', onApproval);
			releaseAll = { source: readWorkflow(EXAMPLES.miniReleaseTemplate) };
		},
	});

	it('commits the template to every mini program, submits it, and releases the approved one on WeChat’s push', async () => {
		urls = await activateOnly(env, 'onApproval');
		s.setTicketPushUrl(urls.authorization);
		assert.equal((await s.pushTicket(urls.authorization)).body, 'success');
		for (const account of [ACCOUNT, MINI_1, MINI_2]) {
			const res = await s.pushAuthorizationEvent(urls.authorization, {
				infoType: 'authorized',
				authorizerAppId: account.appId,
				authorizationCode: s.createAuthorizationCode(account.appId),
			});
			assert.equal(res.status, 200, res.body);
		}
		s.addUser(ACCOUNT.appId, OPENID, { nickname: 'Operator', interacted: true });
		// Audits end only when the test says so; their events go to the trigger's message URL.
		s.wxa.configureAudits({ delayMs: undefined, messageUrl: urls.callbackTemplate });

		// The developer tool uploaded a draft; the platform made it template N.
		const draft = s.wxa.addDraft({ userVersion: '2.0.0', userDesc: 'Spring menu' });
		const added = await componentCall('/wxa/addtotemplate', {
			draft_id: draft.draft_id,
			template_type: 0,
		});
		assert.equal(added.errcode, 0, JSON.stringify(added));
		const templates = await componentCall('/wxa/gettemplatelist', { template_type: 0 });
		const templateId = templates.template_list.at(-1).template_id;

		const settings = releaseAll.source.nodes.find((n) => n.name === 'Release settings');
		const field = (name) =>
			settings.parameters.assignments.assignments.find((a) => a.name === name);
		field('templateId').value = templateId;
		field('userVersion').value = '2.0.0';
		const wf = await importWorkflow(env.api, releaseAll.source, env.credential, {
			activate: false,
		});

		// "Test workflow" in the editor: the manual trigger starts it.
		await runManually(env, wf.id, 'Start the release');
		const done = await waitFor(
			async () => {
				const mine = (await executions(env)).filter((e) => e.workflowId === wf.id);
				return mine[0]?.stoppedAt ? mine[0] : undefined;
			},
			{ what: 'the release run' },
		);
		const run = (await env.api.getExecution(done.id, true)).data.resultData;
		assert.equal(run.error, undefined, JSON.stringify(run.error));
		const listed = run.runData['Get mini programs'][0].data.main[0].map(
			(i) => i.json.authorizerAppId,
		);
		assert.deepEqual(listed.sort(), [MINI_1.appId, MINI_2.appId].sort(), 'mini programs only');
		assert.equal(run.runData['Submit for audit'][0].data.main[0].length, 2);

		for (const mini of [MINI_1, MINI_2]) {
			const code = s.wxa.code(mini.appId);
			assert.equal(code.commit.templateId, templateId);
			assert.equal(code.commit.userVersion, '2.0.0');
			// ext_json went as the string WeChat parses again, with this mini program's AppID.
			assert.equal(JSON.parse(code.commit.extJson).extAppid, mini.appId);
			assert.equal(code.audits.at(-1).status, 2, 'auditing');
		}
		assert.equal(s.wxa.code(ACCOUNT.appId).commit, undefined, 'no commit to the Official Account');

		// WeChat's reviewers decide; each decision is pushed to the message URL.
		const sentBefore = s.sentMessages.length;
		const approved = await s.wxa.decideAudit(MINI_1.appId, 'approve');
		assert.equal(approved.push?.status, 200, approved.push?.body);
		const rejected = await s.wxa.decideAudit(MINI_2.appId, 'reject', { reason: REASON });
		assert.equal(rejected.push?.status, 200, rejected.push?.body);
		await waitForExecutions(env, 'onApproval', 2);
		await waitFor(async () => s.wxa.code(MINI_1.appId).release !== undefined, {
			what: 'the release of the approved mini program',
		});
		assert.equal(s.wxa.code(MINI_1.appId).release.version.userVersion, '2.0.0');
		assert.equal(s.wxa.code(MINI_2.appId).release, undefined, 'the rejected one is not released');
		const releaseCalls = s.requests.filter((r) => r.path === '/wxa/release');
		assert.equal(releaseCalls.length, 1);
		assert.deepEqual(releaseCalls[0].body, {}, 'release is sent with the body {}');

		const notice = await waitFor(
			async () => s.sentMessages.slice(sentBefore).find((m) => m.body.touser === OPENID),
			{ what: 'the operator notice' },
		);
		assert.equal(notice.authorizerAppId, ACCOUNT.appId);
		assert.match(notice.body.text.content, new RegExp(MINI_2.appId));
		assert.match(notice.body.text.content, /service category does not match/);
	});
});
