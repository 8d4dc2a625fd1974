// The platform-health alert example in a real n8n: run as the editor's "Execute workflow" would, it
// reads Get Status and, when an account needs attention, messages the operator (in the simulator).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { importWorkflow } from '../../scripts/n8n/launcher.mjs';
import {
	E2E_VERSION,
	ACCOUNT,
	ACCOUNT_2,
	EXAMPLES,
	OPENID,
	activateOnly,
	addWorkflow,
	executions,
	readWorkflow,
	runManually,
	waitFor,
	withEnvironment,
} from './harness.mjs';

const VERSION = E2E_VERSION;

describe(`n8n ${VERSION}: platform health alert example`, { timeout: 10 * 60_000 }, () => {
	let env;
	let s;
	let alert;

	/** Runs the example once, as "Execute workflow" in the editor, and returns its finished execution. */
	async function runAlert() {
		const before = (await executions(env)).filter((e) => e.workflowId === alert.id).length;
		await runManually(env, alert.id, 'Every 10 minutes');
		const done = await waitFor(
			async () => {
				const mine = (await executions(env)).filter((e) => e.workflowId === alert.id);
				return mine.length > before && mine[0].stoppedAt ? mine[0] : undefined;
			},
			{ what: 'the health alert run' },
		);
		const data = await env.api.getExecution(done.id, true);
		return data.data.resultData;
	}

	withEnvironment('health', {
		accounts: [ACCOUNT, ACCOUNT_2],
		async setup(created) {
			env = created;
			s = env.simulator;
			await addWorkflow(env, 'authLog', EXAMPLES.authLog);
			// The example as an operator fills it in: their own account and OpenID.
			const source = readWorkflow(EXAMPLES.healthAlert);
			const send = source.nodes.find((n) => n.name === 'Alert the operator');
			send.parameters.authorizer.value = ACCOUNT.appId;
			send.parameters.openId = OPENID;
			alert = await importWorkflow(env.api, source, env.credential, { activate: false });
		},
	});

	it('stays quiet while all is well, and alerts the operator when an account is disconnected', async () => {
		const urls = await activateOnly(env, 'authLog');
		s.setTicketPushUrl(urls.authorization);
		const ticket = await s.pushTicket(urls.authorization);
		assert.equal(ticket.status, 200, ticket.body);
		for (const account of [ACCOUNT, ACCOUNT_2]) {
			const res = await s.pushAuthorizationEvent(urls.authorization, {
				infoType: 'authorized',
				authorizerAppId: account.appId,
				authorizationCode: s.createAuthorizationCode(account.appId),
			});
			assert.equal(res.status, 200, res.body);
		}
		s.addUser(ACCOUNT.appId, OPENID, { nickname: 'Operator', interacted: true });

		const quiet = await runAlert();
		assert.equal(quiet.error, undefined, JSON.stringify(quiet.error));
		const status = quiet.runData['Get platform status'][0].data.main[0][0].json;
		assert.equal(status.type, 'platform');
		assert.equal(status.ticketAgeMinutes, 0);
		assert.equal(status.needsAttention, false, JSON.stringify(status.attentionReasons));
		assert.equal(quiet.runData['Alert the operator'], undefined);
		const sentBefore = s.sentMessages.length;

		// The second merchant revokes the authorization in WeChat.
		s.unauthorize(ACCOUNT_2.appId);
		const revoked = await s.pushAuthorizationEvent(urls.authorization, {
			infoType: 'unauthorized',
			authorizerAppId: ACCOUNT_2.appId,
		});
		assert.equal(revoked.status, 200, revoked.body);

		const loud = await runAlert();
		assert.equal(loud.error, undefined, JSON.stringify(loud.error));
		const flagged = loud.runData['Get platform status'][0].data.main[0][0].json;
		assert.equal(flagged.accountsNeedingAttention, 1);
		assert.ok(loud.runData['Alert the operator'], 'the alert node ran');
		const sent = s.sentMessages.slice(sentBefore);
		assert.equal(sent.length, 1, JSON.stringify(sent));
		assert.equal(sent[0].authorizerAppId, ACCOUNT.appId);
		assert.equal(sent[0].body.touser, OPENID);
		assert.match(JSON.stringify(sent[0]), /needs attention/);
		assert.match(JSON.stringify(sent[0]), /1 authorized account\(s\) need attention/);
	});
});
