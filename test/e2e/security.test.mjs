// What an anonymous visitor can and cannot do to the trigger's public URLs in a real n8n
// (E2E_N8N_VERSION, default 2.41.1): issue 11 §2–§8 end to end. Each case would pass on the old code
// only if the hardening were not there. Run through `npm run test:e2e`
// (E2E_FILES="security.test.mjs" runs this file alone).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';

import {
	E2E_VERSION,
	ACCOUNT,
	ACCOUNT_2,
	EXAMPLES,
	OPENID,
	activateOnly,
	addWorkflow,
	executions,
	withEnvironment,
} from './harness.mjs';

const VERSION = E2E_VERSION;
const PREAUTH = '/cgi-bin/component/api_create_preauthcode';
const EXCHANGE = '/cgi-bin/component/api_query_auth';

describe(`n8n ${VERSION}: the public URLs against strangers`, { timeout: 10 * 60_000 }, () => {
	let env;
	let s;
	let urls;
	const count = async () => (await executions(env, 'demo')).length;
	const get = async (url) => {
		const res = await fetch(url, { redirect: 'manual' });
		return {
			status: res.status,
			body: await res.text(),
			nosniff: res.headers.get('x-content-type-options'),
		};
	};
	const authorizedPage = (code) =>
		get(
			`${urls.authorize.replace(/\/authorize$/, '/authorized')}?auth_code=${encodeURIComponent(code)}`,
		);
	const settle = async (key, expected) => {
		// Executions are recorded asynchronously: wait until the count is reached, then make sure
		// nothing more arrives.
		const deadline = Date.now() + 15_000;
		while ((await executions(env, key)).length < expected && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 200));
		}
		return (await executions(env, key)).length;
	};

	withEnvironment('security', {
		accounts: [ACCOUNT, ACCOUNT_2],
		async setup(created) {
			env = created;
			s = env.simulator;
			await addWorkflow(env, 'demo', EXAMPLES.demo);
			urls = await activateOnly(env, 'demo');
			s.setTicketPushUrl(urls.authorization);
			const ticket = await s.pushTicket(urls.authorization);
			assert.equal(ticket.body, 'success');
		},
	});

	it('20 anonymous visits of /authorize cost WeChat one pre-auth code', async () => {
		const before = s.count(PREAUTH);
		for (let i = 0; i < 20; i++) assert.equal((await get(urls.authorize)).status, 200);
		assert.equal(s.count(PREAUTH) - before, 1);
	});

	it('/authorized refuses junk without calling WeChat, and never takes a refused code for success', async () => {
		const before = s.count(EXCHANGE);
		for (const junk of ['x'.repeat(500), '<b>hi</b>', 'queryauthcode@@@']) {
			const page = await authorizedPage(junk);
			assert.equal(page.status, 400);
			assert.match(page.body, /Authorization not completed/);
		}
		assert.equal(s.count(EXCHANGE), before);
		const wellShaped = `queryauthcode@@@${randomBytes(30).toString('base64url')}`;
		for (let i = 0; i < 3; i++) {
			const page = await authorizedPage(wellShaped);
			assert.equal(page.status, 400);
			assert.doesNotMatch(page.body, /Authorization complete</);
			assert.doesNotMatch(page.body, /errcode|errmsg|rid:|cgi-bin|\.n8n/);
		}
		assert.equal(s.count(EXCHANGE), before + 1);
	});

	it('the plain echostr check echoes digits only, with nosniff', async () => {
		const timestamp = String(Math.floor(Date.now() / 1000));
		const nonce = '987654';
		const signature = createHash('sha1')
			.update([env.component.token, timestamp, nonce].sort().join(''))
			.digest('hex');
		const query = (echostr) => new URLSearchParams({ signature, timestamp, nonce, echostr });
		const ok = await get(`${urls.callback(ACCOUNT.appId)}?${query('1234567890')}`);
		assert.deepEqual(ok, { status: 200, body: '1234567890', nosniff: 'nosniff' });
		const html = await get(`${urls.callback(ACCOUNT.appId)}?${query('<h1>Pay here</h1>')}`);
		assert.equal(html.status, 400);
		assert.doesNotMatch(html.body, /Pay here/);
	});

	it('forged 200 KB bodies are refused at once and a genuine push still answers', async () => {
		const genuine = s.buildMessagePush(ACCOUNT.appId, {
			MsgType: 'text',
			Content: 'hello',
			FromUserName: OPENID,
		});
		const forged = `<xml><ToUserName><![CDATA[${ACCOUNT.userName}]]></ToUserName>${'<a>1</a>'.repeat(25_000)}</xml>`;
		const started = Date.now();
		const answers = await Promise.all(
			Array.from({ length: 10 }, () =>
				s.sendRaw(urls.callback(ACCOUNT.appId), { body: forged, query: genuine.query }),
			),
		);
		for (const a of answers) assert.equal(a.status, 400, a.body);
		const runs = await count();
		const res = await s.sendRaw(urls.callback(ACCOUNT.appId), genuine);
		assert.equal(res.status, 200, res.body);
		// Its execution is recorded a moment after the answer: the next case counts from there.
		assert.equal(await settle('demo', runs + 1), runs + 1);
		assert.ok(Date.now() - started < 10_000, 'refusals and the genuine push took under 10 s');
	});

	it('one signed push replayed to other paths starts one run; made-up AppIDs are refused', async () => {
		const before = await count();
		const push = s.buildMessagePush(ACCOUNT.appId, {
			MsgType: 'text',
			Content: 'replayed',
			FromUserName: OPENID,
		});
		const statuses = [];
		for (const appId of [ACCOUNT.appId, ACCOUNT_2.appId, 'wx9999999999999999', 'anything_goes']) {
			statuses.push((await s.sendRaw(urls.callback(appId), push)).status);
		}
		assert.deepEqual(statuses.slice(1), [200, 200, 400]);
		assert.equal(await settle('demo', before + 1), before + 1);
	});

	it('two menu clicks in the same second each start one run; a retry starts none', async () => {
		const before = await count();
		const second = String(Math.floor(Date.now() / 1000));
		const click = (EventKey) =>
			s.buildMessagePush(ACCOUNT.appId, {
				MsgType: 'event',
				Event: 'CLICK',
				EventKey,
				CreateTime: second,
				FromUserName: OPENID,
			});
		const first = click('MENU_A');
		for (const push of [first, click('MENU_B')]) {
			assert.equal((await s.sendRaw(urls.callback(ACCOUNT.appId), push)).status, 200);
		}
		assert.equal(await settle('demo', before + 2), before + 2);
		// WeChat's retry of the first click: same plaintext, encrypted again.
		const retry = s.buildMessagePush(ACCOUNT.appId, {
			MsgType: 'event',
			Event: 'CLICK',
			EventKey: 'MENU_A',
			CreateTime: second,
			FromUserName: OPENID,
		});
		assert.equal((await s.sendRaw(urls.callback(ACCOUNT.appId), retry)).status, 200);
		assert.equal(await count(), before + 2);
	});
});
