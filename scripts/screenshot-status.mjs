#!/usr/bin/env node
// Takes docs/platform-status.png, the README's picture of Platform → Get Status: a real n8n
// (2.41.1, installed like the e2e suite) with the local simulator, two merchants authorized and one
// of them revoked, the platform health alert example opened in the editor (Debian's chromium via
// playwright-core), its "Get platform status" node run with "Execute step" and shown as JSON.
// Usage: node scripts/screenshot-status.mjs   (SCREENSHOT_OUT=path to write elsewhere)
import { statSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_2X, ensureN8n } from './n8n/install.mjs';
import {
	DEFAULT_OWNER,
	REPO_ROOT,
	buildRepo,
	importWorkflow,
	packPackage,
} from './n8n/launcher.mjs';

const OUT = process.env.SCREENSHOT_OUT || join(REPO_ROOT, 'docs/platform-status.png');
const log = (m) => console.error(`[screenshot-status] ${m}`);

log('building the package and tools');
await buildRepo({ tools: true });
process.env.E2E_TARBALL = await packPackage();
await ensureN8n(N8N_2X);
const { EXAMPLES, activateOnly, addWorkflow, createEnvironment, destroyEnvironment, readWorkflow } =
	await import('../test/e2e/harness.mjs');
const { BOOKS, COFFEE } = await import('../test/browser/demoAccounts.mjs');
const { launchBrowser, openNode, openWorkflow, signIn, tid } = await import(
	'../test/browser/browser.mjs'
);

const env = await createEnvironment({ name: 'screenshot-status', version: N8N_2X });
let browser;
try {
	const s = env.simulator;
	for (const account of [COFFEE, BOOKS]) s.addAuthorizer(account);
	await addWorkflow(env, 'authLog', EXAMPLES.authLog);
	const urls = await activateOnly(env, 'authLog');
	s.setTicketPushUrl(urls.authorization);
	await s.pushTicket(urls.authorization);
	for (const account of [COFFEE, BOOKS]) {
		await s.pushAuthorizationEvent(urls.authorization, {
			infoType: 'authorized',
			authorizerAppId: account.appId,
			authorizationCode: s.createAuthorizationCode(account.appId),
		});
	}
	// The bookstore revokes the authorization in WeChat: the status flags it.
	s.unauthorize(BOOKS.appId);
	await s.pushAuthorizationEvent(urls.authorization, {
		infoType: 'unauthorized',
		authorizerAppId: BOOKS.appId,
	});
	const alert = await importWorkflow(env.api, readWorkflow(EXAMPLES.healthAlert), env.credential, {
		activate: false,
	});

	log('opening the editor');
	browser = await launchBrowser();
	const { page } = browser;
	await page.setViewportSize({ width: 1280, height: 800 });
	const base = env.processes.main.baseUrl;
	await signIn(page, base, DEFAULT_OWNER);
	await openWorkflow(page, base, alert.id);
	await openNode(page, 'Get platform status');
	await page.locator(tid('node-execute-button')).first().click();
	await page.getByText('accountsNeedingAttention').first().waitFor();
	// JSON shows the whole item in one column; the table would cut it at the panel's edge. The
	// output panel's JSON switch is the page's last one (the input panel has its own first).
	await page.getByText('JSON', { exact: true }).last().click();
	await page.locator('.vjs-tree', { hasText: 'attentionReasons' }).first().waitFor();
	await page.screenshot({ path: OUT });
	log(`wrote ${OUT} (${Math.round(statSync(OUT).size / 1024)} KB)`);
} finally {
	await browser?.close();
	await destroyEnvironment(env);
}
