// How the trigger's webhooks live inside a real n8n (E2E_N8N_VERSION, default 2.41.1), next to other
// triggers: two platforms' triggers active at once, switching workflows on and off, n8n's test mode
// for the message URL, a version-1.1 node from before, and n8n's shared XML body parser, which a
// stranger can jam for every webhook that lets n8n parse its XML (docs/upstream-xml-body-parser.md).
// Run through `npm run test:e2e` (E2E_FILES="webhooks.test.mjs" runs this file alone).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import {
	E2E_VERSION,
	ACCOUNT,
	EXAMPLES,
	OPENID,
	executions,
	publicBase,
	readWorkflow,
	sim,
	waitFor,
	waitForWebhook,
	rest,
	withEnvironment,
} from './harness.mjs';
import {
	CREDENTIAL_TYPE,
	credentialData,
	importWorkflow,
	triggerUrls,
} from '../../scripts/n8n/launcher.mjs';

const VERSION = E2E_VERSION;
const TRIGGER_NAME = 'WeChat Open Platform Trigger';

/** An example workflow under a new name with a fresh webhookId, as n8n's "Duplicate" makes it. */
function copyOf(file, name, change = () => {}) {
	const wf = structuredClone(readWorkflow(file));
	wf.name = name;
	for (const node of wf.nodes) {
		if (node.webhookId) node.webhookId = randomUUID();
		node.id = randomUUID();
	}
	change(wf.nodes.find((n) => n.name === TRIGGER_NAME));
	return wf;
}

