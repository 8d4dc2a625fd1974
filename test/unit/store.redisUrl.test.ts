import { StoreConfigError } from '../../core/store/errors';
import { createStore } from '../../core/store/createStore';
import { pooledRedisConnections } from '../../core/store/redisPool';
import { parseRedisUrl } from '../../core/store/redisUrl';

const SECRET = 'S3cretPass';

test('valid URLs: scheme, host, port, db, user and percent-encoded password', () => {
	expect(parseRedisUrl('redis://localhost')).toMatchObject({
		host: 'localhost',
		port: 6379,
		db: 0,
		tls: false,
		label: 'localhost:6379/0',
	});
	expect(parseRedisUrl(`redis://:${SECRET}@10.0.0.5:6380/2`)).toMatchObject({
		host: '10.0.0.5',
		port: 6380,
		db: 2,
		password: SECRET,
		username: undefined,
	});
	expect(parseRedisUrl('rediss://app:p%40ss%2Fw@redis.example.com:6390')).toMatchObject({
		username: 'app',
		password: 'p@ss/w',
		tls: true,
		label: 'redis.example.com:6390/0',
	});
	expect(parseRedisUrl('redis://[::1]:7000')).toMatchObject({ host: '::1', port: 7000 });
});

test.each([
	[`redis//:${SECRET}@host:6379`, /must start with redis:\/\//],
	[`${SECRET}@host:6379`, /must start with redis:\/\//],
	[`http://:${SECRET}@host:6379`, /must start with redis:\/\//],
	[`redis://:${SECRET}@host:port`, /port that is not a number/],
	[`redis://:${SECRET}@host:63 79`, /port that is not a number/],
	[`redis://:${SECRET}@host:99999`, /outside 1–65535/],
	[`redis://:${SECRET}@:6379`, /no host|malformed/],
	[`redis://:${SECRET}@host:6379/zero`, /database that is not a number/],
	[`redis://:${SECRET}%zz@host:6379`, /percent-encoding/],
])('%s is refused with a credential error that never shows the password', (url, message) => {
	let error: unknown;
	try {
		parseRedisUrl(url);
	} catch (e) {
		error = e;
	}
	expect(error).toBeInstanceOf(StoreConfigError);
	const e = error as StoreConfigError;
	expect(e.code).toBe('STORE_CONFIG');
	expect(e.message).toMatch(message);
	expect(e.hint).toMatch(/redis:\/\/\[:password@\]host:port/);
	expect(JSON.stringify({ ...e, message: e.message, stack: e.stack })).not.toContain(SECRET);
});

test('a malformed URL is refused before any connection is opened', () => {
	expect(() =>
		createStore({
			kind: 'redis',
			componentAppId: 'wx1234567890abcdef',
			redisUrl: `redis://:${SECRET}@127.0.0.1:abc`,
		}),
	).toThrow(StoreConfigError);
	expect(pooledRedisConnections()).toBe(0);
});
