// End-to-end in a real n8n (E2E_N8N_VERSION, default 2.41.1) with the package installed the community
// way, driven only over HTTP by the local WeChat simulator. Run through `npm run test:e2e`.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';

import {
	E2E_VERSION,
	ACCOUNT,
	ACCOUNT_2,
	ACTION_TYPE,
	EXAMPLES,
	OPENID,
	TEST_WORKFLOWS,
	TRIGGER_TYPE,
	activateOnly,
	addWorkflow,
	collectIssuedSecrets,
	executions,
	healthy,
	loadedNodeTypes,
	n8nLogs,
	publicBase,
	restart,
	sim,
	waitFor,
	waitForExecutions,
	webhookStatus,
	withEnvironment,
} from './harness.mjs';

const VERSION = E2E_VERSION;

const ENGINE =
	process.env.N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE === 'true' ? ' (lazy expression isolates)' : '';

describe(
	`n8n ${VERSION}${ENGINE}: WeChat Open Platform package end to end`,
	{ timeout: 15 * 60_000 },
	() => {
		let env;
		let s; // the simulator

		const text = (Content, extra = {}) => ({
			MsgType: 'text',
			Content,
			FromUserName: OPENID,
			...extra,
		});
		const totalExecutions = async () => (await executions(env)).length;
		const signature = (token, ...parts) =>
			createHash('sha1')
				.update([token, ...parts].sort().join(''))
				.digest('hex');

		withEnvironment('n8n', {
			accounts: [ACCOUNT, ACCOUNT_2],
			async setup(created) {
				env = created;
				s = env.simulator;
				for (const [key, file] of Object.entries({ ...EXAMPLES, ...TEST_WORKFLOWS }))
					await addWorkflow(env, key, file);
			},
		});

		it('loads both nodes and the credential from the community-nodes folder', async () => {
			const types = await loadedNodeTypes(env.processes.main.baseUrl, env.cookie);
			assert.ok(types.includes(TRIGGER_TYPE), 'trigger type loaded');
			assert.ok(types.includes(ACTION_TYPE), 'action type loaded');
			assert.ok(env.credential.id, 'credential of type wechatOpenPlatformApi created');
		});

		it('knows every node type and version the example workflows use (the AI example is import-only)', async () => {
			const res = await fetch(`${env.processes.main.baseUrl}/types/nodes.json`, {
				headers: { cookie: env.cookie },
			});
			const known = new Map();
			for (const t of await res.json()) {
				const versions = Array.isArray(t.version) ? t.version : [t.version];
				known.set(t.name, new Set([...(known.get(t.name) ?? []), ...versions]));
			}
			for (const wf of Object.values(env.workflows)) {
				for (const node of wf.source.nodes) {
					assert.ok(
						known.get(node.type)?.has(node.typeVersion),
						`${wf.source.name}: ${node.type} v${node.typeVersion}`,
					);
				}
			}
		});

		it('serves the message URL at /webhook/<webhookId>/<appid>/callback as the spec fixes it', async () => {
			const urls = await activateOnly(env, 'echo');
			const root = `${publicBase(env)}/webhook/${urls.webhookId}`;
			assert.equal(urls.callback(ACCOUNT.appId), `${root}/${ACCOUNT.appId}/callback`);
			assert.equal(
				await webhookStatus(`${root}/${ACCOUNT.appId}/callback`),
				204,
				'the spec URL is registered',
			);
			assert.equal(
				await webhookStatus(`${root}/authorization`),
				204,
				'the authorization URL is registered',
			);
			// Without isFullPath n8n would put the webhookId in twice; that address must not exist.
			const doubled = await s.pushMessage(
				`${root}/${urls.webhookId}/${ACCOUNT.appId}/callback`,
				ACCOUNT.appId,
				text('doubled'),
			);
			assert.equal(doubled.status, 404, doubled.body);
			const res = await s.pushMessage(
				`${root}/${ACCOUNT.appId}/callback`,
				ACCOUNT.appId,
				text('at the spec URL'),
			);
			assert.equal(res.reply?.fields.Content, 'You said: at the spec URL', res.body);
		});

		it('stores a pushed ticket, answers "success" and starts no execution', async () => {
			const urls = await activateOnly(env, 'authLog');
			s.setTicketPushUrl(urls.authorization);
			const before = await totalExecutions();
			const res = await s.pushTicket(urls.authorization);
			assert.equal(res.status, 200);
			assert.equal(res.body, 'success');
			// The ticket is proven stored by the next test: exchanging a code needs a component token, which needs it.
			assert.equal(await totalExecutions(), before);
		});

		it('exchanges an authorization event at once, answers "success" and logs it', async () => {
			const urls = env.workflows.authLog.urls;
			const code = s.createAuthorizationCode(ACCOUNT.appId);
			const res = await s.pushAuthorizationEvent(urls.authorization, {
				infoType: 'authorized',
				authorizerAppId: ACCOUNT.appId,
				authorizationCode: code,
			});
			assert.equal(res.status, 200);
			assert.equal(res.body, 'success');
			const [latest] = await waitForExecutions(env, 'authLog', 1);
			const data = await env.api.getExecution(latest.id, true);
			const out = data.data.resultData.runData['Authorization log entry'][0].data.main[0][0].json;
			assert.equal(out.event, 'authorized');
			assert.equal(out.authorizerAppId, ACCOUNT.appId);
			assert.equal(out.accountName, ACCOUNT.nickName);
			assert.equal(out.tokensStored, true);
			assert.ok(s.count('/cgi-bin/component/api_query_auth') >= 1);
		});

		it('onboards a merchant through the /authorize page and stores the account', async () => {
			const urls = env.workflows.authLog.urls;
			const page = await fetch(urls.authorize);
			assert.equal(page.status, 200);
			const html = await page.text();
			const link = [...html.matchAll(/href="([^"]+)"/g)]
				.map((m) => new URL(m[1].replace(/&amp;/g, '&')))
				.find(
					(u) =>
						u.pathname === '/cgi-bin/componentloginpage' && u.searchParams.get('pre_auth_code'),
				);
			assert.ok(link, 'page links to the WeChat authorization page with a pre_auth_code');
			assert.equal(link.searchParams.get('component_appid'), env.component.appId);
			// The merchant's browser goes to WeChat: here, the same page on the simulator.
			const href = `${s.url}${link.pathname}${link.search}`;
			// The merchant confirms for ACCOUNT_2: WeChat pushes `authorized` and redirects back.
			const confirm = await fetch(`${href}&biz_appid=${ACCOUNT_2.appId}`, { redirect: 'manual' });
			assert.ok(
				[301, 302, 303].includes(confirm.status),
				`redirect expected, got ${confirm.status}`,
			);
			const back = await fetch(confirm.headers.get('location'));
			assert.equal(back.status, 200);
			const logged = await waitFor(
				async () => {
					for (const e of await executions(env, 'authLog')) {
						const d = await env.api.getExecution(e.id, true);
						const out =
							d.data?.resultData?.runData?.['Authorization log entry']?.[0]?.data?.main?.[0]?.[0]
								?.json;
						if (out?.authorizerAppId === ACCOUNT_2.appId) return out;
					}
					return undefined;
				},
				{ what: 'authorization of the second account logged' },
			);
			assert.equal(logged.event, 'authorized');
			assert.equal(logged.tokensStored, true);
		});

		it('answers a text message with an encrypted passive reply from the echo workflow', async () => {
			const urls = await activateOnly(env, 'echo');
			const res = await s.pushMessage(
				urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('hello from e2e ]]> <b>'),
			);
			assert.equal(res.status, 200, res.body);
			assert.ok(res.reply, `an encrypted reply (${res.replyError ?? res.body})`);
			assert.equal(res.reply.signatureValid, true);
			assert.equal(res.reply.fields.MsgType, 'text');
			assert.equal(res.reply.fields.Content, 'You said: hello from e2e ]]> <b>');
			assert.equal(res.reply.fields.ToUserName, OPENID);
			assert.equal(res.reply.fields.FromUserName, ACCOUNT.userName);
		});

		it('routes keywords with a Switch and answers each with its own reply', async () => {
			const urls = await activateOnly(env, 'keyword');
			const hours = await s.pushMessage(
				urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('What are your opening HOURS?'),
			);
			assert.match(hours.reply?.fields.Content ?? hours.body, /9:00 to 18:00/);
			const other = await s.pushMessage(urls.callback(ACCOUNT.appId), ACCOUNT.appId, text('blah'));
			assert.match(other.reply?.fields.Content ?? other.body, /did not understand "blah"/);
		});

		it('answers every button of the chat page from the demo workflow (follow, menu click, keywords)', async () => {
			const urls = await activateOnly(env, 'demo');
			const url = urls.callback(ACCOUNT.appId);
			const event = (Event, EventKey) => ({
				MsgType: 'event',
				Event,
				EventKey,
				FromUserName: OPENID,
			});
			const follow = await s.pushMessage(url, ACCOUNT.appId, event('subscribe', ''));
			assert.match(follow.reply?.fields.Content ?? follow.body, /^Welcome!/);
			const click = await s.pushMessage(url, ACCOUNT.appId, event('CLICK', 'MENU_HELLO'));
			assert.equal(
				click.reply?.fields.Content,
				'You tapped the menu item "MENU_HELLO".',
				click.body,
			);
			const price = await s.pushMessage(url, ACCOUNT.appId, text('price please'));
			assert.match(price.reply?.fields.Content ?? price.body, /Coffee 18 CNY/);
			const other = await s.pushMessage(url, ACCOUNT.appId, text('blah'));
			assert.match(other.reply?.fields.Content ?? other.body, /did not understand "blah"/);
		});

		it('starts no execution for authorization events in the message-only examples', async () => {
			for (const key of ['echo', 'demo', 'keyword', 'welcome']) {
				const trigger = env.workflows[key].source.nodes.find((n) => n.type === TRIGGER_TYPE);
				assert.deepEqual(
					trigger.parameters.authorizationEvents,
					[],
					`${key} ignores authorizations`,
				);
			}
			const urls = await activateOnly(env, 'demo');
			const before = await totalExecutions();
			const res = await s.pushAuthorizationEvent(urls.authorization, {
				infoType: 'updateauthorized',
				authorizerAppId: ACCOUNT.appId,
				authorizationCode: s.createAuthorizationCode(ACCOUNT.appId),
			});
			assert.equal(res.status, 200);
			// A message pushed after it is answered by a run: once that run is recorded, the event's would be too.
			const after = await s.pushMessage(urls.callback(ACCOUNT.appId), ACCOUNT.appId, text('hours'));
			assert.match(after.reply?.fields.Content ?? after.body, /9:00 to 18:00/);
			await waitFor(async () => (await totalExecutions()) >= before + 1 || undefined, {
				what: 'the message run recorded',
			});
			assert.equal(
				await totalExecutions(),
				before + 1,
				'one run: the message, not the authorization',
			);
			const demoRuns = await executions(env, 'demo');
			assert.equal(
				demoRuns.filter((e) => e.status !== 'success').length,
				0,
				'no failed demo executions',
			);
		});

		it('welcomes a new follower and ignores text without an execution', async () => {
			const urls = await activateOnly(env, 'welcome');
			// A new follower, not OPENID: OPENID followed in the demo test, maybe in this same second, and
			// WeChat's dedupe rule for events (FromUserName + CreateTime) rightly takes that for a retry.
			const follow = await s.pushMessage(urls.callback(ACCOUNT.appId), ACCOUNT.appId, {
				MsgType: 'event',
				Event: 'subscribe',
				EventKey: '',
				FromUserName: 'oE2ENewFollowerOpenId000001',
			});
			assert.match(follow.reply?.fields.Content ?? follow.body, /^Welcome/);
			await waitForExecutions(env, 'welcome', 1);
			const before = await totalExecutions();
			const ignored = await s.pushMessage(
				urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('not for this workflow'),
			);
			assert.equal(ignored.status, 200);
			assert.ok(['', 'success'].includes(ignored.body), ignored.body);
			assert.equal(await totalExecutions(), before);
		});

		it('answers with a customer-service message when the trigger acknowledges at once', async () => {
			const urls = await activateOnly(env, 'customerService');
			const res = await s.pushMessage(urls.callback(ACCOUNT.appId), ACCOUNT.appId, text('ping'));
			assert.equal(res.status, 200);
			assert.equal(res.body, 'success');
			const sent = await waitFor(
				() =>
					s.sentMessages.find(
						(m) =>
							m.kind === 'custom' &&
							m.body?.touser === OPENID &&
							m.body?.text?.content === 'Got it: ping',
					),
				{ what: 'customer-service message at the simulator' },
			);
			assert.equal(sent.authorizerAppId, ACCOUNT.appId);
		});

		// n8n 2.x answers 500 {"message":"Error in workflow"} when a run in responseNode mode fails; WeChat
		// would show the user "this account cannot provide service". The trigger turns that into "success".
		for (const [key, what] of [
			['replyModeFailure', 'fails before any Reply'],
			['replyModeNoReply', 'ends without a Reply'],
		]) {
			it(`in reply mode, a run that ${what} still gives WeChat a clean 200`, async () => {
				const urls = await activateOnly(env, key);
				const before = (await executions(env, key)).length;
				const res = await s.pushMessage(
					urls.callback(ACCOUNT.appId),
					ACCOUNT.appId,
					text(`reply mode: ${what}`),
				);
				assert.equal(res.status, 200, res.body);
				assert.ok(['', 'success'].includes(res.body), `body ${JSON.stringify(res.body)}`);
				const runs = await waitForExecutions(env, key, before + 1);
				assert.equal(runs.length, before + 1, 'the run happened');
			});
		}

		it("passes WeChat's full-network release detection end to end", async () => {
			const urls = await activateOnly(env, 'echo');
			const report = await s.runReleaseTest({
				authorizationUrl: urls.authorization,
				messageUrl: urls.callbackTemplate,
			});
			assert.ok(report.passed, JSON.stringify(report.steps, null, 1));
		});

		it('starts one execution for a message WeChat delivers several times', async () => {
			const urls = await activateOnly(env, 'echo');
			const before = (await executions(env, 'echo')).length;
			const push = s.buildMessagePush(ACCOUNT.appId, text('only once'));
			const url = urls.callback(ACCOUNT.appId);
			const first = await Promise.all([s.sendRaw(url, push), s.sendRaw(url, push)]);
			const again = await s.sendRaw(url, push);
			for (const r of [...first, again]) assert.equal(r.status, 200);
			await waitForExecutions(env, 'echo', before + 1);
			// A second run would have been saved by now: the dedupe answer comes back only after it was decided.
			assert.equal((await executions(env, 'echo')).length, before + 1);
		});

		describe('rejects bad input without an execution and stays healthy', () => {
			let url;
			let authUrl;
			let baseline;
			const keys = () => ({
				appId: env.component.appId,
				token: env.component.token,
				encodingAESKey: env.component.encodingAESKey,
			});
			const toUser = { toUserName: ACCOUNT.userName };
			const messageXml = (content) =>
				sim.buildXml({
					ToUserName: ACCOUNT.userName,
					FromUserName: OPENID,
					CreateTime: String(Math.floor(Date.now() / 1000)),
					MsgType: 'text',
					Content: content,
					MsgId: String(Date.now()),
				});

			before(async () => {
				const urls = await activateOnly(env, 'echo');
				url = urls.callback(ACCOUNT.appId);
				authUrl = urls.authorization;
				baseline = await totalExecutions();
			});

			const expectRejected = async (res) => {
				assert.ok(
					res.status >= 400 && res.status < 500,
					`4xx expected, got ${res.status} ${res.body.slice(0, 200)}`,
				);
				assert.ok(res.body.length < 300, 'short answer');
				assert.ok(
					!res.body.includes(env.component.token) &&
						!res.body.includes(env.component.encodingAESKey),
				);
			};

			it('bad signature (message and authorization URLs)', async () => {
				const push = s.buildMessagePush(ACCOUNT.appId, text('forged'));
				await expectRejected(
					await s.sendRaw(url, {
						...push,
						query: { ...push.query, msg_signature: '0'.repeat(40) },
					}),
				);
				const ticket = sim.buildPush(
					keys(),
					sim.ticketXml(env.component.appId, 'ticket@@@forged', Math.floor(Date.now() / 1000)),
					{
						envelope: { appId: env.component.appId },
					},
				);
				await expectRejected(
					await s.sendRaw(authUrl, {
						...ticket,
						query: { ...ticket.query, msg_signature: 'f'.repeat(40) },
					}),
				);
			});

			it('wrong AppID inside the ciphertext', async () => {
				const push = sim.buildPush(
					{ ...keys(), appId: 'wx0123456789abcdef' },
					messageXml('other platform'),
					{ envelope: toUser },
				);
				await expectRejected(await s.sendRaw(url, push));
			});

			it('broken base64 with a valid signature', async () => {
				const encrypt = '%%%not*base64%%%';
				const timestamp = String(Math.floor(Date.now() / 1000));
				const nonce = '1234567';
				const query = {
					signature: signature(env.component.token, timestamp, nonce),
					timestamp,
					nonce,
					encrypt_type: 'aes',
					msg_signature: signature(env.component.token, timestamp, nonce, encrypt),
				};
				const body = `<xml><ToUserName><![CDATA[${ACCOUNT.userName}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
				await expectRejected(await s.sendRaw(url, { body, query }));
			});

			it('oversized XML', async () => {
				const push = s.buildMessagePush(ACCOUNT.appId, text('big'));
				const body = push.body.replace(
					'</xml>',
					`<Pad><![CDATA[${'A'.repeat(3 * 1024 * 1024)}]]></Pad></xml>`,
				);
				await expectRejected(await s.sendRaw(url, { body, query: push.query }));
			});

			it('hostile XML (DOCTYPE with entity expansion)', async () => {
				const lol =
					'<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
				const push = s.buildMessagePush(ACCOUNT.appId, text('entity'));
				await expectRejected(
					await s.sendRaw(url, {
						body: lol + push.body.replace('<ToUserName>', '<X>&c;</X><ToUserName>'),
						query: push.query,
					}),
				);
				// The same inside the ciphertext: the envelope is fine, the plaintext is hostile.
				const inner = sim.buildPush(keys(), lol + messageXml('&c;'), { envelope: toUser });
				await expectRejected(await s.sendRaw(url, inner));
			});

			it('replay of an old, correctly signed push', async () => {
				const old = String(Math.floor(Date.now() / 1000) - 3600);
				const push = sim.buildPush(keys(), messageXml('replayed'), {
					envelope: toUser,
					timestamp: old,
				});
				await expectRejected(await s.sendRaw(url, push));
			});

			it('none of them started an execution and n8n is healthy', async () => {
				assert.equal(await totalExecutions(), baseline);
				assert.ok(await healthy(env));
				const ok = await s.pushMessage(url, ACCOUNT.appId, text('still here'));
				assert.equal(ok.reply?.fields.Content, 'You said: still here');
			});
		});

		for (const signal of ['SIGTERM', 'SIGKILL']) {
			it(`keeps ticket and tokens across a restart (${signal}): the next message is answered without a new ticket`, async () => {
				await activateOnly(env, 'customerService');
				collectIssuedSecrets(env);
				s.setTicketPushUrl(undefined);
				await restart(env, signal);
				// WeChat no longer accepts any access token issued so far; only the stored ticket and refresh token can help.
				for (const token of s.state.tokens.keys()) s.invalidateToken(token);
				s.clearRecords();
				const urls = env.workflows.customerService.urls;
				const content = `after ${signal}`;
				const res = await s.pushMessage(urls.callback(ACCOUNT.appId), ACCOUNT.appId, text(content));
				assert.equal(res.status, 200);
				await waitFor(
					() =>
						s.sentMessages.find(
							(m) => m.kind === 'custom' && m.body?.text?.content === `Got it: ${content}`,
						),
					{
						what: 'customer-service answer after restart',
						timeoutMs: 30_000,
					},
				);
				assert.equal(s.pushes.filter((p) => p.kind === 'ticket').length, 0, 'no ticket was pushed');
				// At most one refresh attempt rejected for the dead component token, then one that works.
				assert.ok(
					s.count('/cgi-bin/component/api_authorizer_token') <= 2,
					'authorizer token refreshed once (plus one retry)',
				);
				assert.equal(
					s.count('/cgi-bin/component/api_component_token'),
					1,
					'component token fetched once, from the stored ticket',
				);
			});
		}

		it('never writes a secret into execution data or the n8n logs', async () => {
			const secrets = [...collectIssuedSecrets(env)].filter(
				(v) => typeof v === 'string' && v.length >= 8,
			);
			assert.ok(secrets.length >= 5, 'collected the secrets to look for');
			const data = JSON.stringify(await env.api.listExecutions({ includeData: true }));
			const logs = n8nLogs(env);
			for (const secret of secrets) {
				assert.ok(
					!data.includes(secret),
					`a secret (${secret.slice(0, 4)}…) appears in execution data`,
				);
				assert.ok(
					!logs.includes(secret),
					`a secret (${secret.slice(0, 4)}…) appears in the n8n log`,
				);
			}
		});
	},
);
