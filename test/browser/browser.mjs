// Drives Debian's chromium with playwright-core (never a downloaded browser) for the editor tests,
// and the few n8n editor steps they share. Selectors: n8n's `data-test-id` attributes and visible
// text, found by reading the 2.41 editor's DOM; they are the first thing to check after an n8n upgrade.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { REPO_ROOT } from '../../scripts/n8n/launcher.mjs';

/** Where screenshots go: `docs/` when BROWSER_SCREENSHOTS=docs (npm run docs:screenshots), else `.e2e/`. */
export const SCREENSHOT_DIR =
	process.env.BROWSER_SCREENSHOTS === 'docs'
		? join(REPO_ROOT, 'docs')
		: join(REPO_ROOT, '.e2e', 'browser-screenshots');

/** Installs chromium when it is missing (scripts/ensure-chromium.sh) and returns its path. */
export function chromiumPath() {
	return execFileSync(join(REPO_ROOT, 'scripts/ensure-chromium.sh'), { encoding: 'utf8' }).trim();
}

/** A headless chromium with a fresh profile; `close()` removes the profile too. */
export async function launchBrowser() {
	const profile = mkdtempSync(join(tmpdir(), 'wechat-browser-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath(),
		headless: true,
		viewport: { width: 1440, height: 900 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	// Every step waits for a UI state. With the machine's load at 20–25 (five engineers, jest next
	// to it) the editor's first load and a canvas took over 20 s; 60 s only delays a real failure.
	context.setDefaultTimeout(60_000);
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** `[data-test-id="…"]`: n8n's own test attribute (playwright's getByTestId reads `data-testid`). */
export const tid = (id) => `[data-test-id="${id}"]`;

export async function screenshot(page, name, options = {}) {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const path = join(SCREENSHOT_DIR, `${name}.png`);
	await page.screenshot({ path, ...options });
	return path;
}

/** Signs in through the editor's own form (2.x field `emailOrLdapLoginId`, 1.x `email`). */
export async function signIn(page, baseUrl, { email, password }) {
	await page.goto(`${baseUrl}/signin`);
	const login = page.locator(`${tid('emailOrLdapLoginId')} input, ${tid('email')} input`).first();
	await login.fill(email);
	await page.locator(`${tid('password')} input`).fill(password);
	await page.locator(tid('form-submit-button')).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** Opens a workflow and waits for its nodes; closes the "production checklist" pop-over if shown. */
export async function openWorkflow(page, baseUrl, id) {
	await page.goto(`${baseUrl}/workflow/${id}`);
	await page.locator(tid('canvas-node')).first().waitFor();
	const close = page.locator(tid('suggested-actions-close'));
	if (await close.isVisible()) await close.click();
}

/** Natural size of every <img> inside the locator once loaded (0 × 0 = broken image). */
export async function imageSizes(locator) {
	await locator.first().waitFor();
	return locator.evaluateAll(async (images) => {
		const settled = (img) =>
			new Promise((done) => {
				img.addEventListener('load', done, { once: true });
				img.addEventListener('error', done, { once: true });
			});
		await Promise.all(images.map((img) => (img.complete ? undefined : settled(img))));
		return images.map((img) => ({
			src: img.getAttribute('src'),
			width: img.naturalWidth,
			height: img.naturalHeight,
		}));
	});
}

/** Opens a node's detail view by double-clicking it on the canvas. */
export async function openNode(page, nodeName) {
	await page.locator(`${tid('canvas-node')}[data-node-name="${nodeName}"]`).dblclick();
	await page.locator(tid('node-parameters')).waitFor();
}

export async function closeNode(page) {
	await page.locator(tid('ndv-close-button')).click();
	await page.locator(tid('node-parameters')).waitFor({ state: 'hidden' });
}
