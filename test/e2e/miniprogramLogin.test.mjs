// The mini-program login example in a real n8n: the mini program's wx.login (a js_code issued by the
// simulator) is POSTed to the example's webhook, which answers with the app's own session token and
// the user's openid; the session_key never leaves WeChat's answer, and a reused code is refused.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { REPO_ROOT } from '../../scripts/n8n/launcher.mjs';
import {
	E2E_VERSION,
	EXAMPLES,
	activateOnly,
	addWorkflow,
	executions,
	publicBase,
	waitForExecutions,
	waitForWebhook,
	withEnvironment,
} from './harness.mjs';

const require = createRequire(import.meta.url);
const { miniProgramUsers } = require(join(REPO_ROOT, 'build/tools/simulator/miniProgramUsers.js'));

const VERSION = E2E_VERSION;
const MINI_PROGRAM = {
	appId: 'wx7c8d9e0f1a2b3c4d',
	userName: 'gh_c3d4e5f6a1b2',
	nickName: 'E2E Mini Shop',
	miniProgram: true,
};
const USER = 'oE2EMiniUser00000000000001A';

describe(`n8n ${VERSION}: mini program login example`, { timeout: 10 * 60_000 }, () => {
	let env;
	let s;
	let loginUrl;

	/** What wx.login does in the mini program, through the simulator's control API. */
	async function wxLogin() {
		const res = await fetch(`${s.url}/__sim/mini-program/js-code`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				authorizerAppId: MINI_PROGRAM.appId,
				openid: USER,
				unionid: 'oE2EUnion0000000000000000001',
			}),
		});
		assert.equal(res.status, 200);
		return (await res.json()).code;
	}

	async function login(code) {
		const res = await fetch(loginUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ appid: MINI_PROGRAM.appId, code }),
		});
		return { status: res.status, body: await res.text() };
	}

	withEnvironment('mplogin', {
		accounts: [MINI_PROGRAM],
		async setup(created) {
			env = created;
			s = env.simulator;
			// The merchant authorizes the platform for the mini program: the trigger stores its tokens.
			await addWorkflow(env, 'authLog', EXAMPLES.authLog);
			const urls = await activateOnly(env, 'authLog');
			assert.equal((await s.pushTicket(urls.authorization)).status, 200);
			const authorized = await s.pushAuthorizationEvent(urls.authorization, {
				infoType: 'authorized',
				authorizerAppId: MINI_PROGRAM.appId,
				authorizationCode: s.createAuthorizationCode(MINI_PROGRAM.appId),
			});
			assert.equal(authorized.status, 200, authorized.body);
			const wf = await addWorkflow(env, 'miniProgramLogin', EXAMPLES.miniProgramLogin);
			await env.api.activateWorkflow(wf.id);
			loginUrl = `${publicBase(env)}/webhook/miniprogram/login`;
			await waitForWebhook(loginUrl);
		},
	});

	it('answers wx.login with an app session token and the openid, never the session_key', async () => {
		const first = await login(await wxLogin());
		assert.equal(first.status, 200, first.body);
		const answer = JSON.parse(first.body);
		assert.match(answer.token, /^[0-9a-f]{64}$/);
		assert.equal(answer.openid, USER);
		assert.deepEqual(Object.keys(answer).sort(), ['openid', 'token']);

		const sessionKey = miniProgramUsers(s.state).sessionKeys.get(`${MINI_PROGRAM.appId}:${USER}`);
		assert.ok(sessionKey, 'the simulator holds a session key for the user');
		assert.ok(!first.body.includes(sessionKey));
		// n8n saves the execution after the webhook has answered.
		await waitForExecutions(env, 'miniProgramLogin', 1);
		const runs = await executions(env, 'miniProgramLogin', true);
		assert.ok(!JSON.stringify(runs).includes(sessionKey), 'no session_key in the execution data');

		// A second wx.login is a new session with a new token.
		const second = JSON.parse((await login(await wxLogin())).body);
		assert.notEqual(second.token, answer.token);
	});

	it('refuses a reused code with 401', async () => {
		const code = await wxLogin();
		assert.equal((await login(code)).status, 200);
		const again = await login(code);
		assert.equal(again.status, 401, again.body);
		assert.match(again.body, /login failed/);
		assert.ok(!again.body.includes(code));
	});
});
