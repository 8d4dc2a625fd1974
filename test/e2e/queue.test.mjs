// Queue mode in a real n8n (E2E_N8N_VERSION, default 2.41.1): main + webhook process + E2E_WORKERS
// workers (default 2), Redis with a password for n8n's queue and for the credential's store. WeChat
// talks only to the webhook process; executions run in the workers. Run through `npm run test:e2e`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
	E2E_VERSION,
	ACCOUNT,
	EXAMPLES,
	OPENID,
	TEST_WORKFLOWS,
	activateOnly,
	addWorkflow,
	ageTicket,
	ageTokens,
	collectIssuedSecrets,
	executions,
	n8nLogs,
	waitFor,
	waitForExecutions,
	withEnvironment,
	workerOf,
} from './harness.mjs';
import { importWorkflow } from '../../scripts/n8n/launcher.mjs';

const VERSION = E2E_VERSION;
const WORKERS = Number(process.env.E2E_WORKERS || 2);
const COMPONENT_TOKEN = '/cgi-bin/component/api_component_token';
const AUTHORIZER_TOKEN = '/cgi-bin/component/api_authorizer_token';

describe(
	`n8n ${VERSION} queue mode (main + webhook + ${WORKERS} workers, Redis)`,
	{ timeout: 15 * 60_000 },
	() => {
		let env;
		let s;

		const text = (Content) => ({ MsgType: 'text', Content, FromUserName: OPENID });
		const webhookBase = () => env.processes.webhook.baseUrl;
		/** Sends `count` messages at once to the customer-service workflow and waits for every answer. */
		const burst = async (label, count) => {
			const url = env.workflows.customerService.urls.callback(ACCOUNT.appId);
			const contents = Array.from({ length: count }, (_, i) => `${label} ${i + 1}`);
			const answers = await Promise.all(
				contents.map((c) => s.pushMessage(url, ACCOUNT.appId, text(c))),
			);
			for (const a of answers) assert.equal(a.body, 'success');
			await waitFor(
				() =>
					contents.every((c) =>
						s.sentMessages.some(
							(m) => m.kind === 'custom' && m.body?.text?.content === `Got it: ${c}`,
						),
					),
				{ what: `${count} customer-service answers (${label})`, timeoutMs: 60_000 },
			);
		};
		/** Which worker ran each of the newest `count` executions of a workflow. */
		const placement = async (key, count) => {
			const list = (await executions(env, key)).slice(0, count);
			return list.map((e) => workerOf(env, e.id));
		};

		withEnvironment('queue', {
			queue: true,
			workers: WORKERS,
			accounts: [ACCOUNT],
			async setup(created) {
				env = created;
				s = env.simulator;
				await addWorkflow(env, 'exchangeInWorkflow', TEST_WORKFLOWS.exchangeInWorkflow);
				await addWorkflow(env, 'customerService', TEST_WORKFLOWS.customerService);
				await addWorkflow(env, 'echo', EXAMPLES.echo);
			},
		});

		it('serves the trigger URLs from the webhook process', async () => {
			const urls = await activateOnly(env, 'exchangeInWorkflow');
			assert.ok(urls.authorization.startsWith(`${webhookBase()}/webhook/`), urls.authorization);
			assert.notEqual(env.processes.webhook.port, env.processes.main.port);
			assert.equal(
				Object.keys(env.processes).filter((r) => r.startsWith('worker-')).length,
				WORKERS,
			);
		});

		it('a ticket pushed to the webhook process lets a worker exchange an authorization code', async () => {
			const urls = env.workflows.exchangeInWorkflow.urls;
			s.clearRecords();
			const ticket = await s.pushTicket(urls.authorization);
			assert.equal(ticket.status, 200);
			assert.equal(ticket.body, 'success');
			assert.equal(s.count(COMPONENT_TOKEN), 0, 'the webhook process only stored the ticket');
			const pushed = await s.pushAuthorizationEvent(urls.authorization, {
				infoType: 'authorized',
				authorizerAppId: ACCOUNT.appId,
			});
			assert.equal(pushed.body, 'success');
			const [run] = await waitForExecutions(env, 'exchangeInWorkflow', 1, 60_000);
			const data = await env.api.getExecution(run.id, true);
			assert.equal(data.status, 'success', JSON.stringify(data.data?.resultData?.error ?? {}));
			const out = data.data.resultData.runData['Exchange code'][0].data.main[0][0].json;
			assert.equal(out.authorizerAppId, ACCOUNT.appId);
			assert.ok(workerOf(env, run.id), 'a worker ran the execution');
			// The worker could only get a component token from the ticket the webhook process stored.
			assert.equal(s.count(COMPONENT_TOKEN), 1);
			assert.equal(s.count('/cgi-bin/component/api_query_auth'), 1);
		});

		it('a worker answers with a customer-service message using the tokens another worker stored', async () => {
			await activateOnly(env, 'customerService');
			s.clearRecords();
			await burst('first contact', 1);
			assert.equal(s.count(COMPONENT_TOKEN), 0);
			assert.equal(s.count(AUTHORIZER_TOKEN), 0);
		});

		it('a message at the webhook process gets its passive reply from a worker (Reply → Send)', async () => {
			const urls = await activateOnly(env, 'echo');
			const res = await s.pushMessage(
				urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('queued hello ]]>'),
			);
			assert.equal(res.status, 200, res.body);
			assert.ok(res.reply, `an encrypted reply (${res.replyError ?? res.body})`);
			assert.equal(res.reply.signatureValid, true);
			assert.equal(res.reply.fields.Content, 'You said: queued hello ]]>');
			assert.equal(res.reply.fields.ToUserName, OPENID);
			const [run] = await waitForExecutions(env, 'echo', 1);
			assert.ok(workerOf(env, run.id), `execution ${run.id} ran in a worker`);
		});

		it('expired tokens are refreshed once across processes (component and authorizer token: 1 request each)', async () => {
			await activateOnly(env, 'customerService');
			await ageTokens(env, [ACCOUNT.appId]);
			s.clearRecords();
			const count = 4 * WORKERS;
			await burst('after expiry', count);
			const counts = s.counts();
			console.log(
				`[queue] expiry: ${count} executions on ${JSON.stringify(await placement('customerService', count))}; requests ${JSON.stringify(counts)}`,
			);
			assert.equal(counts[COMPONENT_TOKEN], 1);
			assert.equal(counts[AUTHORIZER_TOKEN], 1);
		});

		it('tokens WeChat dropped early are refreshed once too (one rejected authorizer refresh, then one that works)', async () => {
			for (const token of [...s.state.tokens.keys()]) s.invalidateToken(token);
			s.clearRecords();
			const count = 4 * WORKERS;
			await burst('after invalidation', count);
			const counts = s.counts();
			console.log(
				`[queue] invalidation: ${count} executions on ${JSON.stringify(await placement('customerService', count))}; requests ${JSON.stringify(counts)}`,
			);
			assert.equal(counts[COMPONENT_TOKEN], 1);
			// The first refresh is sent with the dead component token (40001), then once more after it was renewed.
			assert.equal(counts[AUTHORIZER_TOKEN], 2);
		});

		it('Get Status, read in a worker, shows what the other processes recorded: a stale ticket, rejected requests, 61004, a revoked account (61023)', async () => {
			const callback = (await activateOnly(env, 'customerService')).callback(ACCOUNT.appId);
			await importWorkflow(env.api, TEST_WORKFLOWS.platformStatus, env.credential);
			const statusUrl = `${webhookBase()}/webhook/e2e-platform-status`;
			// A GET webhook (waitForWebhook's preflight asks for POST): its first run is the sign.
			await waitFor(async () => (await fetch(statusUrl)).status === 200, {
				what: `${statusUrl} to answer`,
				timeoutMs: 60_000,
				intervalMs: 500,
			});
			const status = async () => {
				const res = await fetch(statusUrl);
				const body = await res.text();
				assert.equal(res.status, 200, body);
				const items = JSON.parse(body);
				return {
					platform: items.find((i) => i.type === 'platform'),
					account: items.find((i) => i.type === 'account' && i.authorizerAppId === ACCOUNT.appId),
				};
			};
			/** Polls the status until `check` holds (a process writes its counts at most once a minute). */
			const statusWhen = (what, check) =>
				waitFor(
					async () => {
						const now = await status();
						return check(now) ? now : undefined;
					},
					{ what, timeoutMs: 90_000, intervalMs: 2_000 },
				);
			/** Pushes one message; its customer-service answer runs in a worker. */
			const pushOne = async (content) => {
				const res = await s.pushMessage(callback, ACCOUNT.appId, text(content));
				assert.equal(res.body, 'success');
			};

			const fresh = await status();
			assert.equal(fresh.platform.storeKind, 'redis');
			assert.equal(fresh.platform.storeAnswers, true);
			assert.ok(fresh.platform.ticketAgeMinutes < 30, String(fresh.platform.ticketAgeMinutes));
			assert.equal(fresh.account.needsAttention, false, fresh.account.attentionReason);

			// WeChat stopped pushing tickets 45 minutes ago.
			await ageTicket(env, 45);
			const stale = await status();
			assert.ok(stale.platform.ticketAgeMinutes >= 45, String(stale.platform.ticketAgeMinutes));
			assert.equal(stale.platform.needsAttention, true);
			assert.ok(
				stale.platform.attentionReasons.some((r) =>
					/component_verify_ticket arrived \d+ minutes ago/.test(r),
				),
				JSON.stringify(stale.platform.attentionReasons),
			);

			// A request with a wrong msg_signature, refused by the webhook process.
			const genuine = s.buildMessagePush(ACCOUNT.appId, text('forged'));
			await s.sendRaw(callback, {
				...genuine,
				query: { ...genuine.query, msg_signature: 'f'.repeat(40) },
			});
			const webhookPid = String(env.processes.webhook.pid);
			const counted = await statusWhen('the forged request counted', (now) =>
				now.platform.rejectedByProcess.some((p) => p.rejected.badSignature >= 1),
			);
			const by = counted.platform.rejectedByProcess.filter((p) => p.rejected.badSignature >= 1);
			assert.deepEqual(
				by.map((p) => p.process.split(':')[1]),
				[webhookPid],
				`counted by the webhook process (pid ${webhookPid}): ${JSON.stringify(by)}`,
			);
			assert.ok(counted.platform.rejected.badSignature >= 1);

			// WeChat refuses the server's IP for a call a worker makes.
			s.failNext('/cgi-bin/message/custom/send', 61004);
			await pushOne('while the IP is refused');
			const refused = await statusWhen(
				'61004 on the platform',
				(now) => now.platform.lastError?.errcode === 61004,
			);
			assert.equal(refused.platform.needsAttention, true);
			assert.ok(
				refused.platform.attentionReasons.some((r) => /IP whitelist/.test(r)),
				JSON.stringify(refused.platform.attentionReasons),
			);

			// The merchant revoked the authorization: the next refresh is refused with 61023.
			await ageTokens(env, [ACCOUNT.appId]);
			s.failNext('/cgi-bin/component/api_authorizer_token', 61023);
			await pushOne('after the revocation');
			const revoked = await statusWhen(
				'61023 on the account',
				(now) => now.account?.lastError?.errcode === 61023,
			);
			assert.equal(revoked.account.needsAttention, true);
			assert.match(revoked.account.attentionReason, /must authorize the platform again/);
			assert.equal(revoked.account.lastRefreshResult, 'failed');
			assert.ok(revoked.platform.accountsNeedingAttention >= 1);
			const [run] = await executions(env);
			assert.ok(workerOf(env, run.id), `the status was read in a worker (execution ${run.id})`);
		});

		it('never writes a secret (tokens, keys, Redis password, API key) into execution data or the n8n logs', async () => {
			const secrets = [...collectIssuedSecrets(env)].filter(
				(v) => typeof v === 'string' && v.length >= 8,
			);
			assert.ok(secrets.includes(env.redis.password), 'the Redis password is among the secrets');
			assert.ok(secrets.length >= 8, 'collected the secrets to look for');
			const data = JSON.stringify(await env.api.listExecutions({ includeData: true }));
			const logs = n8nLogs(env);
			assert.match(logs, /Worker started execution/, 'the worker logs are part of the check');
			for (const secret of secrets) {
				assert.ok(
					!data.includes(secret),
					`a secret (${secret.slice(0, 4)}…) appears in execution data`,
				);
				assert.ok(
					!logs.includes(secret),
					`a secret (${secret.slice(0, 4)}…) appears in the n8n logs`,
				);
			}
		});
	},
);
