import { withoutTokens } from '../../core/api/redact';
import { text } from '../../core/text';

test('text(): strings as they are, finite numbers in decimal, anything else empty', () => {
	expect(text(' a ')).toBe(' a ');
	expect(text(6054768590)).toBe('6054768590');
	expect(text(0)).toBe('0');
	for (const other of [undefined, null, NaN, Infinity, true, {}, ['a'], Buffer.from('a')]) {
		expect(text(other)).toBe('');
	}
});

test('withoutTokens(): drops every token key at any depth, keeps the rest and buffers', () => {
	const buffer = Buffer.from('x');
	expect(
		withoutTokens({
			authorizer_appid: 'wx1',
			authorizer_access_token: 'a',
			authorizer_refresh_token: 'r',
			nested: [{ access_token: 'a', session_key: 's', openid: 'o', code: 'kept' }],
			file: buffer,
		}),
	).toEqual({ authorizer_appid: 'wx1', nested: [{ openid: 'o', code: 'kept' }], file: buffer });
});
