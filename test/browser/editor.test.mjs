// What a user sees, in a real browser (Debian's chromium via playwright-core) against a real n8n with
// the package installed the community way (the e2e harness, i.e. the launcher behind `npm start`):
// the node panel, both nodes and their icons, the trigger's URLs, the credential form, the account
// list, the onboarding pages and the simulator's chat page. Run with `npm run test:browser`;
// `npm run docs:screenshots` also refreshes the PNGs in docs/.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { DEFAULT_OWNER } from '../../scripts/n8n/launcher.mjs';
import {
	ACTION_TYPE,
	E2E_VERSION,
	EXAMPLES,
	TRIGGER_TYPE,
	activateOnly,
	addWorkflow,
	waitFor,
	withEnvironment,
} from '../e2e/harness.mjs';
import {
	closeNode,
	imageSizes,
	launchBrowser,
	openNode,
	openWorkflow,
	screenshot,
	signIn,
	tid,
} from './browser.mjs';
import { BOOKS, COFFEE, TEA } from './demoAccounts.mjs';

const VERSION = E2E_VERSION;

describe(
	`n8n ${VERSION} in a browser: the WeChat Open Platform nodes`,
	{ timeout: 10 * 60_000 },
	() => {
		let env;
		let base;
		let browser;
		let page;
		let echo;
		let keyword;
		let urls; // of the echo workflow, the active one except for a moment in the chat test
		let secrets;

		withEnvironment('browser', {
			accounts: [COFFEE, BOOKS, TEA],
			async setup(created) {
				env = created;
				base = env.processes.main.baseUrl;
				secrets = [env.component.appSecret, env.component.token, env.component.encodingAESKey];
				const s = env.simulator;
				echo = await addWorkflow(env, 'echo', EXAMPLES.echo);
				await addWorkflow(env, 'welcome', EXAMPLES.welcome);
				keyword = await addWorkflow(env, 'keyword', EXAMPLES.keyword);
				urls = await activateOnly(env, 'echo');
				// As on a live platform: tickets arrive at the authorization URL, two merchants have authorized.
				s.setTicketPushUrl(urls.authorization);
				assert.equal((await s.pushTicket(urls.authorization)).body, 'success');
				for (const account of [COFFEE, BOOKS]) {
					const pushed = await s.pushAuthorizationEvent(urls.authorization, {
						infoType: 'authorized',
						authorizerAppId: account.appId,
					});
					assert.equal(pushed.status, 200, `authorized push for ${account.appId}`);
				}
				browser = await launchBrowser();
				page = browser.page;
			},
			async teardown() {
				await browser?.close();
			},
		});

		it('signs in through the editor', async () => {
			await signIn(page, base, DEFAULT_OWNER);
			assert.ok(!new URL(page.url()).pathname.startsWith('/signin'));
		});

		it('shows the workflow with both nodes on the canvas, icons loaded', async () => {
			await openWorkflow(page, base, keyword.id);
			const trigger = page.locator(`${tid('canvas-node')}[data-node-type="${TRIGGER_TYPE}"]`);
			const actions = page.locator(`${tid('canvas-node')}[data-node-type="${ACTION_TYPE}"]`);
			assert.equal(await trigger.count(), 1);
			assert.equal(await actions.count(), 3);
			for (const img of await imageSizes(
				page.locator(
					`${tid('canvas-node')}[data-node-type^="n8n-nodes-wechat-open-platform."] img`,
				),
			)) {
				assert.match(img.src, /\/icons\/n8n-nodes-wechat-open-platform\/.*wechat\.svg$/);
				assert.ok(
					img.width > 0 && img.height > 0,
					`icon ${img.src} rendered (${img.width}×${img.height})`,
				);
			}
			await screenshot(page, 'editor-canvas');
		});

		it('finds both nodes in the node panel by searching "WeChat", with every action', async () => {
			const types = await (
				await fetch(`${base}/types/nodes.json`, { headers: { cookie: env.cookie } })
			).json();
			const action = types.find((t) => t.name === ACTION_TYPE);
			const expected = action.properties
				.filter((p) => p.name === 'operation')
				.flatMap((p) => p.options.map((o) => o.action))
				.sort();
			assert.ok(expected.length >= 20, 'the action node describes its operations');

			await openWorkflow(page, base, echo.id);
			await page.locator(tid('node-creator-plus-button')).click();
			await page.locator(tid('node-creator-search-bar')).waitFor();
			await page.keyboard.type('WeChat');
			const entry = page
				.locator(tid('item-iterator-item'))
				.filter({ hasText: 'WeChat Open Platform' })
				.first();
			await entry.waitFor();
			const [icon] = await imageSizes(entry.locator('img'));
			assert.ok(icon.width > 0, 'the panel shows the WeChat icon');
			await screenshot(page, 'node-panel-search');
			await entry.click();
			const names = page.locator(`${tid('node-creator')} ${tid('node-creator-item-name')}`);
			await page
				.locator(tid('node-creator-category-item'))
				.filter({ hasText: 'Triggers' })
				.waitFor();
			// The panel renders long lists in steps: poll until it has settled on every action.
			const listed = async () =>
				(await names.allInnerTexts()).map((t) => t.trim()).filter((t) => expected.includes(t));
			await waitFor(async () => (await listed()).length === expected.length, {
				what: 'every action in the panel',
			}).catch(() => {});
			assert.deepEqual((await listed()).sort(), expected, 'every operation is listed as an action');
			// The mini-program release operations are there under words an operator types.
			for (const word of ['audit', 'release', 'template']) {
				assert.ok(
					(await listed()).some((t) => t.toLowerCase().includes(word)),
					`an action mentions "${word}"`,
				);
			}
			assert.ok(
				await page
					.locator(tid('node-creator-category-item'))
					.filter({ hasText: `Actions (${expected.length})` })
					.isVisible(),
			);
			await screenshot(page, 'node-panel-actions');
			// n8n lists the trigger under the same entry, named after the node without "Trigger".
			await page
				.locator(tid('node-creator-category-item'))
				.filter({ hasText: 'Triggers (1)' })
				.click();
			await page
				.locator(tid('node-creator-item-name'))
				.filter({ hasText: 'On new WeChat Open Platform event' })
				.waitFor();
			await page.keyboard.press('Escape');
		});

		it('the trigger shows its authorization, message and onboarding URLs', async () => {
			await openWorkflow(page, base, echo.id);
			await openNode(page, 'WeChat Open Platform Trigger');
			await page.getByText('Webhook URLs', { exact: true }).click();
			await page.locator(tid('radio-button-production')).click();
			const { webhookId } = echo.source.nodes.find((n) => n.type === TRIGGER_TYPE);
			const root = `${base}/webhook/${webhookId}`;
			const text = await page.locator(tid('node-parameters')).innerText();
			assert.ok(text.includes(`${root}/authorization`), 'authorization-event URL shown');
			// The AppID parameter carries the webhookId so that every trigger's path is unique in n8n.
			assert.ok(
				text.includes(`${root}/:appid_${webhookId}/callback`),
				'message URL shown with :appid_<webhookId>',
			);
			assert.ok(text.includes(`${root}/authorize`), 'onboarding URL shown');
			assert.ok(text.includes('$APPID$'), 'the notice says how to write it in the WeChat console');
			await screenshot(page, 'trigger-urls');
			await closeNode(page);
		});

		it('the onboarding page sends a merchant to WeChat and the return page stores the account', async () => {
			const tab = await browser.context.newPage();
			try {
				await tab.goto(urls.authorize);
				await tab.getByRole('heading', { name: 'Connect your WeChat account' }).waitFor();
				const pc = new URL(await tab.getByRole('link', { name: /computer/ }).getAttribute('href'));
				// The credential's API base is the loopback simulator, so the link goes to its copy of WeChat's page.
				assert.equal(pc.origin + pc.pathname, `${env.simulator.url}/cgi-bin/componentloginpage`);
				assert.equal(pc.searchParams.get('component_appid'), env.component.appId);
				assert.ok(pc.searchParams.get('pre_auth_code'), 'a fresh pre_auth_code');
				assert.match(pc.searchParams.get('redirect_uri'), /\/authorized$/);
				assert.ok(await tab.getByRole('link', { name: /phone/ }).isVisible());
				await screenshot(tab, 'onboarding-page', {
					clip: { x: 0, y: 0, width: 1440, height: 480 },
				});

				// The simulator stands in for WeChat's page (styled like it): the merchant of TEA confirms.
				const simulated = new URL(pc.pathname + pc.search, env.simulator.url);
				await tab.goto(simulated.href);
				await tab.getByRole('heading', { name: 'Authorize the platform' }).waitFor();
				assert.match(await tab.locator('footer').innerText(), /Local WeChat simulator/);
				await screenshot(tab, 'simulator-authorize', {
					clip: { x: 0, y: 0, width: 1440, height: 480 },
				});
				await tab.getByRole('link', { name: new RegExp(TEA.appId) }).click();
				await tab.getByRole('heading', { name: 'Authorization complete' }).waitFor();
				assert.ok(
					tab.url().startsWith(pc.searchParams.get('redirect_uri')),
					'WeChat sent the merchant back to n8n',
				);
				assert.match(await tab.locator('body').innerText(), /is now connected/);
				await screenshot(tab, 'onboarding-done', {
					clip: { x: 0, y: 0, width: 1440, height: 420 },
				});
			} finally {
				await tab.close();
			}
			assert.ok(
				env.simulator.requests.some((r) => r.path === '/cgi-bin/component/api_query_auth'),
				'the code was exchanged',
			);
			// The editor's account list (next test) must now show this account too: it is stored.
		});

		it('the Reply operation and the authorizer list ("From list" searches the stored accounts)', async () => {
			await openNode(page, 'Reply');
			const params = page.locator(tid('node-parameters'));
			assert.match(await params.innerText(), /Resource\s+Operation/);
			assert.equal(
				await page.locator(`${tid('parameter-input-resource')} input`).inputValue(),
				'Reply',
			);
			assert.equal(
				await page.locator(`${tid('parameter-input-operation')} input`).inputValue(),
				'Send',
			);
			await screenshot(page, 'reply-operation');
			await closeNode(page);

			// The editor saves on its own: switch modes in the inactive keyword workflow, not in echo.
			await openWorkflow(page, base, keyword.id);
			await openNode(page, 'Reply: help');
			const account = page
				.locator(tid('parameter-item'))
				.filter({ has: page.locator(tid('resource-locator-authorizer')) });
			await account.hover();
			await account.locator(tid('radio-button-fixed')).click();
			await account.locator(tid('rlc-mode-selector')).click();
			await page.locator(tid('mode-list')).click();
			await account.locator(tid('rlc-input-container')).click();
			const items = page.locator(tid('rlc-item'));
			await waitFor(async () => (await items.count()) === 3, {
				what: 'three authorized accounts in the list',
			});
			assert.deepEqual(
				(await items.allInnerTexts()).map((t) => t.trim()),
				[
					`${BOOKS.nickName} (${BOOKS.appId})`,
					`${COFFEE.nickName} (${COFFEE.appId})`,
					`${TEA.nickName} (${TEA.appId})`,
				],
			);
			await screenshot(page, 'authorizer-list');
			await page.locator(`input${tid('rlc-search')}`).fill('coffee');
			await waitFor(async () => (await items.count()) === 1, {
				what: 'the search to narrow the list',
			});
			assert.equal((await items.innerText()).trim(), `${COFFEE.nickName} (${COFFEE.appId})`);
			await items.click();
			const values = () =>
				account.locator('input').evaluateAll((inputs) => inputs.map((i) => i.value).join(' '));
			await waitFor(async () => (await values()).includes(COFFEE.nickName), {
				what: 'the chosen account in the field',
			});
		});

		it('the credential form masks every secret and passes its test', async () => {
			await page.locator(tid('credential-edit-button')).click();
			const modal = page.locator(tid('editCredential-modal'));
			await modal.locator(tid('parameter-input-componentAppId')).waitFor();
			const typeOf = (name) =>
				modal.locator(`${tid(`parameter-input-${name}`)} input`).getAttribute('type');
			assert.equal(await typeOf('componentAppId'), 'text');
			for (const name of [
				'componentAppSecret',
				'token',
				'encodingAESKey',
				'previousEncodingAESKey',
			]) {
				assert.equal(await typeOf(name), 'password', `${name} is a password field`);
			}
			assert.equal(
				await modal.locator(`${tid('parameter-input-componentAppId')} input`).inputValue(),
				env.component.appId,
			);
			await modal.getByText('Connection tested successfully').waitFor();
			const html = await page.content();
			for (const secret of secrets)
				assert.ok(!html.includes(secret), 'no secret in the editor page');
			await screenshot(page, 'credential');
			await page.keyboard.press('Escape');
		});

		it('the simulator chat page: a user writes, follows and taps a menu; replies and the wire log show', async () => {
			const s = env.simulator;
			const chat = await browser.context.newPage();
			try {
				const address = new URL('/__sim/', s.url);
				address.searchParams.set('authUrl', urls.authorization);
				address.searchParams.set('msgUrl', urls.callbackTemplate);
				await chat.goto(address.href);
				await chat
					.locator(`#account option[value="${COFFEE.appId}"]`)
					.waitFor({ state: 'attached' });
				await chat.locator('#account').selectOption(COFFEE.appId);

				await chat.locator('#text').fill('hello from the browser');
				await chat.locator('#send').click();
				const bot = chat.locator('#chat .msg.bot');
				await bot.filter({ hasText: 'You said: hello from the browser' }).waitFor();
				assert.match(await bot.last().innerText(), /passive reply/);

				// The echo workflow only takes text: an event is acknowledged without a run, and the chat
				// says so in plain words.
				await chat.locator('#subscribe').click();
				const noReply = chat
					.locator('#chat .note')
					.filter({ hasText: 'HTTP 200 "success"' })
					.first();
				await noReply.waitFor();
				assert.match(await noReply.innerText(), /No reply: no active workflow answers this/);

				// Sending without a Message URL says where to find one instead of an API error.
				await chat.locator('#msgUrl').fill('');
				await chat.locator('#text').fill('no url yet');
				await chat.locator('#send').click();
				const hint = chat.locator('#chat .note').filter({ hasText: 'Paste the Message URL first' });
				await hint.waitFor();
				assert.doesNotMatch(await chat.locator('#chat').innerText(), /is required/);
				await chat.locator('#msgUrl').fill(urls.callbackTemplate);

				// The welcome workflow (another trigger, its own message URL) answers a follow.
				const welcome = await activateOnly(env, 'welcome');
				await chat.locator('#msgUrl').fill(welcome.callbackTemplate);
				await chat.locator('#subscribe').click();
				await bot.filter({ hasText: 'Welcome, and thanks for following!' }).waitFor();
				await chat.locator('#menuKey').fill('MENU_HOURS');
				await chat.locator('#click').click();
				await chat
					.locator('#chat .note')
					.filter({ hasText: 'HTTP 200 "success"' })
					.nth(1)
					.waitFor();
				assert.ok(
					s.pushes.some(
						(p) => p.kind === 'message' && p.result?.status === 200 && p.url.includes('/callback'),
					),
					'the pushes went to the message URL',
				);

				const pushLog = chat.locator('#pushLog li');
				await waitFor(async () => (await pushLog.count()) >= 4, { what: 'the push log' });
				assert.match(await pushLog.first().innerText(), /^message → \S+\/callback\s+HTTP 200/);
				assert.ok((await chat.locator('#pushLog').innerText()).includes('text reply'));
				const apiLog = await chat.locator('#apiLog').innerText();
				assert.match(apiLog, /\/cgi-bin\/component\/api_component_token/);
				assert.match(apiLog, /\/cgi-bin\/component\/api_query_auth/);
				for (const secret of secrets)
					assert.ok(!(await chat.content()).includes(secret), 'no secret on the chat page');

				// The screenshot shows the echo conversation.
				urls = await activateOnly(env, 'echo');
				await chat.locator('#msgUrl').fill(urls.callbackTemplate);
				await chat.locator('#text').fill('Do you have oat milk?');
				await chat.locator('#send').click();
				await bot.filter({ hasText: 'You said: Do you have oat milk?' }).waitFor();
				await screenshot(chat, 'simulator-chat');
			} finally {
				await chat.close();
			}
		});
	},
);