describe(
	`n8n ${VERSION}: the trigger's webhooks next to other triggers`,
	{ timeout: 10 * 60_000 },
	() => {
		let env;
		let simA; // platform A (the environment's simulator and credential)
		let simB; // platform B: another component, its own simulator and credential
		const wf = {};

		const text = (Content) => ({ MsgType: 'text', Content, FromUserName: OPENID });

		async function add(key, source, credential) {
			const created = await importWorkflow(env.api, source, credential, { activate: false });
			wf[key] = { id: created.id, source, urls: triggerUrlsOrNone(source) };
			return wf[key];
		}
		const triggerUrlsOrNone = (source) =>
			source.nodes.some((n) => n.webhookId && n.name === TRIGGER_NAME)
				? triggerUrls(source, publicBase(env))
				: undefined;

		async function activate(key) {
			await env.api.activateWorkflow(wf[key].id);
			if (wf[key].urls) {
				await waitForWebhook(wf[key].urls.authorization);
				await waitForWebhook(wf[key].urls.callback(ACCOUNT.appId));
			}
		}

		withEnvironment('webhooks', {
			accounts: [ACCOUNT],
			async setup(created) {
				env = created;
				simA = env.simulator;
				const componentB = sim.randomComponentConfig();
				simB = await sim.startSimulator({ component: componentB });
				simB.addAuthorizer(ACCOUNT);
				const credentialB = await env.api.createCredential({
					name: 'WeChat Open Platform API (platform B)',
					type: CREDENTIAL_TYPE,
					data: { ...credentialData(componentB, simB.url), store: 'file' },
				});
				await add('echoA', readWorkflow(EXAMPLES.echo), env.credential);
				await add('echoB', copyOf(EXAMPLES.echo, 'Echo (platform B)'), credentialB);
				await add('keywordA', readWorkflow(EXAMPLES.keyword), env.credential);
				await add('testMode', copyOf(EXAMPLES.echo, 'Echo (test mode)'), env.credential);
				// A node added while 1.1 was the default, as the editor saved it.
				await add(
					'legacy',
					copyOf(EXAMPLES.echo, 'Echo (trigger 1.1)', (trigger) => {
						trigger.typeVersion = 1.1;
						trigger.parameters.options = {};
					}),
					env.credential,
				);
				await add(
					'xmlHook',
					{
						name: "n8n's own Webhook node receiving XML",
						nodes: [
							{
								id: randomUUID(),
								name: 'Webhook',
								type: 'n8n-nodes-base.webhook',
								typeVersion: 2,
								position: [0, 0],
								webhookId: randomUUID(),
								parameters: { httpMethod: 'POST', path: 'xml-hook', options: {} },
							},
						],
						connections: {},
						settings: { executionOrder: 'v1' },
					},
					env.credential,
				);
			},
			async teardown() {
				await simB?.close().catch(() => {});
			},
		});

		it("two platforms' triggers are active at once and each answers its own pushes", async () => {
			await activate('echoA');
			await activate('echoB');
			const a = await simA.pushMessage(
				wf.echoA.urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('to A'),
			);
			assert.equal(a.reply?.fields.Content, 'You said: to A', a.body);
			assert.equal(a.reply.signatureValid, true, "signed with platform A's token");
			const b = await simB.pushMessage(
				wf.echoB.urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('to B'),
			);
			assert.equal(b.reply?.fields.Content, 'You said: to B', b.body);
			assert.equal(b.reply.signatureValid, true, "signed with platform B's token");
			// Each URL belongs to its platform: A's push to B's URL does not verify there.
			const crossed = await simA.pushMessage(
				wf.echoB.urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('x'),
			);
			assert.equal(crossed.status, 403, crossed.body);
		});

		it('a second workflow of the same platform can be active too, and switching leaves nothing stale', async () => {
			await activate('keywordA');
			const hours = await simA.pushMessage(
				wf.keywordA.urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('opening hours?'),
			);
			assert.match(hours.reply?.fields.Content ?? hours.body, /9:00 to 18:00/);
			const echo = await simA.pushMessage(
				wf.echoA.urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('still'),
			);
			assert.equal(echo.reply?.fields.Content, 'You said: still', echo.body);

			await env.api.deactivateWorkflow(wf.echoA.id);
			// n8n answers a preflight for a path it no longer knows with 500, a POST with 404.
			await waitFor(
				async () => {
					const res = await simA.pushMessage(
						wf.echoA.urls.callback(ACCOUNT.appId),
						ACCOUNT.appId,
						text('gone?'),
					);
					if (res.status !== 404) throw new Error(`still answers ${res.status}`);
					return true;
				},
				{ what: "removal of echo's message URL" },
			);
			const other = await simA.pushMessage(
				wf.keywordA.urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('blah'),
			);
			assert.match(other.reply?.fields.Content ?? other.body, /did not understand "blah"/);
			// Straight back on, then off and on again at once: no 409 from a leftover entry.
			await activate('echoA');
			await env.api.deactivateWorkflow(wf.keywordA.id);
			await activate('keywordA');
			for (const key of ['echoA', 'keywordA']) {
				const res = await simA.pushMessage(
					wf[key].urls.callback(ACCOUNT.appId),
					ACCOUNT.appId,
					text('hours'),
				);
				assert.equal(res.status, 200, `${key}: ${res.body}`);
				assert.ok(res.reply, `${key} answered with a reply`);
			}
		});

		it('a version-1.1 trigger from before keeps working next to them', async () => {
			await activate('legacy');
			const res = await simA.pushMessage(
				wf.legacy.urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('old node'),
			);
			assert.equal(res.reply?.fields.Content, 'You said: old node', res.body);
		});

		it('test mode: the message Test URL answers while the workflow waits for a test event', async () => {
			const { id } = wf.testMode;
			const workflowData = await rest(env, 'GET', `/workflows/${id}`);
			// The editor's "Execute workflow" (2.x reads the saved workflow, 1.x takes it in the body).
			const run = await rest(env, 'POST', `/workflows/${id}/run`, {
				workflowData,
				triggerToStartFrom: { name: TRIGGER_NAME },
			});
			assert.equal(run.waitingForWebhook, true, JSON.stringify(run));
			const testUrl = wf.testMode.urls
				.callback(ACCOUNT.appId)
				.replace('/webhook/', '/webhook-test/');
			const res = await simA.pushMessage(testUrl, ACCOUNT.appId, text('testing'));
			assert.equal(res.status, 200, res.body);
			assert.equal(res.reply?.fields.Content, 'You said: testing', res.body);
			const runs = await waitFor(
				async () => {
					const list = await executions(env);
					const mine = list.filter((e) => e.workflowId === id);
					return mine.length ? mine : undefined;
				},
				{ what: 'the test execution' },
			);
			assert.equal(runs[0].mode, 'manual');
			// Listening ends with that event, as with every n8n trigger.
			const again = await simA.pushMessage(testUrl, ACCOUNT.appId, text('again'));
			assert.equal(again.status, 404, again.body);
		});

		it("n8n's shared XML parser still jams for its own Webhook node, and version-1 triggers keep answering", async () => {
			await activate('xmlHook');
			const hook = `${publicBase(env)}/webhook/xml-hook`;
			await waitForWebhook(hook);
			const post = async (body) => {
				try {
					const res = await fetch(hook, {
						method: 'POST',
						headers: { 'content-type': 'text/xml' },
						body,
						// WeChat's own patience: an answer later than 5 s is no answer.
						signal: AbortSignal.timeout(5000),
					});
					await res.arrayBuffer();
					return res.status;
				} catch (error) {
					if (error.name === 'TimeoutError') return 'no answer';
					throw error;
				}
			};
			assert.equal(await post('<xml><a>1</a></xml>'), 200, 'the Webhook node answers XML at first');
			assert.equal(
				await post('<xml><ToUserName><![CDATA[gh_1]]></ToUserName>\n<Encrypt><![CDATA[Vs'),
				422,
			);
			assert.equal(await post('<xml><a>2</a></xml>'), 200);
			const jammed = [await post('<xml><a><![CDATA[abc'), await post('<xml><a>3</a></xml>')];
			assert.deepEqual(
				jammed,
				['no answer', 'no answer'],
				"n8n's XML body parser no longer jams (xml2js parser reuse): n8n fixed it — update " +
					'docs/upstream-xml-body-parser.md, the README Security section and this test',
			);

			// Version-1 triggers never hand their bodies to that parser: both platforms still answer.
			const a = await simA.pushMessage(
				wf.echoA.urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('after A'),
			);
			assert.equal(a.reply?.fields.Content, 'You said: after A', a.body);
			const b = await simB.pushMessage(
				wf.echoB.urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('after B'),
			);
			assert.equal(b.reply?.fields.Content, 'You said: after B', b.body);
			const ticket = await simA.pushTicket(wf.echoA.urls.authorization);
			assert.equal(ticket.body, 'success');
			// A 1.1 node lets n8n parse its pushes, so it is jammed with everything else (README: replace it).
			const legacy = await simA.pushMessage(
				wf.legacy.urls.callback(ACCOUNT.appId),
				ACCOUNT.appId,
				text('x'),
			);
			assert.equal(legacy.timedOut, true, `the 1.1 node answered: ${legacy.status} ${legacy.body}`);
		});
	},
);
