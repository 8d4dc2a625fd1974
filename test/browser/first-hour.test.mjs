// A new user's first hour, in a real browser against `npm start` itself (scripts/start.mjs, run in
// its own folder and ports): start fresh, get a reply from the simulator's chat page, open the
// keyword workflow, change a reply, test it with "Execute workflow" and the chat page, publish it
// while the workflow `npm start` activated stays active, see the new text in the chat, restart
// `npm start` and still get both answers — and n8n's REST API lists no failed execution.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
	DEFAULT_OWNER,
	N8nApi,
	REPO_ROOT,
	freePort,
	loadState,
	waitFor,
} from '../../scripts/n8n/launcher.mjs';
import { closeNode, launchBrowser, openNode, screenshot, signIn, tid } from './browser.mjs';

const VERSION = process.env.E2E_N8N_VERSION || '2.41.1';
const FOLDER = join(REPO_ROOT, '.e2e', `first-hour-${VERSION}`);
const KEYWORD = 'WeChat: keyword auto-reply';
const DEMO = 'WeChat: demo (keywords, follows, menu clicks)'; // what npm start activates first
const HOURS = 'We are open every day from 9:00 to 18:00.'; // both examples' answer to "hours"
const ACCOUNT = 'wx00000000c0ffee01'; // a demo account the simulator has authorized
const NEW_TEXT = 'New hours: every day from 7:30 to 20:00.';
// n8n's first start installs nothing here (the cache is warm) but still takes a minute on a busy machine.
const START_TIMEOUT_MS = 5 * 60_000;

/**
 * Runs `npm start`'s script in FOLDER on the given ports (the build was done by `npm run
 * test:browser`) and resolves once it has printed its summary, with what it printed.
 */
async function npmStart(ports) {
	const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts/start.mjs')], {
		cwd: REPO_ROOT,
		env: {
			...process.env,
			N8N_VERSION: VERSION,
			N8N_LOCAL_DIR: FOLDER,
			N8N_PORT: String(ports.n8n),
			SIM_PORT: String(ports.simulator),
			START_BUILD: '0',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
	const ready = await Promise.race([
		waitFor(() => output.includes('Ctrl-C stops n8n and the simulator.'), {
			what: 'npm start',
			timeoutMs: START_TIMEOUT_MS,
			intervalMs: 250,
		}).then(() => true),
		exited.then(() => false),
	]);
	assert.ok(ready, `npm start exited early:\n${output}`);
	return { child, exited, output: () => output };
}

async function stop(started) {
	if (!started || started.child.exitCode !== null) return started?.child.exitCode;
	started.child.kill('SIGTERM'); // start.mjs stops n8n and the simulator by PID on SIGTERM
	return started.exited;
}

/** What `npm start` printed: the chat link and every active workflow with its message URL. */
function parseSummary(text) {
	const chat = text.match(/^\s+(http:\/\/\S+\/__sim\/\?authUrl=\S+)$/m)?.[1];
	const active = [
		...text.matchAll(/active workflow:\s+"([^"]+)".*\n.*\n\s+message URL:\s+POST (\S+)/g),
	].map(([, name, messageUrl]) => ({ name, messageUrl }));
	return { chat, active };
}

