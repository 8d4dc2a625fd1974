import { execFileSync } from 'node:child_process';
import { closeSync, openSync, promises as fs, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { WeChatPlatform } from '../../core/platform';
import { closeAllPlatforms } from '../../core/platformRegistry';
import { FileStore } from '../../core/store/FileStore';
import { startDelayProxy, type DelayProxy } from '../helpers/delayProxy';
import { MERCHANT_APPID, configFor, startFixture, type Fixture } from '../helpers/platformSetup';
import { internals } from '../helpers/platformInternals';

const REFRESH_PATH = '/cgi-bin/component/api_authorizer_token';
const EXCHANGE_PATH = '/cgi-bin/component/api_query_auth';
const LIST = '/cgi-bin/component/api_get_authorizer_list';
const USERS = '/cgi-bin/user/get';

let f: Fixture;
let proxy: DelayProxy;
let mountPoint: string;

beforeEach(async () => {
	f = await startFixture();
	proxy = await startDelayProxy(f.sim.url);
	// A real, small file system that fills up: tmpfs (the test machines run as root).
	mountPoint = await fs.mkdtemp(join(tmpdir(), 'wx-diskfull-'));
	execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mountPoint]);
});
afterEach(async () => {
	await closeAllPlatforms();
	await proxy.close();
	await f.sim.close();
	execFileSync('umount', [mountPoint]);
	await fs.rm(mountPoint, { recursive: true, force: true });
});

/** Writes a filler file until the file system says ENOSPC (synchronous: callable from a hook). */
function fillDisk(file: string): void {
	const fd = openSync(file, 'w');
	const chunk = Buffer.alloc(4096, 1);
	try {
		for (;;) writeSync(fd, chunk);
	} catch (error) {
		expect((error as { code?: string }).code).toBe('ENOSPC');
	} finally {
		closeSync(fd);
	}
}

async function leftovers(dir: string): Promise<string[]> {
	const out: string[] = [];
	for (const sub of ['data', 'locks']) {
		for (const name of await fs.readdir(join(dir, sub))) {
			const stat = await fs.stat(join(dir, sub, name));
			if (name.endsWith('.tmp') || sub === 'locks' || stat.size === 0) out.push(`${sub}/${name}`);
		}
	}
	return out;
}

test('disk full during a refresh that rotates the refresh token: kept, saved once space is back, no re-authorization', async () => {
	const baseDir = join(mountPoint, 'store');
	const config = configFor(f, { kind: 'file', baseDir }, { apiBaseUrl: proxy.url });
	const p = new WeChatPlatform(config);
	await p.saveTicket(f.sim.issueTicket());
	await p.queryAuth(f.sim.createAuthorizationCode(MERCHANT_APPID));
	const first = await p.getAuthorizerAccessToken(MERCHANT_APPID);
	await internals(p).tokens.invalidate('authorizer', MERCHANT_APPID, first);
	f.sim.rotateRefreshTokenOnNextRefresh(MERCHANT_APPID);
	f.sim.clearRecords();
	const filler = join(mountPoint, 'filler');
	// WeChat has rotated the refresh token (the old one is dead) when the disk fills up.
	proxy.onResponse(REFRESH_PATH, () => fillDisk(filler));

	const error = await p.getAuthorizerAccessToken(MERCHANT_APPID).then(
		() => undefined,
		(e: unknown) => e as { code?: string; message: string; hint?: string },
	);
	proxy.onResponse(REFRESH_PATH, () => undefined);
	expect(error?.code).toBe('STORE_WRITE_FAILED');
	expect(error?.message).toMatch(/ENOSPC/);
	expect(error?.hint).toMatch(/free disk space/);
	const rotated = f.sim.state.authorizers.get(MERCHANT_APPID)?.refreshToken;
	const dir = join(baseDir, f.component.appId);
	// Nothing half-written is left: no temporary file, no empty or held lock file.
	expect(await leftovers(dir)).toEqual([]);

	// Still full: the token WeChat issued is served from memory, calls work.
	const kept = await p.getAuthorizerAccessToken(MERCHANT_APPID);
	await expect(
		p.authorizerRequest(MERCHANT_APPID, { method: 'GET', path: USERS }),
	).resolves.toHaveProperty('total');

	await fs.rm(filler);
	const started = Date.now();
	expect(await p.getAuthorizerAccessToken(MERCHANT_APPID)).toBe(kept);
	expect(Date.now() - started).toBeLessThan(2_000);
	const onDisk = new FileStore({ dir });
	const record = JSON.parse((await onDisk.get(`authorizer:${MERCHANT_APPID}`)) ?? 'null') as {
		accessToken?: string;
		refreshToken?: string;
	};
	expect(record.accessToken).toBe(kept);
	expect(record.refreshToken).toBe(rotated);
	expect(await leftovers(dir)).toEqual([]);

	// Another process (or a restart) reading the disk refreshes with the rotated token: accepted.
	await closeAllPlatforms();
	const restarted = new WeChatPlatform(config);
	await internals(restarted).tokens.invalidate('authorizer', MERCHANT_APPID, kept);
	const next = await restarted.getAuthorizerAccessToken(MERCHANT_APPID);
	expect(next).not.toBe(kept);
	expect(f.sim.count(REFRESH_PATH)).toBe(2);
	expect(f.sim.count(LIST)).toBe(0);
	expect(f.sim.count(EXCHANGE_PATH)).toBe(0);
	await restarted.close();
	await p.close();
});

test('a full disk leaves no temporary or empty lock file, and the first write after space is back does not wait', async () => {
	const dir = join(mountPoint, 'plain');
	const store = new FileStore({ dir });
	await store.set('a', 'x');
	fillDisk(join(mountPoint, 'filler'));
	await expect(store.set('a', 'y'.repeat(10_000))).rejects.toMatchObject({ code: 'ENOSPC' });
	await expect(store.set('b', 'y'.repeat(10_000))).rejects.toMatchObject({ code: 'ENOSPC' });
	expect(await leftovers(dir)).toEqual([]);
	await fs.rm(join(mountPoint, 'filler'));
	const started = Date.now();
	await store.set('b', 'z');
	expect(Date.now() - started).toBeLessThan(2_000);
	expect(await store.get('a')).toBe('x');
	expect(await store.get('b')).toBe('z');
});

test('sweep removes temporary files abandoned more than a minute ago, not fresh ones', async () => {
	const dir = join(mountPoint, 'sweep');
	const store = new FileStore({ dir });
	await store.set('a', 'x');
	const old = join(dir, 'data', 'a.json.123.abcdef.tmp');
	const fresh = join(dir, 'data', 'a.json.124.abcdef.tmp');
	await fs.writeFile(old, '{');
	await fs.writeFile(fresh, '{');
	const past = new Date(Date.now() - 5 * 60_000);
	await fs.utimes(old, past, past);
	await store.sweep();
	const names = await fs.readdir(join(dir, 'data'));
	expect(names).not.toContain('a.json.123.abcdef.tmp');
	expect(names).toContain('a.json.124.abcdef.tmp');
	expect(await store.get('a')).toBe('x');
});
