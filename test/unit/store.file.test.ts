import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createStore } from '../../core/store/createStore';
import { StoreCorruptError } from '../../core/store/errors';
import { FileStore } from '../../core/store/FileStore';
import { describeStoreContract } from '../helpers/storeContract';

let root: string;
beforeAll(async () => {
	root = await fs.mkdtemp(join(tmpdir(), 'wx-filestore-'));
});
afterAll(async () => {
	await fs.rm(root, { recursive: true, force: true });
});

let counter = 0;
let current = '';
describeStoreContract(
	'file',
	async () => {
		current = join(root, `contract-${++counter}`);
		return new FileStore({ dir: current });
	},
	async () => new FileStore({ dir: current }),
);

describe('FileStore specifics', () => {
	test('createStore puts each component in its own folder; folders 0700, files 0600', async () => {
		const store = createStore({
			kind: 'file',
			componentAppId: 'wxc0c0c0c0c0c0c001',
			baseDir: join(root, 'base'),
		});
		await store.set('authorizer:wx1', 'secret-ish');
		const dir = join(root, 'base', 'wxc0c0c0c0c0c0c001');
		expect((await fs.stat(dir)).mode & 0o777).toBe(0o700);
		expect((await fs.stat(join(dir, 'data'))).mode & 0o777).toBe(0o700);
		const files = await fs.readdir(join(dir, 'data'));
		expect(files).toEqual(['authorizer%3Awx1.json']);
		expect((await fs.stat(join(dir, 'data', files[0]))).mode & 0o777).toBe(0o600);
		// no temporary files left behind
		expect((await fs.readdir(join(dir, 'locks'))).filter((n) => !n.startsWith('k~'))).toEqual([]);
	});

	test('the default folder follows N8N_USER_FOLDER', async () => {
		const previous = process.env.N8N_USER_FOLDER;
		process.env.N8N_USER_FOLDER = join(root, 'n8nhome');
		try {
			const store = createStore({ kind: 'file', componentAppId: 'wxdefa017000000d01' });
			await store.set('ticket', 't');
			await fs.access(
				join(
					root,
					'n8nhome',
					'.n8n',
					'wechat-open-platform',
					'wxdefa017000000d01',
					'data',
					'ticket.json',
				),
			);
		} finally {
			if (previous === undefined) delete process.env.N8N_USER_FOLDER;
			else process.env.N8N_USER_FOLDER = previous;
		}
	});

	test('a component AppID that is not a plain name is refused (no path traversal)', () => {
		expect(() => createStore({ kind: 'file', componentAppId: '../etc', baseDir: root })).toThrow(
			/component AppID/,
		);
	});

	test('a corrupt file gives an error naming it, and is left byte for byte untouched', async () => {
		const store = new FileStore({ dir: join(root, 'corrupt') });
		await store.set('authorizer:wxbad', JSON.stringify({ refreshToken: 'r' }));
		const file = store.fileFor('authorizer:wxbad');
		const garbage = '{"v":1,"key":"authorizer:wxbad","value":"{\\"refreshTo';
		await fs.writeFile(file, garbage);
		for (const attempt of [
			() => store.get('authorizer:wxbad'),
			() => store.set('authorizer:wxbad', 'new'),
			() => store.setIfAbsent('authorizer:wxbad', 'new'),
			() => store.compareAndSet('authorizer:wxbad', undefined, 'new'),
			() => store.keys('authorizer:'),
		]) {
			const error = await attempt().then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(StoreCorruptError);
			expect((error as Error).message).toContain(file);
		}
		expect(await fs.readFile(file, 'utf8')).toBe(garbage);
		// Other keys keep working.
		await store.set('ticket', 'ok');
		expect(await store.get('ticket')).toBe('ok');
	});

	test('a lock left by a dead holder is taken over after its expiry, a live one is not', async () => {
		const dir = join(root, 'stale');
		const store = new FileStore({ dir });
		await store.withLock('authorizer:wx1', async () => undefined);
		const lockFile = join(dir, 'locks', 'n~authorizer%3Awx1.lock');
		await fs.writeFile(
			lockFile,
			JSON.stringify({ owner: 'dead', pid: 999999, expiresAt: Date.now() + 60_000 }),
		);
		await expect(store.withLock('authorizer:wx1', async () => 'x', { waitMs: 80 })).rejects.toThrow(
			/Timed out/,
		);
		await fs.writeFile(
			lockFile,
			JSON.stringify({ owner: 'dead', pid: 999999, expiresAt: Date.now() - 1 }),
		);
		expect(await store.withLock('authorizer:wx1', async () => 'taken over', { waitMs: 2000 })).toBe(
			'taken over',
		);
		await expect(fs.access(lockFile)).rejects.toThrow();
	});

	test('writes of one key from one process run in call order, each seeing the one before', async () => {
		// Polling a held lock file would let a later caller overtake an earlier one; the queue does not.
		const store = new FileStore({ dir: join(root, 'queued') });
		await store.set('ticket', '0');
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) => store.compareAndSet('ticket', String(i), String(i + 1))),
		);
		expect(results).toEqual(Array(20).fill(true));
		expect(await store.get('ticket')).toBe('20');
	});

	test('a failed write does not stop the writes queued behind it', async () => {
		const dir = join(root, 'queued-failure');
		const store = new FileStore({ dir });
		await store.set('k', 'before');
		await fs.writeFile(store.fileFor('k'), '{not json');
		await expect(store.set('k', 'a')).rejects.toBeInstanceOf(StoreCorruptError);
		await fs.rm(store.fileFor('k'));
		expect(await Promise.all([store.set('k', 'b'), store.setIfAbsent('k', 'c')])).toEqual([
			undefined,
			false,
		]);
		expect(await store.get('k')).toBe('b');
	});

	test('an unreadable lock file (holder died before writing it) is taken over once it is old', async () => {
		const dir = join(root, 'empty-lock');
		const store = new FileStore({ dir });
		await store.withLock('x', async () => undefined);
		const lockFile = join(dir, 'locks', 'n~x.lock');
		await fs.writeFile(lockFile, '');
		await expect(store.withLock('x', async () => 'no', { waitMs: 50 })).rejects.toThrow(
			/Timed out/,
		);
		const old = new Date(Date.now() - 60_000);
		await fs.utimes(lockFile, old, old);
		expect(await store.withLock('x', async () => 'yes', { waitMs: 2000 })).toBe('yes');
	});

	test('sweep removes expired entries only', async () => {
		const store = new FileStore({ dir: join(root, 'sweep') });
		await store.set('seen:a', '1', 20);
		await store.set('seen:b', '1', 60_000);
		await store.set('ticket', 't');
		const started = Date.now();
		while (Date.now() - started < 60) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(await store.sweep()).toBe(1);
		expect(await store.keys('')).toEqual(['seen:b', 'ticket']);
	});

	test('very long keys are stored under a hashed name and still listed', async () => {
		const store = new FileStore({ dir: join(root, 'long') });
		const key = `seen:${'m'.repeat(300)}`;
		expect(await store.setIfAbsent(key, '1', 60_000)).toBe(true);
		expect(await store.setIfAbsent(key, '1', 60_000)).toBe(false);
		expect(await store.keys('seen:')).toEqual([key]);
	});

	test('a write that need not be durable is still atomic and seen at once by another process', async () => {
		const dir = join(root, 'not-durable');
		const one = new FileStore({ dir });
		const other = new FileStore({ dir });
		expect(await one.setIfAbsent('seen:m1', '1', 60_000, { durable: false })).toBe(true);
		expect(await other.setIfAbsent('seen:m1', '1', 60_000, { durable: false })).toBe(false);
		expect(await other.get('seen:m1')).toBe('1');
		// Written through a temporary file and renamed: nothing else is left in the folder.
		expect(await fs.readdir(join(dir, 'data'))).toEqual([one.fileFor('seen:m1').split('/').pop()]);
	});
});