describe(`n8n ${VERSION}: a new user's first hour with npm start`, { timeout: 20 * 60_000 }, () => {
	const ports = {};
	let started;
	let base;
	let api;
	let browser;
	let page; // the n8n editor
	let chat; // the simulator's chat page
	let demo; // the workflow npm start activated, with its printed message URL
	let keywordUrls; // the keyword workflow's message URLs as its trigger panel shows them

	before(async () => {
		rmSync(FOLDER, { recursive: true, force: true });
		ports.n8n = await freePort();
		ports.simulator = await freePort();
		browser = await launchBrowser();
		page = browser.page;
	});

	after(async () => {
		await browser?.close();
		await stop(started);
	});

	/** Sends a text from the chat page and returns the bot's answer to it. */
	async function say(text, msgUrl) {
		await chat.locator('#msgUrl').fill(msgUrl);
		const bot = chat.locator('#chat .msg.bot');
		const notes = chat.locator('#chat .note');
		const before = { bot: await bot.count(), notes: await notes.count() };
		await chat.locator('#text').fill(text);
		await chat.locator('#send').click();
		await waitFor(
			async () => (await bot.count()) > before.bot || (await notes.count()) > before.notes,
			// WeChat's own limit is 5 s; a busy machine may add a little on the way back to the page.
			{ what: `an answer to "${text}"`, timeoutMs: 30_000 },
		);
		assert.deepEqual(
			(await notes.allInnerTexts()).slice(before.notes),
			[],
			'a reply, not a note saying why there is none',
		);
		return (await bot.nth(before.bot).innerText()).split('\n')[0].trim();
	}

	/** The trigger panel's message URL (Test or Production tab), written as the panel's notice says. */
	async function messageUrlFromPanel(mode) {
		await openNode(page, 'WeChat Open Platform Trigger');
		await page.getByText('Webhook URLs', { exact: true }).click();
		await page.locator(tid(`radio-button-${mode}`)).click();
		const text = await page.locator(tid('node-parameters')).innerText();
		const shown = text.match(/http:\/\/\S+\/:appid_[^/\s]+\/callback/)?.[0];
		assert.ok(shown, `the ${mode} message URL is shown:\n${text}`);
		await closeNode(page);
		// "with $APPID$ in place of the :appid_… segment", as WeChat's console wants it.
		return shown.replace(/\/:appid_[^/]+\//, '/$APPID$/');
	}

	async function keywordWorkflow() {
		const list = await api.pageAll('/workflows?limit=100');
		const found = list.filter((wf) => wf.name === KEYWORD);
		assert.equal(found.length, 1, `one "${KEYWORD}" workflow`);
		return api.request('GET', `/workflows/${found[0].id}`);
	}

	it('npm start on a fresh folder: the printed chat link gets a reply', async () => {
		started = await npmStart(ports);
		const summary = parseSummary(started.output());
		assert.ok(summary.chat, `npm start prints the chat link:\n${started.output()}`);
		assert.equal(summary.active.length, 1, 'one WeChat workflow is active on a first start');
		[demo] = summary.active;
		assert.equal(demo.name, DEMO);
		base = `http://127.0.0.1:${ports.n8n}`;
		api = new N8nApi(base, loadState(FOLDER).apiKey);

		chat = await browser.context.newPage();
		await chat.goto(summary.chat);
		assert.equal(await chat.locator('#msgUrl').inputValue(), demo.messageUrl);
		await chat.locator(`#account option[value="${ACCOUNT}"]`).waitFor({ state: 'attached' });
		await chat.locator('#account').selectOption(ACCOUNT);
		assert.equal(await say('hours', demo.messageUrl), HOURS);
		// Every button of the chat page gets an answer from the demo.
		const bot = chat.locator('#chat .msg.bot');
		await chat.locator('#subscribe').click();
		await bot.filter({ hasText: 'Welcome!' }).waitFor();
		await chat.locator('#menuKey').fill('MENU_HOURS');
		await chat.locator('#click').click();
		await bot.filter({ hasText: 'You tapped the menu item "MENU_HOURS"' }).waitFor();
	});

	it('opens the keyword workflow from the list and changes a reply', async () => {
		await signIn(page, base, DEFAULT_OWNER);
		await page.goto(`${base}/home/workflows`);
		await page.locator(tid('workflow-card-name')).filter({ hasText: KEYWORD }).click();
		await page.waitForURL(/\/workflow\/[^/]+$/);
		await page.locator(tid('canvas-node')).first().waitFor();
		const close = page.locator(tid('suggested-actions-close'));
		if (await close.isVisible()) await close.click();

		await openNode(page, 'Reply: hours');
		const content = page.locator(`${tid('parameter-input-content')} textarea`);
		assert.equal(await content.inputValue(), HOURS);
		await content.fill(NEW_TEXT);
		await closeNode(page);
		// The 2.x editor saves by itself: wait until the saved workflow has the new text.
		await waitFor(
			async () =>
				(await keywordWorkflow()).nodes.find((n) => n.name === 'Reply: hours').parameters
					.content === NEW_TEXT,
			{ what: 'the editor to save the new reply' },
		);
		await screenshot(page, 'first-hour-edited');
	});

	it('tests it: "Execute workflow", then the Test URL in the chat page answers with the new text', async () => {
		keywordUrls = {
			test: await messageUrlFromPanel('test'),
			production: await messageUrlFromPanel('production'),
		};
		assert.match(keywordUrls.test, /\/webhook-test\/[^/]+\/\$APPID\$\/callback$/);
		// The canvas says "Waiting…" as soon as the button is clicked; n8n listens once its answer
		// to the editor's run request has come back.
		const run = page.waitForResponse(
			(res) =>
				res.request().method() === 'POST' &&
				/\/rest\/workflows\/[^/]+\/run$/.test(new URL(res.url()).pathname),
		);
		await page.locator(tid('execute-workflow-button')).click();
		const waiting = page.getByText('Waiting for you to create an event in WeChat Open Platform');
		await waiting.first().waitFor();
		const answer = await (await run).json();
		assert.equal(answer.data?.waitingForWebhook, true, JSON.stringify(answer));

		assert.equal(await say('hours', keywordUrls.test), NEW_TEXT);
		await waiting.first().waitFor({ state: 'hidden' });
		const keyword = await keywordWorkflow();
		const runs = await waitFor(
			async () => {
				const list = await api.listExecutions({ workflowId: keyword.id });
				return list.length && list[0].finished ? list : undefined;
			},
			{ what: 'the test execution' },
		);
		assert.deepEqual(
			runs.map((e) => [e.mode, e.status]),
			[['manual', 'success']],
		);
		assert.equal(keyword.active, false, 'testing does not publish');
		await screenshot(page, 'first-hour-tested');
	});

	it('publishes it while the first workflow stays active; the chat gets the new text from both URLs', async () => {
		await page.locator(tid('workflow-open-publish-modal-button')).click();
		await page.locator(tid('workflow-publish-button')).click();
		await page.locator(tid('workflowPublish-modal')).waitFor({ state: 'hidden' });
		await waitFor(async () => (await keywordWorkflow()).active, { what: 'keyword published' });
		const active = (await api.pageAll('/workflows?active=true&limit=100')).map((wf) => wf.name);
		assert.deepEqual(active.sort(), [demo.name, KEYWORD].sort(), 'both workflows are active');

		assert.equal(await say('hours', keywordUrls.production), NEW_TEXT);
		assert.equal(await say('hours', demo.messageUrl), HOURS, 'the demo answers as before');
		await screenshot(chat, 'first-hour-chat');
	});

	it('restarts npm start: it lists both workflows and both still answer', async () => {
		assert.equal(await stop(started), 0, 'npm start stops cleanly on SIGTERM');
		started = await npmStart(ports);
		const summary = parseSummary(started.output());
		assert.deepEqual(
			summary.active.map((wf) => wf.name).sort(),
			[demo.name, KEYWORD].sort(),
			started.output(),
		);
		const keywordPrinted = summary.active.find((wf) => wf.name === KEYWORD).messageUrl;
		assert.equal(keywordPrinted, keywordUrls.production, 'the printed URL is the panel’s');

		await chat.goto(summary.chat);
		await chat.locator(`#account option[value="${ACCOUNT}"]`).waitFor({ state: 'attached' });
		await chat.locator('#account').selectOption(ACCOUNT);
		assert.equal(await say('hours', keywordPrinted), NEW_TEXT);
		assert.equal(await say('hours', demo.messageUrl), HOURS);
	});

	it('n8n lists no failed execution, and its log no failure of the trigger', async () => {
		const runs = await api.listExecutions();
		assert.ok(runs.length >= 8, `the runs of this hour are listed (${runs.length})`);
		const failed = runs.filter((e) => e.status !== 'success');
		assert.deepEqual(
			failed.map((e) => ({ id: e.id, workflowId: e.workflowId, status: e.status })),
			[],
		);
		const log = readFileSync(join(FOLDER, 'n8n-regular.log'), 'utf8');
		assert.deepEqual(log.match(/^.*WeChat Open Platform Trigger: .*failed.*$/gm) ?? [], []);
	});
});
