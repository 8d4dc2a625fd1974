import { WeChatApiError } from '../../core/api/errors';
import { HEALTH_KEYS, HealthRecorder, reasonOf } from '../../core/health';
import { MemoryStore } from '../../core/store/MemoryStore';
import type { Store } from '../../core/store/types';

const apiError = (errcode: number, endpoint = '/cgi-bin/menu/get?access_token=***') =>
	new WeChatApiError({ errcode, errmsg: `error ${errcode}`, endpoint });

function counting(store: Store): { store: Store; sets: string[]; cas: string[] } {
	const sets: string[] = [];
	const cas: string[] = [];
	return {
		sets,
		cas,
		store: new Proxy(store, {
			get(target, name, receiver) {
				const value = Reflect.get(target, name, receiver) as unknown;
				if (name === 'set')
					return (key: string, v: string, ttl?: number) => {
						sets.push(key);
						return target.set(key, v, ttl);
					};
				if (name === 'compareAndSet')
					return (key: string, e: string | undefined, v: string | undefined, ttl?: number) => {
						cas.push(key);
						return target.compareAndSet(key, e, v, ttl);
					};
				return typeof value === 'function' ? value.bind(target) : value;
			},
		}),
	};
}

test('the trigger reasons map to the four groups an operator reads', () => {
	expect(reasonOf('invalid signature')).toBe('badSignature');
	expect(reasonOf('missing signature')).toBe('badSignature');
	expect(reasonOf('request expired')).toBe('stale');
	expect(reasonOf('wrong appid')).toBe('wrongAppId');
	expect(reasonOf('cannot decrypt')).toBe('undecryptable');
	expect(reasonOf('malformed body')).toBe('undecryptable');
	expect(reasonOf('not found')).toBeUndefined();
});

test('a WeChat error is written once per errcode and account per interval; other errors never', async () => {
	let now = 1_000_000;
	const { store, cas } = counting(new MemoryStore());
	const health = new HealthRecorder(store, { now: () => now });
	const appId = 'wx0123456789abcdef';
	await health.apiError(appId, apiError(61007));
	await health.apiError(appId, apiError(61007));
	await health.apiError(appId, new Error('socket hang up'));
	expect(cas).toEqual([HEALTH_KEYS.account(appId)]);
	now += 60_000;
	await health.apiError(appId, apiError(61007));
	// Platform-wide codes go to the platform's record, not the account's.
	await health.apiError(appId, apiError(61004));
	expect(cas).toEqual([
		HEALTH_KEYS.account(appId),
		HEALTH_KEYS.account(appId),
		HEALTH_KEYS.component,
	]);
	const record = JSON.parse((await store.get(HEALTH_KEYS.account(appId)))!);
	expect(record).toEqual({ lastError: { errcode: 61007, errmsg: 'error 61007', at: now } });
});

test('a refresh failure is marked as one', async () => {
	const store = new MemoryStore();
	const health = new HealthRecorder(store);
	await health.apiError(
		'wx0123456789abcdef',
		apiError(61023, '/cgi-bin/component/api_authorizer_token?component_access_token=***'),
	);
	const record = JSON.parse((await store.get(HEALTH_KEYS.account('wx0123456789abcdef')))!);
	expect(record.lastError).toMatchObject({ errcode: 61023, duringRefresh: true });
});

test('a store that fails never makes recording throw', async () => {
	const broken = new MemoryStore();
	broken.get = () => Promise.reject(new Error('down'));
	broken.set = () => Promise.reject(new Error('down'));
	const health = new HealthRecorder(broken);
	health.pushed('message');
	health.rejected('invalid signature');
	await expect(health.apiError('wx0123456789abcdef', apiError(61007))).resolves.toBeUndefined();
	await expect(health.disconnected('wx0123456789abcdef')).resolves.toBeUndefined();
	await expect(health.close()).resolves.toBeUndefined();
	expect(health.snapshot().rejected.badSignature).toBe(1);
});
