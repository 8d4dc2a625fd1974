import type { Store } from '../../core/store/types';

/**
 * The behaviour every Store must have. Run against memory, file and Redis, so that code written
 * against one store works on the others.
 */
export function describeStoreContract(
	name: string,
	open: () => Promise<Store>,
	reopen?: () => Promise<Store>,
): void {
	describe(`${name} store contract`, () => {
		let store: Store;
		beforeEach(async () => {
			store = await open();
		});
		afterEach(async () => {
			await store.close();
		});

		test('get of a missing key is undefined; set then get returns the value', async () => {
			expect(await store.get('missing')).toBeUndefined();
			await store.set('a', 'one');
			expect(await store.get('a')).toBe('one');
			await store.set('a', 'two');
			expect(await store.get('a')).toBe('two');
		});

		test('values keep every character (unicode, JSON, newlines, colons in keys)', async () => {
			const value = JSON.stringify({ text: '你好 ]]> "\n\t', n: 1 });
			await store.set('authorizer:wx1234:extra', value);
			expect(await store.get('authorizer:wx1234:extra')).toBe(value);
		});

		test('a TTL makes the key disappear; without TTL it stays', async () => {
			// TTLs here leave room for a loaded machine between a write and the read that follows it.
			await store.set('short', 'x', 400);
			await store.set('long', 'y');
			expect(await store.get('short')).toBe('x');
			await waitUntil(async () => (await store.get('short')) === undefined, 5000);
			expect(await store.get('long')).toBe('y');
		});

		test('set without TTL replaces an earlier TTL', async () => {
			await store.set('k', 'x', 40);
			await store.set('k', 'y');
			const started = Date.now();
			await waitUntil(async () => Date.now() - started > 120, 1000);
			expect(await store.get('k')).toBe('y');
		});

		test('setIfAbsent writes once, and again after the TTL', async () => {
			// 400 ms, not less: on a loaded machine a shorter TTL expired before the second call.
			expect(await store.setIfAbsent('seen:1', 'a', 400)).toBe(true);
			expect(await store.setIfAbsent('seen:1', 'b', 400)).toBe(false);
			expect(await store.get('seen:1')).toBe('a');
			await waitUntil(async () => (await store.get('seen:1')) === undefined, 5000);
			expect(await store.setIfAbsent('seen:1', 'c', 60_000)).toBe(true);
			expect(await store.get('seen:1')).toBe('c');
		});

		test('setIfAbsent under concurrency: exactly one winner', async () => {
			const results = await Promise.all(
				Array.from({ length: 20 }, (_, i) => store.setIfAbsent('race', String(i), 10_000)),
			);
			expect(results.filter(Boolean)).toHaveLength(1);
			const winner = results.indexOf(true);
			expect(await store.get('race')).toBe(String(winner));
		});

		test('compareAndSet writes only when the current value matches', async () => {
			expect(await store.compareAndSet('c', undefined, 'v1')).toBe(true);
			expect(await store.compareAndSet('c', undefined, 'v2')).toBe(false);
			expect(await store.compareAndSet('c', 'wrong', 'v2')).toBe(false);
			expect(await store.get('c')).toBe('v1');
			expect(await store.compareAndSet('c', 'v1', 'v2')).toBe(true);
			expect(await store.get('c')).toBe('v2');
			expect(await store.compareAndSet('c', 'v2', undefined)).toBe(true);
			expect(await store.get('c')).toBeUndefined();
			expect(await store.compareAndSet('c', 'v2', undefined)).toBe(false);
		});

		test('compareAndSet with TTL expires; an expired value counts as absent', async () => {
			expect(await store.compareAndSet('t', undefined, 'v', 40)).toBe(true);
			await waitUntil(async () => (await store.get('t')) === undefined, 2000);
			expect(await store.compareAndSet('t', 'v', 'w')).toBe(false);
			expect(await store.compareAndSet('t', undefined, 'w')).toBe(true);
		});

		test('concurrent compareAndSet increments lose no update', async () => {
			await store.set('counter', '0');
			const increment = async () => {
				for (;;) {
					const current = await store.get('counter');
					if (await store.compareAndSet('counter', current, String(Number(current) + 1))) return;
				}
			};
			await Promise.all(Array.from({ length: 15 }, increment));
			expect(await store.get('counter')).toBe('15');
		});

		test('delete removes; deleting a missing key is fine', async () => {
			await store.set('d', 'x');
			await store.delete('d');
			expect(await store.get('d')).toBeUndefined();
			await store.delete('d');
		});

		test('keys lists live keys by prefix', async () => {
			await store.set('known:wx1', '1');
			await store.set('known:wx2', '2');
			await store.set('known:wx3', '3', 30);
			await store.set('other:wx1', 'x');
			await waitUntil(async () => (await store.get('known:wx3')) === undefined, 2000);
			expect((await store.keys('known:')).sort()).toEqual(['known:wx1', 'known:wx2']);
			expect(await store.keys('nothing:')).toEqual([]);
		});

		test('withLock excludes other holders and releases on error', async () => {
			let inside = 0;
			let maxInside = 0;
			const order: number[] = [];
			const work = (i: number) =>
				store.withLock('L', async () => {
					inside++;
					maxInside = Math.max(maxInside, inside);
					await new Promise((resolve) => setImmediate(resolve));
					order.push(i);
					inside--;
					return i;
				});
			const results = await Promise.all([1, 2, 3, 4, 5].map(work));
			expect(results).toEqual([1, 2, 3, 4, 5]);
			expect(maxInside).toBe(1);
			expect(order.sort()).toEqual([1, 2, 3, 4, 5]);
			await expect(
				store.withLock('L', async () => Promise.reject(new Error('boom'))),
			).rejects.toThrow('boom');
			expect(await store.withLock('L', async () => 'free again', { waitMs: 500 })).toBe(
				'free again',
			);
		});

		test('withLock gives up after waitMs with a clear error', async () => {
			let release!: () => void;
			const held = store.withLock('W', () => new Promise<void>((resolve) => (release = resolve)));
			await waitUntil(async () => release !== undefined, 1000);
			await expect(store.withLock('W', async () => 'never', { waitMs: 100 })).rejects.toThrow(
				/Timed out after 100 ms waiting for the store lock "W"/,
			);
			release();
			await held;
		});

		test('a held lock is renewed past its ttl while its holder runs', async () => {
			let stuck = true;
			let entered!: () => void;
			const holding = new Promise<void>((resolve) => (entered = resolve));
			const orphan = store.withLock(
				'D',
				async () => {
					entered();
					await waitUntil(async () => !stuck, 10_000);
				},
				{ ttlMs: 300 },
			);
			await holding;
			// While its holder is alive the lock is renewed, so a waiter for several ttls still times out.
			await expect(store.withLock('D', async () => 'x', { waitMs: 1200 })).rejects.toThrow(
				/Timed out/,
			);
			stuck = false;
			await orphan;
			expect(await store.withLock('D', async () => 'after', { waitMs: 1000 })).toBe('after');
		});

		if (reopen) {
			test('data written through one instance is seen by another (restart / other process)', async () => {
				await store.set('persist', 'v');
				const other = await reopen();
				try {
					expect(await other.get('persist')).toBe('v');
					expect(await other.compareAndSet('persist', 'v', 'w')).toBe(true);
					expect(await store.get('persist')).toBe('w');
				} finally {
					await other.close();
				}
			});
		}
	});
}

export async function waitUntil(
	check: () => Promise<boolean> | boolean,
	timeoutMs: number,
	intervalMs = 5,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}
