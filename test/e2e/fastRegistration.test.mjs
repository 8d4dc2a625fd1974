// Fast registration in a real n8n, with the example workflow: Register Mini Program runs in n8n, the
// simulator plays the legal person confirming and pushes notify_third_fasteregister to the active
// trigger's authorization URL, the trigger exchanges the auth_code once and stores the new mini
// program, and the action node then reads it (Get Authorizer Info) in the run the push started.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
	E2E_VERSION,
	EXAMPLES,
	activateOnly,
	addWorkflow,
	collectIssuedSecrets,
	executions,
	readWorkflow,
	runManually,
	waitFor,
	withEnvironment,
} from './harness.mjs';

const VERSION = E2E_VERSION;
const MERCHANT = {
	name: 'E2E Noodles Co., Ltd.',
	code: '91440300MA5F0E2E0X',
	legalPersonaName: 'Wang Wu',
	legalPersonaWechat: 'wangwu_e2e',
	componentPhone: '13700000000',
};

describe(`n8n ${VERSION}: fast registration example`, { timeout: 10 * 60_000 }, () => {
	let env;
	let s;
	let wf;

	/** The newest finished execution of the example that ran `node`, with its run data. */
	async function runWith(node, count) {
		const done = await waitFor(
			async () => {
				const mine = (await executions(env, 'fastReg')).filter((e) => e.stoppedAt);
				return mine.length >= count ? mine[0] : undefined;
			},
			{ what: `a run of ${node}`, timeoutMs: 30_000 },
		);
		const data = await env.api.getExecution(done.id, true);
		const { resultData } = data.data;
		assert.equal(resultData.error, undefined, JSON.stringify(resultData.error));
		assert.ok(resultData.runData[node], `${node} ran: ${Object.keys(resultData.runData)}`);
		return { runData: resultData.runData, raw: JSON.stringify(data) };
	}

	withEnvironment('fastreg', {
		async setup(created) {
			env = created;
			s = env.simulator;
			// The example as an operator fills it in.
			const source = readWorkflow(EXAMPLES.fastRegistration);
			Object.assign(
				source.nodes.find((n) => n.name === 'Register Mini Program').parameters,
				MERCHANT,
			);
			wf = await addWorkflow(env, 'fastReg', source);
		},
	});

	it('registers, receives the result on the authorization URL, stores and uses the new mini program', async () => {
		const urls = await activateOnly(env, 'fastReg');
		s.setTicketPushUrl(urls.authorization);
		const ticket = await s.pushTicket(urls.authorization);
		assert.equal(ticket.status, 200, ticket.body);

		// As "Execute workflow" from the manual trigger in the editor.
		await runManually(env, wf.id, 'Register a merchant');
		const registered = await runWith('Register Mini Program', 1);
		const out = registered.runData['Register Mini Program'][0].data.main[0][0].json;
		assert.equal(out.success, true, JSON.stringify(out));
		const task = s.fastRegistrations().at(-1);
		assert.equal(task?.kind, 'enterprise');
		assert.deepEqual(task.info, {
			name: MERCHANT.name,
			code: MERCHANT.code,
			code_type: '1',
			legal_persona_wechat: MERCHANT.legalPersonaWechat,
			legal_persona_name: MERCHANT.legalPersonaName,
			component_phone: MERCHANT.componentPhone,
		});

		// The legal person confirms: WeChat creates the mini program and pushes the result.
		const { task: done, push } = await s.completeFastRegistration(task.id);
		assert.equal(push?.status, 200, push?.body);
		assert.equal(push.body, 'success');
		const appId = done.appId;

		const run = await runWith('Get the new mini program', 2);
		const info = run.runData['Get the new mini program'][0].data.main[0][0].json;
		assert.equal(info.authorizerAppId, appId);
		assert.equal(info.authorizer_info.nick_name, MERCHANT.name);
		assert.ok(info.authorizer_info.MiniProgramInfo, 'a mini program');
		const pushed = run.runData['WeChat Open Platform Trigger'][0].data.main[0][0].json;
		assert.equal(pushed.InfoType, 'notify_third_fasteregister');
		assert.equal(pushed.authorizerAppId, appId);
		assert.equal(pushed.authorizationExchanged, true);
		assert.equal(pushed.auth_code, undefined);

		// Exchanged exactly once, by the trigger; stored tokens served the rest (no refresh needed).
		assert.equal(s.count('/cgi-bin/component/api_query_auth'), 1);
		assert.equal(s.count('/cgi-bin/component/api_authorizer_token'), 0);
		const stored = s.state.tokens;
		assert.ok(
			[...stored.values()].some((t) => t.kind === 'authorizer' && t.appId === appId),
			'an authorizer token was issued to the exchange',
		);

		// No secret in what n8n keeps of the runs.
		for (const secret of collectIssuedSecrets(env)) {
			assert.ok(!run.raw.includes(secret), 'a secret is in the execution data');
			assert.ok(!registered.raw.includes(secret), 'a secret is in the execution data');
		}
	});
});
